import Foundation
import MokminGeo
import MokminGeoTestSupport
import Testing

@Suite("Spatial index")
struct SpatialIndexTests {
    /// 3,500 random boxes of district size over Korea, like the country's 읍면동.
    static func randomBoxes(seed: UInt64) -> [BoundingBox] {
        var random = SeededGenerator(seed: seed)
        return (0..<3500).map { _ in
            let lon = Double.random(in: 124.5...131, using: &random), lat = Double.random(in: 33...38.6, using: &random)
            return BoundingBox(
                minLon: lon, minLat: lat, maxLon: lon + Double.random(in: 0.001...0.3, using: &random),
                maxLat: lat + Double.random(in: 0.001...0.3, using: &random))
        }
    }

    @Test("point queries return exactly the boxes that brute force finds")
    func pointQueriesMatchBruteForce() {
        let boxes = Self.randomBoxes(seed: 1)
        let index = SpatialIndex(boxes.enumerated().map { ($1, $0) })
        #expect(index.count == 3500)
        var random = SeededGenerator(seed: 2)
        var hits = 0
        for _ in 0..<1000 {
            let p = GeoPoint(lon: Double.random(in: 124...131.5, using: &random), lat: Double.random(in: 32.5...39, using: &random))
            let expected = Set(boxes.indices.filter { boxes[$0].contains(p) })
            #expect(Set(index.candidates(containing: p)) == expected)
            hits += expected.count
        }
        #expect(hits > 200)
    }

    @Test("box queries return exactly the boxes that brute force finds")
    func boxQueriesMatchBruteForce() {
        let boxes = Self.randomBoxes(seed: 3)
        let index = SpatialIndex(boxes.enumerated().map { ($1, $0) })
        var random = SeededGenerator(seed: 4)
        for _ in 0..<300 {
            let lon = Double.random(in: 124...131.5, using: &random), lat = Double.random(in: 32.5...39, using: &random)
            let query = BoundingBox(minLon: lon, minLat: lat, maxLon: lon + 0.2, maxLat: lat + 0.1)
            #expect(Set(index.candidates(intersecting: query)) == Set(boxes.indices.filter { boxes[$0].intersects(query) }))
        }
    }

    @Test("finding the Sejong district of random points agrees with testing every district")
    func sejongDistricts() throws {
        let districts = try GeoFixtures.sejongDistricts()
        let index = SpatialIndex(districts.map { ($0.area.boundingBox, $0) })
        let box = MultiPolygon.union(districts.map(\.area)).boundingBox
        var random = SeededGenerator(seed: 36110)
        var inside = 0
        for _ in 0..<1500 {
            let p = GeoPoint(
                lon: Double.random(in: box.minLon...box.maxLon, using: &random), lat: Double.random(in: box.minLat...box.maxLat, using: &random))
            let expected = districts.filter { $0.area.contains(p) }.map(\.code)
            #expect(expected.count <= 1)
            #expect(index.first(containing: p) { $0.area.contains(p) }?.code == expected.first)
            if !expected.isEmpty { inside += 1 }
        }
        #expect(inside > 500)
    }

    @Test("empty index and empty boxes return nothing")
    func empty() {
        #expect(SpatialIndex<Int>([]).candidates(containing: GeoPoint(lon: 127, lat: 37)).isEmpty)
        let index = SpatialIndex([(BoundingBox.empty, 1), (BoundingBox(minLon: 127, minLat: 37, maxLon: 127, maxLat: 37), 2)])
        #expect(index.candidates(containing: GeoPoint(lon: 127, lat: 37)) == [2])
    }
}
