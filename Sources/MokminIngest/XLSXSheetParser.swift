import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Turns a worksheet part's `<row>`s into rows of cell texts, written to a ``RowSpool``.
///
/// Cells: shared strings (`t="s"`), inline strings (`t="inlineStr"`), formula strings (`t="str"`) — the three with
/// Excel's `_xHHHH_` escapes decoded (see ``XLSXStringEscape``) —, booleans
/// (`t="b"`, as `true`/`false`), errors (`t="e"`, as their text such as `#N/A`), and numbers, which are written as
/// stored unless their style is a date or time format, in which case they become ISO dates (see ``ExcelDate``).
/// An empty or missing cell is nil; a row with no value at all is left out.
///
/// Bounds (``ReaderLimits``): the header row (the first with a value) has at most ``ReaderLimits/maxColumns``
/// columns; a cell or a row holds at most ``ReaderLimits/maxRecordBytes``; all the cells together, shared strings
/// expanded, at most ``ReaderLimits/maxSheetTextBytes``; no cell lies beyond column ZZZ. Past one, the parse stops
/// with ``failure`` set.
final class XLSXSheetParser: NSObject, XMLParserDelegate {
    /// The last column a three-letter reference can name (ZZZ), 0-based; Excel itself stops at XFD (16,383).
    static let lastColumnIndex = 18_277

    private let package: XLSXPackage
    private let limits: ReaderLimits
    private let spool: RowSpool.Writer
    private(set) var failure: Error?
    private var rowNumber = 0
    private var cells: [String?] = []
    private var cellColumn = 0, cellType = "", cellStyle = 0
    private var valueText = "", inlineText = ""
    private var inValue = false, inInlineText = false, inPhonetic = false, sawValue = false
    private var sawHeader = false
    private var rowBytes = 0
    private var sheetBytes: Int64 = 0

    init(package: XLSXPackage, spool: RowSpool.Writer) {
        self.package = package
        self.limits = package.limits
        self.spool = spool
    }

    func parser(
        _ parser: XMLParser, didStartElement qualified: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        switch localName(qualified) {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? (rowNumber < Int.max ? rowNumber + 1 : rowNumber)
            cells = []
            rowBytes = 0
        case "c":
            cellColumn = attributes["r"].flatMap(Self.columnIndex) ?? cells.count
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            valueText = ""
            inlineText = ""
            sawValue = false
        case "v":
            inValue = true
            sawValue = true
        case "rPh": inPhonetic = true
        case "t": inInlineText = !inPhonetic
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil else { return }
        if inValue {
            valueText += string
        } else if inInlineText {
            inlineText += string
            sawValue = true
        } else {
            return
        }
        if valueText.utf8.count + inlineText.utf8.count > limits.maxRecordBytes { stop(parser, cellTooLarge()) }
    }

    func parser(_ parser: XMLParser, didEndElement qualified: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        switch localName(qualified) {
        case "v": inValue = false
        case "t": inInlineText = false
        case "rPh": inPhonetic = false
        case "c":
            guard sawValue, let text = cellText(parser), !text.isEmpty else { return }
            guard cellColumn <= Self.lastColumnIndex else {
                return stop(
                    parser,
                    ReadError(
                        .malformed, file: package.file, line: rowNumber, ko: "ZZZ 열보다 뒤에 있는 셀이 있습니다 (XLSX가 손상되었습니다)",
                        en: "a cell lies beyond column ZZZ (the XLSX package is damaged)"))
            }
            let bytes = text.utf8.count
            rowBytes += bytes
            sheetBytes += Int64(bytes)
            if rowBytes > limits.maxRecordBytes {
                return stop(
                    parser,
                    ReadError.recordTooLarge(file: package.file, line: rowNumber, limit: limits.maxRecordBytes, what: ("이 행의 값이", "the row's text")))
            }
            if sheetBytes > limits.maxSheetTextBytes {
                let size = LimitText.bytes(limits.maxSheetTextBytes)
                return stop(
                    parser,
                    ReadError(
                        .tooLarge, file: package.file, line: rowNumber,
                        ko: "시트의 값이 (공유 문자열을 펼치면) 모두 \(size.ko)를 넘습니다",
                        en: "the sheet's values, shared strings expanded, come to more than \(size.en)"))
            }
            if cellColumn >= cells.count { cells += [String?](repeating: nil, count: cellColumn - cells.count + 1) }
            cells[cellColumn] = text
        case "row":
            guard let last = cells.lastIndex(where: { $0 != nil }) else { return }
            if !sawHeader {
                sawHeader = true
                guard last < ReaderLimits.maxColumns else {
                    return stop(parser, ReadError.tooManyColumns(file: package.file, line: rowNumber, count: last + 1))
                }
            }
            do {
                try spool.write(number: rowNumber, cells: cells)
            } catch {
                stop(parser, error)
            }
        default: break
        }
    }

    private func stop(_ parser: XMLParser, _ error: Error) {
        failure = error
        parser.abortParsing()
    }

    private func cellTooLarge() -> ReadError {
        let reference = Self.columnName(cellColumn) + String(rowNumber)
        return .recordTooLarge(
            file: package.file, line: rowNumber, limit: limits.maxRecordBytes, what: ("\(reference) 셀의 값이", "the value of cell \(reference)"))
    }

    private func cellText(_ parser: XMLParser) -> String? {
        switch cellType {
        case "s":
            guard let index = Int(valueText), let text = package.sharedStrings.string(at: index) else {
                stop(
                    parser,
                    ReadError(
                        .malformed, file: package.file, line: rowNumber,
                        ko: "공유 문자열 번호 \(valueText)가 표에 없습니다 (XLSX가 손상되었습니다)",
                        en: "shared string \(valueText) is not in the table (the XLSX package is damaged)"))
                return nil
            }
            return XLSXStringEscape.decode(text)
        case "inlineStr": return XLSXStringEscape.decode(inlineText)
        case "str": return XLSXStringEscape.decode(valueText)
        case "b": return valueText == "1" ? "true" : valueText == "0" ? "false" : valueText
        case "e", "d": return valueText
        default:
            let kind = package.styleKinds.indices.contains(cellStyle) ? package.styleKinds[cellStyle] : .number
            if kind != .number, let serial = Double(valueText), let iso = ExcelDate.iso(serial: serial, kind: kind, date1904: package.date1904) {
                return iso
            }
            return valueText
        }
    }

    /// The 0-based column of a cell reference such as `B3` (→ 1) or `AA10` (→ 26).
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0, letters = 0
        for scalar in reference.unicodeScalars {
            let value = scalar.value
            guard (65...90).contains(value) || (97...122).contains(value) else { break }
            index = index * 26 + Int((value & 0xDF) - 64)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters > 0 ? index - 1 : nil
    }

    /// The letters of a 0-based column index (1 → `B`, 26 → `AA`).
    static func columnName(_ index: Int) -> String {
        var name = "", rest = index + 1
        while rest > 0 {
            let letter = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + letter))) + name
            rest = (rest - 1) / 26
        }
        return name
    }
}
