import Foundation
import MokminGeo

/// A compact binary form of a boundary for the `region.boundary` column:
/// little-endian `UInt32` polygon count, then per polygon its ring count, then per ring its point count
/// followed by `Float64` longitude/latitude pairs.
extension MultiPolygon {
    public var blob: Data {
        var data = Data()
        func put(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        func put(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        put(UInt32(polygons.count))
        for polygon in polygons {
            put(UInt32(polygon.rings.count))
            for ring in polygon.rings {
                put(UInt32(ring.count))
                for p in ring {
                    put(p.lon)
                    put(p.lat)
                }
            }
        }
        return data
    }

    public init(blob: Data) throws {
        var offset = blob.startIndex
        func take<T: FixedWidthInteger>(_: T.Type) throws -> T {
            let size = MemoryLayout<T>.size
            guard offset + size <= blob.endIndex else {
                throw MokminStoreError(ko: "경계 데이터가 손상되었습니다", en: "A stored boundary is corrupt")
            }
            var value: T = 0
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: blob[offset..<offset + size]) }
            offset += size
            return T(littleEndian: value)
        }
        var polygons: [Polygon] = []
        for _ in 0..<(try take(UInt32.self)) {
            var rings: [[GeoPoint]] = []
            for _ in 0..<(try take(UInt32.self)) {
                let n = Int(try take(UInt32.self))
                var ring: [GeoPoint] = []
                ring.reserveCapacity(n)
                for _ in 0..<n {
                    let lon = Double(bitPattern: try take(UInt64.self))
                    let lat = Double(bitPattern: try take(UInt64.self))
                    ring.append(GeoPoint(lon: lon, lat: lat))
                }
                rings.append(ring)
            }
            polygons.append(Polygon(rings: rings))
        }
        self.init(polygons: polygons)
    }
}
