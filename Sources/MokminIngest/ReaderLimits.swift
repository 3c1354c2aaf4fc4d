/// The bounds every reader holds a file to, so that no file (a ZIP bomb, a runaway quote, a header of a million
/// columns) can exhaust memory, disk or time. Past a bound the reader stops with a ``ReadError`` naming the file, the
/// place and the bound; nothing has been stored by then.
///
/// The defaults are generous for the files Korean local governments publish (see each bound); tests lower them.
public struct ReaderLimits: Sendable {
    /// SQLite's `SQLITE_MAX_COLUMN` as compiled by default: the most columns a table may have.
    public static let sqliteMaxColumns = 2_000
    /// The columns every stored dataset version table has besides the file's own (see `GRDBDatasetRepository`).
    public static let internalColumns = ["_row", "_line", "_region", "_geometry"]
    /// The most columns a file may have: what one dataset version table can hold beside its internal columns (1,996).
    public static let maxColumns = sqliteMaxColumns - internalColumns.count

    /// The bounds as they apply to every import.
    public static let standard = ReaderLimits()

    /// The longest record (in UTF-8 bytes): a CSV or TSV record, an XLSX row, a JSON record, one shared string.
    /// An unbalanced quote would otherwise make a CSV reader hold the rest of the file. Excel's own cell limit is
    /// 32,767 characters, so 16 MiB holds any real row many times over.
    public internal(set) var maxRecordBytes = 16 * 1024 * 1024

    /// The largest JSON or GeoJSON file. These are parsed whole (the header is the union of every record's keys), and
    /// their parsed form takes several times the file's size in memory; a dataset larger than this should come as
    /// CSV, which streams at any size. API answers and boundary files of a city are tens of megabytes.
    public internal(set) var maxJSONBytes = 256 * 1024 * 1024

    /// The most a sheet or shared-strings part of an XLSX package may inflate to. Excel stops at 1,048,576 rows; a
    /// county's largest real sheets (a million rows of some twenty columns) are a few hundred megabytes of XML, so
    /// 2 GiB leaves room and still stops a ZIP bomb long before the disk fills. The sheet is unpacked to a
    /// temporary file, never held in memory.
    public internal(set) var maxXLSXPartBytes: Int64 = 2 * 1024 * 1024 * 1024
    /// The most a package's small parts (workbook, relationships, styles), which are parsed in memory, may inflate
    /// to: real ones are kilobytes, a bloated styles part a few megabytes.
    public internal(set) var maxXLSXMetadataPartBytes: Int64 = 64 * 1024 * 1024
    /// The most all the parts read from one package may inflate to together, counted as they are inflated.
    public internal(set) var maxXLSXTotalBytes: Int64 = 4 * 1024 * 1024 * 1024
    /// The most a part may inflate per byte of its compressed size (or of the whole package, when the directory claims
    /// more than that). Spreadsheet XML compresses 5 to 30 times, even when sparse; deflate cannot exceed about
    /// 1,032 times, which is what ZIP bombs use. Checked once a part has inflated past
    /// ``xlsxRatioFloorBytes``, so that small, very regular parts are never refused.
    public internal(set) var maxXLSXCompressionRatio: Int64 = 200
    /// How far a part may inflate before its compression ratio is checked.
    public internal(set) var xlsxRatioFloorBytes: Int64 = 16 * 1024 * 1024
    /// The most entries the shared-strings table may have. A sheet of a million rows with a dozen distinct texts per
    /// row stays below it; the table is held in memory (as one buffer of text with an offset per entry).
    public internal(set) var maxSharedStrings = 16 * 1024 * 1024
    /// The most text the shared-strings table may hold, in UTF-8 bytes.
    public internal(set) var maxSharedStringBytes = 512 * 1024 * 1024
    /// The most text a sheet's cells may hold together once shared strings are expanded, in UTF-8 bytes: a tiny sheet
    /// that cites one long shared string a million times would otherwise write terabytes to the row spool.
    public internal(set) var maxSheetTextBytes: Int64 = 4 * 1024 * 1024 * 1024

    init() {}
}
