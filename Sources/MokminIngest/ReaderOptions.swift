import MokminGeo

/// How to read a file: its format, its text encoding (nil: detect) and, for XLSX, the sheet.
public struct ReaderOptions: Sendable {
    public var format: SourceFormat
    /// The encoding of a CSV or TSV file; nil detects it (see ``TextEncoding/detect(_:)``). Ignored by the other
    /// formats, which are UTF-8 by definition (JSON, GeoJSON) or carry their own (XLSX).
    public var encoding: TextEncoding?
    /// The XLSX sheet to read by name; nil reads the first sheet.
    public var sheet: String?
    /// How many bytes a CSV or TSV reader reads from the file at a time.
    var chunkSize: Int = 64 * 1024
    /// The bounds the reader holds the file to (lowered by tests).
    var limits = ReaderLimits.standard

    public init(format: SourceFormat, encoding: TextEncoding? = nil, sheet: String? = nil) {
        self.format = format
        self.encoding = encoding
        self.sheet = sheet
    }
}
