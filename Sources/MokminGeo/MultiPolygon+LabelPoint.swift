import Foundation
import HeapModule

extension MultiPolygon {
    /// A point inside the area that is as far as possible from its boundary (the pole of inaccessibility of the
    /// largest part, found with the polylabel cell search), for placing a label.
    ///
    /// The search runs in a local equirectangular frame to a precision of 1/1000 of the part's extent. The result
    /// is checked with ``contains(_:)``; should that fail (degenerate rings), a scanline midpoint inside the part is
    /// used instead. An empty multipolygon gives the bounding-box centre.
    public var labelPoint: GeoPoint {
        guard let part = largestPart, part.outerRing.count >= 3 else { return centroid }
        let best = PoleOfInaccessibility(polygon: part).find()
        if contains(best) { return best }
        return PoleOfInaccessibility(polygon: part).scanlinePoint() ?? part.outerRing[0]
    }

    /// The part with the largest area.
    public var largestPart: Polygon? {
        let origin = boundingBox.isEmpty ? GeoPoint(lon: 0, lat: 0) : boundingBox.center
        return polygons.max { $0.planarMoments(origin: origin).area < $1.planarMoments(origin: origin).area }
    }
}

/// The polylabel search (Mapbox, 2016) over one polygon in a local frame x = Δlon·cos φ₀, y = Δlat.
struct PoleOfInaccessibility {
    private let rings: [[(x: Double, y: Double)]]
    private let origin: GeoPoint
    private let lonScale: Double

    init(polygon: Polygon) {
        let box = polygon.boundingBox
        origin = box.center
        lonScale = cos(origin.lat * .pi / 180)
        rings = polygon.rings.map { ring in ring.map { (($0.lon - box.center.lon) * cos(box.center.lat * .pi / 180), $0.lat - box.center.lat) } }
    }

    /// A square cell of the search; the heap hands out the cell with the highest potential first.
    private struct Cell: Comparable {
        let x: Double, y: Double, half: Double, distance: Double
        var potential: Double { distance + half * 2.0.squareRoot() }
        static func < (a: Cell, b: Cell) -> Bool { a.potential < b.potential }
        static func == (a: Cell, b: Cell) -> Bool { a.potential == b.potential }
    }

    /// The best cell centre, in geographic coordinates.
    func find() -> GeoPoint {
        let xs = rings[0].map(\.x), ys = rings[0].map(\.y)
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return origin }
        let size = min(maxX - minX, maxY - minY)
        guard size > 0 else { return geographic(x: minX, y: minY) }
        let precision = max(maxX - minX, maxY - minY) / 1000
        var heap = Heap<Cell>()
        var y = minY
        while y < maxY {
            var x = minX
            while x < maxX {
                heap.insert(cell(x + size / 2, y + size / 2, size / 2))
                x += size
            }
            y += size
        }
        let (cx, cy) = centroidXY()
        var best = cell(cx, cy, 0)
        let boxCentre = cell((minX + maxX) / 2, (minY + maxY) / 2, 0)
        if boxCentre.distance > best.distance { best = boxCentre }
        var visited = 0
        while let c = heap.popMax(), visited < 20_000 {
            visited += 1
            if c.distance > best.distance { best = c }
            if c.potential - best.distance <= precision { continue }
            let h = c.half / 2
            for (dx, dy) in [(-h, -h), (h, -h), (-h, h), (h, h)] {
                heap.insert(cell(c.x + dx, c.y + dy, h))
            }
        }
        return geographic(x: best.x, y: best.y)
    }

    /// The midpoint of the widest inside interval on a few horizontal lines, or nil if none is found.
    func scanlinePoint() -> GeoPoint? {
        let ys = rings[0].map(\.y)
        guard let minY = ys.min(), let maxY = ys.max(), maxY > minY else { return nil }
        for fraction in [0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875] {
            let y = minY + (maxY - minY) * fraction
            var hits: [Double] = []
            for ring in rings {
                var a = ring[ring.count - 1]
                for b in ring {
                    if (a.y > y) != (b.y > y) { hits.append(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y)) }
                    a = b
                }
            }
            hits.sort()
            var widest: (Double, Double)?
            for i in stride(from: 0, to: hits.count - 1, by: 2) where hits[i + 1] - hits[i] > (widest.map { $0.1 - $0.0 } ?? 0) {
                widest = (hits[i], hits[i + 1])
            }
            if let (x0, x1) = widest { return geographic(x: (x0 + x1) / 2, y: y) }
        }
        return nil
    }

    private func geographic(x: Double, y: Double) -> GeoPoint {
        GeoPoint(lon: origin.lon + x / lonScale, lat: origin.lat + y)
    }

    private func cell(_ x: Double, _ y: Double, _ half: Double) -> Cell {
        Cell(x: x, y: y, half: half, distance: signedDistance(x, y))
    }

    private func centroidXY() -> (Double, Double) {
        var area = 0.0, mx = 0.0, my = 0.0
        let ring = rings[0]
        var a = ring[ring.count - 1]
        for b in ring {
            let c = a.x * b.y - b.x * a.y
            area += c
            mx += (a.x + b.x) * c
            my += (a.y + b.y) * c
            a = b
        }
        return area == 0 ? (ring[0].x, ring[0].y) : (mx / (3 * area), my / (3 * area))
    }

    /// Distance to the nearest edge, positive inside and negative outside.
    private func signedDistance(_ px: Double, _ py: Double) -> Double {
        var inside = false
        var minSq = Double.infinity
        for ring in rings where ring.count >= 2 {
            var a = ring[ring.count - 1]
            for b in ring {
                if (a.y > py) != (b.y > py), px < (b.x - a.x) * (py - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                minSq = min(minSq, segmentDistanceSquared(px, py, a, b))
                a = b
            }
        }
        return (inside ? 1 : -1) * minSq.squareRoot()
    }
}

/// Squared distance from (px, py) to the segment a–b in a plane.
public func segmentDistanceSquared(_ px: Double, _ py: Double, _ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
    let t = segmentParameter(px, py, a, b)
    let dx = a.x + t * (b.x - a.x) - px, dy = a.y + t * (b.y - a.y) - py
    return dx * dx + dy * dy
}

/// The parameter t in 0...1 of the point of segment a–b nearest to (px, py).
public func segmentParameter(_ px: Double, _ py: Double, _ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
    let dx = b.x - a.x, dy = b.y - a.y
    let lengthSq = dx * dx + dy * dy
    guard lengthSq > 0 else { return 0 }
    return max(0, min(1, ((px - a.x) * dx + (py - a.y) * dy) / lengthSq))
}
