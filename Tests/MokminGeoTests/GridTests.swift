import Foundation
import MokminGeo
import MokminGeoTestSupport
import Testing

@Suite("Square grids")
struct GridTests {
    @Test("the cell of 서울시청 at 250 m is aligned to multiples of 250 m in UTM-K")
    func cellOfPoint() {
        let grid = Grid(cellSizeMetres: 250)
        // 서울시청 projects to E 953,892.2108 N 1,952,009.9410 (see ProjectionTests).
        let cell = grid.cell(containing: GeoPoint(lon: 126.9779, lat: 37.5663))
        #expect(cell.id == "250m_E953750_N1952000")
        #expect(cell.column == 3815 && cell.row == 7808)
        #expect(abs(cell.projectedCenter.x - 953_875) < 1e-9 && abs(cell.projectedCenter.y - 1_952_125) < 1e-9)
        #expect(cell.polygon.outerRing.count == 4)
        #expect(MultiPolygon(cell.polygon).contains(cell.center))
        #expect(grid.cell(containing: cell.center) == cell)
    }

    @Test("a 1 km cell's ground area is 1 km² divided by the square of the scale factor")
    func cellArea() {
        let grid = Grid(cellSizeMetres: 1000)
        for p in [GeoPoint(lon: 127.2890, lat: 36.4800), GeoPoint(lon: 131.8669, lat: 37.2429)] {
            let cell = grid.cell(containing: p)
            let k = Projection.utmK.scaleFactor(at: cell.center)
            let area = MultiPolygon(cell.polygon).areaSquareMetres
            #expect(abs(area - 1e6 / (k * k)) / 1e6 < 1e-5, "\(p): \(area)")
        }
    }

    @Test("the 500 m cells inside Sejong number about its area over 0.25 km², with no duplicates")
    func sejongCells() throws {
        let sejong = MultiPolygon.union(try GeoFixtures.sejongDistricts().map(\.area))
        let cells = Grid(cellSizeMetres: 500).cells(inside: sejong)
        let expected = sejong.areaSquareMetres / 250_000
        #expect(abs(Double(cells.count) - expected) / expected < 0.02, "\(cells.count) vs \(expected)")
        #expect(Set(cells.map(\.id)).count == cells.count)
        #expect(cells.allSatisfy { sejong.contains($0.center) })
    }

    @Test("covering a box gives the full rectangle of cells that touch it")
    func covering() {
        let grid = Grid(cellSizeMetres: 1000, projection: .centralBelt)
        let box = BoundingBox(minLon: 127.0, minLat: 37.0, maxLon: 127.02, maxLat: 37.01)
        let cells = grid.cells(covering: box)
        let columns = Set(cells.map(\.column)), rows = Set(cells.map(\.row))
        #expect(cells.count == columns.count * rows.count)
        #expect(columns.count >= 2 && columns.count <= 4 && rows.count >= 2 && rows.count <= 3)
        for corner in [GeoPoint(lon: box.minLon, lat: box.minLat), GeoPoint(lon: box.maxLon, lat: box.maxLat)] {
            #expect(cells.contains(grid.cell(containing: corner)))
        }
    }
}
