import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads one sheet of an XLSX workbook: the first, or the one named.
///
/// The sheet's XML is unpacked to a temporary file and parsed as a stream, its rows spooled to a second temporary
/// file and handed out one by one, so memory holds only the shared strings. The first row with a value is the
/// header; its last non-empty cell sets the width. A later row with a value beyond that width is reported as a
/// ``RowIssue`` (at its sheet row number) and skipped; missing cells are nil. Every part is inflated within
/// ``ReaderLimits`` (see ``XLSXPartReader``) and the sheet is parsed within them (see ``XLSXSheetParser``).
final class XLSXRowReader: RowReader, @unchecked Sendable {
    private(set) var header: [String] = []
    let encoding = TextEncoding.utf8
    private(set) var issues: [RowIssue] = []
    private let rows: RowSpool.Reader

    init(url: URL, sheet: String?, limits: ReaderLimits) throws {
        let package = try XLSXPackage(url: url, limits: limits)
        let path = try package.sheetPath(named: sheet)
        guard let entry = package.parts.entry(path) else {
            throw ReadError(.malformed, file: package.file, ko: "XLSX 안에 시트 파일 \(path)가 없습니다", en: "the XLSX package has no sheet part \(path)")
        }
        let xmlURL = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-sheet-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: xmlURL) }
        try package.parts.unpack(entry, path: path, to: xmlURL)
        let spool = try RowSpool.Writer()
        guard let parser = XMLParser(contentsOf: xmlURL) else {
            spool.discard()
            throw ReadError(.unreadable, file: package.file, ko: "시트를 열 수 없습니다", en: "cannot open the sheet")
        }
        let delegate = XLSXSheetParser(package: package, spool: spool)
        parser.delegate = delegate
        let parsed = parser.parse()
        if let failure = delegate.failure {
            spool.discard()
            if let readError = failure as? ReadError { throw readError }
            throw ReadError(.unreadable, file: package.file, ko: "임시 파일에 쓸 수 없습니다 (\(failure))", en: "cannot write a temporary file (\(failure))")
        }
        guard parsed else {
            spool.discard()
            throw package.xmlError(path, parser)
        }
        rows = try spool.finish()
        guard let first = try rows.next() else {
            throw ReadError(.empty, file: package.file, ko: "시트에 값이 없습니다", en: "the sheet has no values")
        }
        let width = (first.cells.lastIndex { $0 != nil } ?? 0) + 1
        header = HeaderNames.normalize(first.cells.prefix(width).map { $0 ?? "" })
    }

    func next() throws -> RawRow? {
        while let row = try rows.next() {
            if let beyond = row.cells.indices.last(where: { $0 >= header.count && row.cells[$0] != nil }) {
                issues.append(RowIssue(line: row.number, reason: .beyondHeader(column: beyond + 1, width: header.count)))
                continue
            }
            var fields = Array(row.cells.prefix(header.count))
            if fields.count < header.count { fields += [String?](repeating: nil, count: header.count - fields.count) }
            return RawRow(line: row.number, fields: fields)
        }
        return nil
    }
}
