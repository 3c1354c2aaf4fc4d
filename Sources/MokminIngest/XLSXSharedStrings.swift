import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A workbook's shared-strings table, held as one buffer of UTF-8 text with the end offset of each entry: about the
/// text's own size in memory, where an array of strings would take several times that for millions of short
/// entries.
struct XLSXSharedStrings {
    private(set) var text: [UInt8] = []
    private(set) var ends: [Int] = []

    var count: Int { ends.count }

    /// The entry at `index`, or nil outside the table.
    func string(at index: Int) -> String? {
        guard ends.indices.contains(index) else { return nil }
        let start = index == 0 ? 0 : ends[index - 1]
        return String(decoding: text[start..<ends[index]], as: UTF8.self)
    }

    /// The length in bytes of the entry at `index` (which must be in the table).
    func byteCount(at index: Int) -> Int {
        ends[index] - (index == 0 ? 0 : ends[index - 1])
    }

    /// Bytes of the entry being collected (the text after the last end).
    var pendingByteCount: Int { text.count - (ends.last ?? 0) }

    mutating func append(_ string: String) {
        text.append(contentsOf: string.utf8)
    }

    /// Drops the text collected since the last entry ended.
    mutating func discardPending() {
        text.removeSubrange((ends.last ?? 0)...)
    }

    /// Ends the entry being collected.
    mutating func finishEntry() {
        ends.append(text.count)
    }
}

/// Collects `sharedStrings.xml` (streamed from a file): each `<si>`'s text runs joined, phonetic runs (`<rPh>`) left
/// out, within ``ReaderLimits``' bounds on one entry, the number of entries and the table's text.
final class SharedStringsCollector: NSObject, XMLParserDelegate {
    private(set) var strings = XLSXSharedStrings()
    /// The bound that stopped the parse, if one did.
    private(set) var failure: ReadError?
    private let file: String
    private let limits: ReaderLimits
    private var inText = false, inPhonetic = false

    init(file: String, limits: ReaderLimits) {
        self.file = file
        self.limits = limits
    }

    func parser(
        _ parser: XMLParser, didStartElement qualified: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        switch localName(qualified) {
        case "si": if failure == nil { strings.discardPending() }
        case "rPh": inPhonetic = true
        case "t": inText = !inPhonetic
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText, failure == nil else { return }
        strings.append(string)
        if strings.pendingByteCount > limits.maxRecordBytes {
            stop(
                parser,
                .recordTooLarge(
                    file: file, line: nil, limit: limits.maxRecordBytes,
                    what: ("공유 문자열 \(LimitText.count(strings.count + 1))번째 항목이", "shared string \(LimitText.count(strings.count + 1))")))
        } else if strings.text.count > limits.maxSharedStringBytes {
            let size = LimitText.bytes(limits.maxSharedStringBytes)
            stop(
                parser,
                ReadError(
                    .tooLarge, file: file, ko: "공유 문자열 표(xl/sharedStrings.xml)의 글자가 \(size.ko)를 넘습니다",
                    en: "the shared-strings table (xl/sharedStrings.xml) holds more than \(size.en) of text"))
        }
    }

    func parser(_ parser: XMLParser, didEndElement qualified: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        switch localName(qualified) {
        case "si":
            strings.finishEntry()
            if strings.count > limits.maxSharedStrings {
                let limit = LimitText.count(limits.maxSharedStrings)
                stop(
                    parser,
                    ReadError(
                        .tooLarge, file: file, ko: "공유 문자열 표(xl/sharedStrings.xml)의 항목이 \(limit)개를 넘습니다",
                        en: "the shared-strings table (xl/sharedStrings.xml) has more than \(limit) entries"))
            }
        case "rPh": inPhonetic = false
        case "t": inText = false
        default: break
        }
    }

    private func stop(_ parser: XMLParser, _ error: ReadError) {
        failure = error
        parser.abortParsing()
    }
}
