/// The kinds of file the data hub imports.
public enum SourceFormat: String, Sendable, CaseIterable, Codable {
    case csv
    case tsv
    case json
    case geojson
    case xlsx

    /// The format a file name's extension stands for (case-insensitive), or nil when it names none of them.
    ///
    /// `.csv` and `.txt` are CSV, `.tsv` and `.tab` TSV, `.geojson` GeoJSON, `.json` JSON, `.xlsx` XLSX. A `.json`
    /// file that holds a FeatureCollection is still JSON by this rule: the caller passes `.geojson` explicitly.
    public static func guess(fileName: String) -> SourceFormat? {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "csv", "txt": return .csv
        case "tsv", "tab": return .tsv
        case "json": return .json
        case "geojson": return .geojson
        case "xlsx": return .xlsx
        default: return nil
        }
    }
}
