import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The parts of an XLSX workbook needed to read one sheet: which file holds it, the shared strings, which cell
/// styles are dates, and the date system. Every part is inflated through one ``XLSXPartReader``, so the package's
/// bounds hold across all of them.
struct XLSXPackage {
    let parts: XLSXPartReader
    var file: String { parts.file }
    var limits: ReaderLimits { parts.limits }
    /// The sheets in workbook order: name and part path inside the package.
    var sheets: [(name: String, path: String)] = []
    var date1904 = false
    var sharedStrings = XLSXSharedStrings()
    /// For each cell style index (`s="3"`), what its number format shows.
    var styleKinds: [ExcelDate.Kind] = []

    init(url: URL, limits: ReaderLimits) throws {
        parts = try XLSXPartReader(url: url, limits: limits)
        let workbook = try parse("xl/workbook.xml", into: ElementCollector(["sheet", "workbookPr"]), required: true)
        let relations = try parse("xl/_rels/workbook.xml.rels", into: ElementCollector(["Relationship"]), required: true)
        var targets: [String: String] = [:]
        for relation in relations.elements {
            guard let id = relation["Id"], let target = relation["Target"] else { continue }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        for element in workbook.elements {
            if element.name == "workbookPr" {
                date1904 = ["1", "true"].contains(element["date1904"] ?? "")
            } else if let name = element["name"], let id = element.attributes.first(where: { $0.key.hasSuffix(":id") })?.value,
                let path = targets[id]
            {
                sheets.append((name, path))
            }
        }
        sharedStrings = try readSharedStrings()
        let styles = try parse("xl/styles.xml", into: StylesCollector(), required: false)
        styleKinds = styles.cellFormats.map { id in
            styles.customFormats[id].map(ExcelDate.kind(formatCode:)) ?? ExcelDate.kind(builtIn: id)
        }
    }

    /// Parses a small part held in memory with `delegate`; a missing optional part leaves the delegate empty.
    private func parse<D: XMLParserDelegate>(_ path: String, into delegate: D, required: Bool) throws -> D {
        guard let entry = parts.entry(path) else {
            if !required { return delegate }
            throw ReadError(.malformed, file: file, ko: "XLSX 안에 \(path)가 없습니다", en: "the XLSX package has no \(path)")
        }
        let parser = XMLParser(data: try parts.data(of: entry, path: path))
        parser.delegate = delegate
        guard parser.parse() else { throw xmlError(path, parser) }
        return delegate
    }

    /// The shared-strings table, unpacked to a temporary file and parsed as a stream (it may be hundreds of
    /// megabytes of XML); empty when the package has none.
    private func readSharedStrings() throws -> XLSXSharedStrings {
        let path = "xl/sharedStrings.xml"
        guard let entry = parts.entry(path) else { return XLSXSharedStrings() }
        let xmlURL = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-strings-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: xmlURL) }
        try parts.unpack(entry, path: path, to: xmlURL)
        guard let parser = XMLParser(contentsOf: xmlURL) else {
            throw ReadError(.unreadable, file: file, ko: "\(path) 부분을 열 수 없습니다", en: "cannot open \(path)")
        }
        let collector = SharedStringsCollector(file: file, limits: limits)
        parser.delegate = collector
        let parsed = parser.parse()
        if let failure = collector.failure { throw failure }
        guard parsed else { throw xmlError(path, parser) }
        return collector.strings
    }

    func xmlError(_ path: String, _ parser: XMLParser) -> ReadError {
        let detail = parser.parserError.map { "\($0.localizedDescription)" } ?? ""
        return ReadError(
            .malformed, file: file, ko: "XLSX의 \(path) \(parser.lineNumber)번째 줄을 읽을 수 없습니다 \(detail)",
            en: "cannot read \(path) in the XLSX package at its line \(parser.lineNumber) \(detail)")
    }

    /// The sheet's part path: the named sheet, or the first.
    func sheetPath(named name: String?) throws -> String {
        if let name {
            guard let sheet = sheets.first(where: { $0.name == name }) else {
                let names = sheets.map(\.name).joined(separator: ", ")
                throw ReadError(
                    .sheetNotFound, file: file, ko: "시트 '\(name)'가 없습니다. 있는 시트: \(names)",
                    en: "there is no sheet '\(name)'; the sheets are: \(names)")
            }
            return sheet.path
        }
        guard let first = sheets.first else {
            throw ReadError(.empty, file: file, ko: "통합 문서에 시트가 없습니다", en: "the workbook has no sheet")
        }
        return first.path
    }
}

/// Collects the attributes of elements with the given names.
final class ElementCollector: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        subscript(key: String) -> String? { attributes[key] }
    }

    private let names: Set<String>
    private(set) var elements: [Element] = []

    init(_ names: Set<String>) {
        self.names = names
    }

    func parser(
        _ parser: XMLParser, didStartElement qualified: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        let name = localName(qualified)
        if names.contains(name) { elements.append(Element(name: name, attributes: attributes)) }
    }
}

/// Collects `styles.xml`: custom number formats and each cell format's number format id.
final class StylesCollector: NSObject, XMLParserDelegate {
    private(set) var customFormats: [Int: String] = [:]
    private(set) var cellFormats: [Int] = []
    private var inCellFormats = false

    func parser(
        _ parser: XMLParser, didStartElement qualified: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        let name = localName(qualified)
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
        case "cellXfs": inCellFormats = true
        case "xf" where inCellFormats: cellFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement qualified: String, namespaceURI: String?, qualifiedName: String?) {
        let name = localName(qualified)
        if name == "cellXfs" { inCellFormats = false }
    }
}

/// An element name without its namespace prefix (`x:row` → `row`).
func localName(_ qualified: String) -> String {
    guard let colon = qualified.lastIndex(of: ":") else { return qualified }
    return String(qualified[qualified.index(after: colon)...])
}
