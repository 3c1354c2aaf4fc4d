/// A ring's edges bucketed by latitude band, so that a crossing-number test looks only at the few edges whose
/// latitude range covers the query point instead of at every edge.
///
/// Built once per ring (O(n)) when a ``MultiPolygon`` is created. Every edge that can straddle a latitude is
/// listed in that latitude's band, and the test applied to each listed edge is exactly
/// ``Polygon/ringCrossesOdd(_:_:)``'s, so the answer is identical to the full scan, border rule included.
final class RingBands: Sendable {
    /// Rings shorter than this are scanned directly.
    static let minimumVertexCount = 24

    private let ring: [GeoPoint]
    private let minLat: Double
    private let maxLat: Double
    private let bandsPerDegree: Double
    private let bandCount: Int
    /// Band b's edges are `edges[offsets[b]..<offsets[b + 1]]`; an edge is identified by its end vertex i,
    /// running from vertex i − 1 (or n − 1 for i = 0).
    private let offsets: [Int32]
    private let edges: [Int32]

    init(ring: [GeoPoint]) {
        self.ring = ring
        let lats = ring.map(\.lat)
        minLat = lats.min() ?? 0
        maxLat = lats.max() ?? 0
        bandCount = max(1, min(ring.count / 4, 4096))
        let span = maxLat - minLat
        bandsPerDegree = span > 0 ? Double(bandCount) / span : 0
        let n = ring.count
        var counts = [Int32](repeating: 0, count: bandCount + 1)
        var ranges: [(Int, Int)] = []
        ranges.reserveCapacity(n)
        for i in 0..<n {
            let a = ring[i == 0 ? n - 1 : i - 1].lat, b = ring[i].lat
            let range = (RingBands.band(min(a, b), minLat, bandsPerDegree, bandCount), RingBands.band(max(a, b), minLat, bandsPerDegree, bandCount))
            ranges.append(range)
            for band in range.0...range.1 { counts[band + 1] += 1 }
        }
        for band in 0..<bandCount { counts[band + 1] += counts[band] }
        var fill = counts
        var edges = [Int32](repeating: 0, count: Int(counts[bandCount]))
        for (i, range) in ranges.enumerated() {
            for band in range.0...range.1 {
                edges[Int(fill[band])] = Int32(i)
                fill[band] += 1
            }
        }
        offsets = counts
        self.edges = edges
    }

    /// The band of a latitude, clamped to the ring's bands; monotonic in `lat`.
    @inline(__always)
    private static func band(_ lat: Double, _ minLat: Double, _ bandsPerDegree: Double, _ bandCount: Int) -> Int {
        let b = Int(((lat - minLat) * bandsPerDegree).rounded(.down))
        return min(max(b, 0), bandCount - 1)
    }

    /// Whether a ray from `p` towards +longitude crosses the ring an odd number of times.
    func crossesOdd(_ p: GeoPoint) -> Bool {
        guard p.lat >= minLat, p.lat < maxLat else { return false }
        let band = RingBands.band(p.lat, minLat, bandsPerDegree, bandCount)
        let n = ring.count
        var odd = false
        for k in Int(offsets[band])..<Int(offsets[band + 1]) {
            let i = Int(edges[k])
            let a = ring[i == 0 ? n - 1 : i - 1], b = ring[i]
            if (a.lat > p.lat) != (b.lat > p.lat) {
                let (lo, hi) = a.lat < b.lat ? (a, b) : (b, a)
                let cross = (hi.lon - lo.lon) * (p.lat - lo.lat) - (p.lon - lo.lon) * (hi.lat - lo.lat)
                if cross > 0 { odd.toggle() }
            }
        }
        return odd
    }
}
