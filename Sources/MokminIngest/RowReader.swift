import Foundation

/// A source of rows, read one at a time.
///
/// CSV, TSV and XLSX readers stream: memory stays flat whatever the file's size. JSON and GeoJSON files are read
/// whole, up to ``ReaderLimits/maxJSONBytes``. Every reader holds the file to ``ReaderLimits`` (columns, record
/// length, inflated size) and throws a ``ReadError`` naming the bound it passed. Readers are classes that own a
/// file handle (and, for CP949, an iconv descriptor); they may be handed to another task but must be used by one
/// task at a time.
public protocol RowReader: Sendable {
    /// The column names as in the file: trimmed, an empty name becomes `column_N` (N the 1-based position), and a
    /// repeated name gets " (2)", " (3)", … (see ``HeaderNames/normalize(_:)``).
    var header: [String] { get }
    /// The text encoding that was used: detected or as given (UTF-8 for JSON, GeoJSON and XLSX).
    var encoding: TextEncoding { get }
    /// The next data row, or nil at the end. Throws ``ReadError`` only when the file cannot be read further;
    /// a bad row is skipped and reported in ``issues``.
    mutating func next() throws -> RawRow?
    /// The rows skipped so far, in file order, each with its line and reason.
    var issues: [RowIssue] { get }
}
