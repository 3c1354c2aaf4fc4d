import Foundation

/// Opens files for reading.
public enum Readers: Sendable {
    /// Opens `url` with the reader for `options.format`, reading its header at once.
    ///
    /// Throws ``ReadError`` when the file cannot be opened, is empty, or (for JSON, GeoJSON and XLSX) is not in the
    /// format's shape.
    public static func open(_ url: URL, options: ReaderOptions) throws -> any RowReader {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ReadError(.unreadable, file: url.lastPathComponent, ko: "파일이 없습니다", en: "there is no such file")
        }
        switch options.format {
        case .csv: return try DelimitedReader(url: url, delimiter: UInt8(ascii: ","), options: options)
        case .tsv: return try DelimitedReader(url: url, delimiter: UInt8(ascii: "\t"), options: options)
        case .json: return try JSONRowReader(url: url, limits: options.limits)
        case .geojson: return try GeoJSONRowReader(url: url, limits: options.limits)
        case .xlsx: return try XLSXRowReader(url: url, sheet: options.sheet, limits: options.limits)
        }
    }
}
