import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Turns a worksheet part's `<row>`s into rows of cell texts, written to a ``RowSpool``.
///
/// Cells: shared strings (`t="s"`), inline strings (`t="inlineStr"`), formula strings (`t="str"`), booleans
/// (`t="b"`, as `true`/`false`), errors (`t="e"`, as their text such as `#N/A`), and numbers, which are written as
/// stored unless their style is a date or time format, in which case they become ISO dates (see ``ExcelDate``).
/// An empty or missing cell is nil; a row with no value at all is left out.
final class XLSXSheetParser: NSObject, XMLParserDelegate {
    private let package: XLSXPackage
    private let spool: RowSpool.Writer
    private(set) var failure: Error?
    private var rowNumber = 0
    private var cells: [String?] = []
    private var cellColumn = 0, cellType = "", cellStyle = 0
    private var valueText = "", inlineText = ""
    private var inValue = false, inInlineText = false, inPhonetic = false, sawValue = false

    init(package: XLSXPackage, spool: RowSpool.Writer) {
        self.package = package
        self.spool = spool
    }

    func parser(
        _ parser: XMLParser, didStartElement qualified: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        switch localName(qualified) {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
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
        if inValue {
            valueText += string
        } else if inInlineText {
            inlineText += string
            sawValue = true
        }
    }

    func parser(_ parser: XMLParser, didEndElement qualified: String, namespaceURI: String?, qualifiedName: String?) {
        switch localName(qualified) {
        case "v": inValue = false
        case "t": inInlineText = false
        case "rPh": inPhonetic = false
        case "c":
            guard sawValue, let text = cellText(parser), !text.isEmpty else { return }
            if cellColumn >= cells.count { cells += [String?](repeating: nil, count: cellColumn - cells.count + 1) }
            cells[cellColumn] = text
        case "row":
            guard cells.contains(where: { $0 != nil }) else { return }
            do {
                try spool.write(number: rowNumber, cells: cells)
            } catch {
                failure = error
                parser.abortParsing()
            }
        default: break
        }
    }

    private func cellText(_ parser: XMLParser) -> String? {
        switch cellType {
        case "s":
            guard let index = Int(valueText), package.sharedStrings.indices.contains(index) else {
                failure = ReadError(
                    .malformed, file: package.file, line: rowNumber,
                    ko: "공유 문자열 번호 \(valueText)가 표에 없습니다 (XLSX가 손상되었습니다)",
                    en: "shared string \(valueText) is not in the table (the XLSX package is damaged)")
                parser.abortParsing()
                return nil
            }
            return package.sharedStrings[index]
        case "inlineStr": return inlineText
        case "b": return valueText == "1" ? "true" : valueText == "0" ? "false" : valueText
        case "str", "e", "d": return valueText
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
        }
        return letters > 0 && letters <= 3 ? index - 1 : nil
    }
}
