import Foundation
import MokminGeo
import MokminGeoTestSupport
import Testing

@Suite("Point in polygon and the border rule")
struct ContainmentTests {
    /// West square [127.0, 127.01] and east square [127.01, 127.02] × [36.5, 36.51], sharing the edge lon = 127.01.
    let west = MultiPolygon(GeoFixtures.square(lon: 127.0, lat: 36.5, side: 0.01))
    let east = MultiPolygon(GeoFixtures.square(lon: 127.01, lat: 36.5, side: 0.01))

    @Test("a point on a shared edge belongs to exactly one square: the one to its east")
    func sharedEdge() {
        for lat in stride(from: 36.5, through: 36.51, by: 0.0005) {
            let p = GeoPoint(lon: 127.01, lat: lat)
            #expect(west.contains(p) != east.contains(p) || lat == 36.51, "\(p)")
            if lat < 36.51 { #expect(east.contains(p), "\(p)") }
        }
    }

    @Test("points 1e-9 degrees either side of the shared edge belong to the square they are in")
    func nearEdge() {
        for lat in [36.5001, 36.505, 36.5099] {
            #expect(west.contains(GeoPoint(lon: 127.01 - 1e-9, lat: lat)))
            #expect(!east.contains(GeoPoint(lon: 127.01 - 1e-9, lat: lat)))
            #expect(east.contains(GeoPoint(lon: 127.01 + 1e-9, lat: lat)))
            #expect(!west.contains(GeoPoint(lon: 127.01 + 1e-9, lat: lat)))
        }
    }

    @Test("west and south edges are inside, east and north edges outside, like [min, max)")
    func halfOpenSquare() {
        #expect(west.contains(GeoPoint(lon: 127.0, lat: 36.505)))
        #expect(west.contains(GeoPoint(lon: 127.005, lat: 36.5)))
        #expect(!west.contains(GeoPoint(lon: 127.005, lat: 36.51)))
        #expect(west.contains(GeoPoint(lon: 127.0, lat: 36.5)))
        #expect(!west.contains(GeoPoint(lon: 127.01, lat: 36.5)))
        #expect(!west.contains(GeoPoint(lon: 127.0, lat: 36.51)))
        // A square stacked to the north takes the shared horizontal edge.
        let north = MultiPolygon(GeoFixtures.square(lon: 127.0, lat: 36.51, side: 0.01))
        #expect(north.contains(GeoPoint(lon: 127.005, lat: 36.51)))
    }

    @Test("on a slanted shared edge exactly one of two triangles claims each point, whichever way the rings run")
    func slantedEdge() {
        let a = GeoPoint(lon: 127.013, lat: 36.417), b = GeoPoint(lon: 127.291, lat: 36.733)
        let left = MultiPolygon(Polygon(outer: [a, b, GeoPoint(lon: 127.0, lat: 36.8)]))
        let right = MultiPolygon(Polygon(outer: [b, a, GeoPoint(lon: 127.4, lat: 36.4)]).reversedRings())
        var random = SeededGenerator(seed: 42)
        for _ in 0..<2000 {
            let t = Double.random(in: 0...1, using: &random)
            let p = GeoPoint(lon: a.lon + t * (b.lon - a.lon), lat: a.lat + t * (b.lat - a.lat))
            guard p.lat < b.lat else { continue }
            #expect(left.contains(p) != right.contains(p), "\(p)")
        }
    }

    @Test("a point in a hole is outside, and an island filling the hole takes the hole's edge exactly once")
    func holes() {
        let outer = GeoFixtures.square(lon: 127.0, lat: 36.5, side: 0.03).outerRing
        let hole = GeoFixtures.square(lon: 127.01, lat: 36.51, side: 0.01).outerRing
        let ring = MultiPolygon(Polygon(rings: [outer, hole]))
        let island = MultiPolygon(Polygon(outer: hole))
        #expect(!ring.contains(GeoPoint(lon: 127.015, lat: 36.515)))
        #expect(island.contains(GeoPoint(lon: 127.015, lat: 36.515)))
        #expect(ring.contains(GeoPoint(lon: 127.005, lat: 36.515)))
        for p in hole + [GeoPoint(lon: 127.015, lat: 36.51), GeoPoint(lon: 127.02, lat: 36.515), GeoPoint(lon: 127.01, lat: 36.515)] {
            #expect(ring.contains(p) != island.contains(p), "\(p)")
        }
    }

    @Test("every vertex of Sejong's districts belongs to at most one district, and interior points to exactly one")
    func sejongTiling() throws {
        let districts = try GeoFixtures.sejongDistricts().map(\.area)
        let vertices = districts.flatMap(\.allPoints)
        #expect(vertices.count > 3000)
        let claimedTwice = vertices.filter { vertex in districts.filter { $0.contains(vertex) }.count > 1 }
        #expect(claimedTwice.isEmpty)
        // The centre of each district's label point is claimed by that district only.
        for (i, district) in districts.enumerated() {
            let owners = districts.indices.filter { districts[$0].contains(district.labelPoint) }
            #expect(owners == [i])
        }
    }

    @Test("the banded edge search of MultiPolygon answers exactly like a scan of every edge, on and off the edges")
    func bandedSearchMatchesScan() throws {
        var random = SeededGenerator(seed: 2901)
        for district in try GeoFixtures.sejongDistricts().map(\.area) {
            let ring = district.polygons[0].outerRing
            let box = district.boundingBox
            var probes = ring
            for i in ring.indices {
                let a = ring[i], b = ring[(i + 1) % ring.count]
                probes.append(GeoPoint(lon: (a.lon + b.lon) / 2, lat: (a.lat + b.lat) / 2))
                probes.append(GeoPoint(lon: a.lon - 1e-9, lat: a.lat))
            }
            for _ in 0..<300 {
                probes.append(
                    GeoPoint(lon: .random(in: box.minLon...box.maxLon, using: &random), lat: .random(in: box.minLat...box.maxLat, using: &random)))
            }
            let mismatches = probes.filter { p in district.contains(p) != district.polygons.contains { $0.contains(p) } }
            #expect(mismatches.isEmpty)
        }
    }

    @Test("changing the polygons of a multipolygon updates its box and containment")
    func mutation() {
        var area = MultiPolygon(GeoFixtures.square(lon: 127.0, lat: 36.5, side: 0.01))
        let p = GeoPoint(lon: 127.5, lat: 36.5)
        #expect(!area.contains(p))
        area.polygons.append(GeoFixtures.square(lon: 127.49, lat: 36.49, side: 0.02))
        #expect(area.contains(p))
        #expect(abs(area.boundingBox.maxLon - 127.51) < 1e-12)
        #expect(area == MultiPolygon(polygons: area.polygons))
    }

    @Test("bounding boxes: closed containment, union, intersection, expansion")
    func boundingBox() {
        let box = BoundingBox(points: [GeoPoint(lon: 127, lat: 36), GeoPoint(lon: 128, lat: 37)])
        #expect(box.contains(GeoPoint(lon: 128, lat: 37)))
        #expect(!box.contains(GeoPoint(lon: 128.0001, lat: 37)))
        #expect(box.intersects(BoundingBox(minLon: 128, minLat: 37, maxLon: 129, maxLat: 38)))
        #expect(!box.intersects(BoundingBox(minLon: 128.1, minLat: 36, maxLon: 129, maxLat: 38)))
        #expect(box.union(.empty) == box)
        #expect(box.expanded(byDegrees: 0.5) == BoundingBox(minLon: 126.5, minLat: 35.5, maxLon: 128.5, maxLat: 37.5))
        #expect(BoundingBox(points: []).isEmpty)
    }
}

extension Polygon {
    /// The same polygon with every ring running the other way.
    func reversedRings() -> Polygon {
        Polygon(rings: rings.map { $0.reversed() })
    }
}
