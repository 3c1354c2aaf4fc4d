import Foundation
import MokminBase
import ZIPFoundation

/// Writes a workbook (OOXML `.xlsx`) of named sheets: the first row of each sheet bold, text as inline strings, numbers as
/// numbers. The package is the minimal one Excel, LibreOffice and Mokmin's own ``XLSXRowReader`` open: content types,
/// relationships, the workbook, a style sheet and one part per sheet (see `XLSXWriter+Parts.swift`), built in memory
/// with ZIPFoundation.
///
/// Text is stored as given, within what a sheet can hold: characters XML 1.0 cannot carry (U+0000–U+0008, U+000B,
/// U+000C, U+000E–U+001F, U+FFFE, U+FFFF) are dropped, a carriage return is kept as `&#13;` (so `\r\n` comes back
/// as written), a literal `_xHHHH_` is protected from Excel's decoding of it (``XLSXStringEscape``), and a cell is cut
/// at Excel's 32,767 characters. Sheet names are made valid for Excel (see ``addSheet(name:rows:)``).
public struct XLSXWriter: Sendable {
    /// One cell.
    public enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double)
        case empty
    }

    /// The most rows and columns a sheet holds in Excel.
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384

    private var sheets: [(name: String, rows: [[Cell]])] = []

    public init() {}

    /// Adds a sheet and answers the name it got. The name is made valid for Excel: `[]:*?/\` become `_`, control
    /// characters are dropped, apostrophes and spaces at either end are trimmed, it is cut to 31 characters (UTF-16
    /// units, never inside a character), an empty name becomes `SheetN`, and a name already in the book (compared
    /// ignoring case, and Excel's reserved `History`) gets the first free suffix ` (2)`, ` (3)`, ….
    @discardableResult
    public mutating func addSheet(name: String, rows: [[Cell]]) -> String {
        let unique = Self.sheetName(name, position: sheets.count + 1, taken: sheets.map(\.name))
        sheets.append((unique, rows))
        return unique
    }

    /// The workbook's bytes; a book without sheets gets one empty `Sheet1`. A sheet with more rows or a row with more
    /// cells than Excel holds (``maxRows``, ``maxColumns``) is an `invalidInput` error.
    public func data() throws -> Data {
        let book = sheets.isEmpty ? [(name: "Sheet1", rows: [[Cell]]())] : sheets
        for sheet in book {
            if sheet.rows.count > Self.maxRows {
                throw MokminError(
                    .invalidInput, ko: "시트 '\(sheet.name)'의 행이 \(sheet.rows.count)개로, XLSX 시트에 들어가는 \(Self.maxRows)개를 넘습니다",
                    en: "sheet '\(sheet.name)' has \(sheet.rows.count) rows, more than the \(Self.maxRows) an XLSX sheet holds")
            }
            if let widest = sheet.rows.map(\.count).max(), widest > Self.maxColumns {
                throw MokminError(
                    .invalidInput, ko: "시트 '\(sheet.name)'의 한 행에 셀이 \(widest)개로, XLSX 시트에 들어가는 \(Self.maxColumns)개를 넘습니다",
                    en: "a row of sheet '\(sheet.name)' has \(widest) cells, more than the \(Self.maxColumns) an XLSX sheet holds")
            }
        }
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", Self.contentTypesXML(sheetCount: book.count))
        try add("_rels/.rels", Self.packageRelationshipsXML)
        try add("xl/workbook.xml", Self.workbookXML(sheetNames: book.map(\.name)))
        try add("xl/_rels/workbook.xml.rels", Self.workbookRelationshipsXML(sheetCount: book.count))
        try add("xl/styles.xml", Self.stylesXML)
        for (index, sheet) in book.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", Self.sheetXML(sheet.rows))
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}
