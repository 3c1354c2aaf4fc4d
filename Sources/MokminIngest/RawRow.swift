import MokminGeo

/// One data row as read.
public struct RawRow: Sendable, Hashable {
    /// Where the row is, 1-based: for CSV and TSV the physical line on which the record starts, for JSON and GeoJSON
    /// the array index + 1, for XLSX the sheet's row number.
    public var line: Int
    /// The fields, aligned to the reader's `header`; nil means the field is absent (a JSON key not present or
    /// `null`, an empty XLSX cell). CSV fields are never nil: an empty CSV field is `""`.
    public var fields: [String?]
    /// The feature's geometry (GeoJSON only).
    public var geometry: Geometry?

    public init(line: Int, fields: [String?], geometry: Geometry? = nil) {
        self.line = line
        self.fields = fields
        self.geometry = geometry
    }
}
