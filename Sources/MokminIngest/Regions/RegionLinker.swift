import MokminCore
import MokminGeo

/// Links a row to the region registry: by its administrative-code column, else by its longitude/latitude columns,
/// else by its geometry (a point, or a shape's label point). The answer is the region's 10-digit code, or nil.
struct RegionLinker {
    let codeIndex: Int?
    let lonIndex: Int?
    let latIndex: Int?
    let registry: RegionRegistry

    init(columns: [DatasetColumn], registry: RegionRegistry) {
        codeIndex = columns.firstIndex { $0.type == .regionCode }
        lonIndex = columns.firstIndex { $0.type == .longitude }
        latIndex = columns.firstIndex { $0.type == .latitude }
        self.registry = registry
    }

    /// Whether the columns allow linking at all.
    var isActive: Bool { codeIndex != nil || (lonIndex != nil && latIndex != nil) }

    /// Codes already looked up (a file repeats the same few hundred codes a million times).
    private var known: [String: String?] = [:]

    /// - Parameter values: the row's values, in column order (a slice of a batch).
    mutating func region(values: ArraySlice<TypedValue>, geometry: Geometry?) -> String? {
        let start = values.startIndex
        if let codeIndex {
            guard case .text(let code) = values[start + codeIndex] else { return nil }
            if let region = known[code] { return region }
            let region = registry.lookup(code: code)?.code
            if known.count < 100_000 { known[code] = region }
            return region
        }
        if let lonIndex, let latIndex, let lon = Self.number(values[start + lonIndex]),
            let lat = Self.number(values[start + latIndex])
        {
            return registry.region(at: GeoPoint(lon: lon, lat: lat))?.code
        }
        switch geometry {
        case .point(let p)?: return registry.region(at: p)?.code
        case .polygon(let p)?: return registry.region(at: MultiPolygon(polygons: [p]).labelPoint)?.code
        case .multiPolygon(let m)?: return registry.region(at: m.labelPoint)?.code
        default: return nil
        }
    }

    static func number(_ v: TypedValue) -> Double? {
        switch v {
        case .decimal(let d): d
        case .integer(let i): Double(i)
        default: nil
        }
    }
}
