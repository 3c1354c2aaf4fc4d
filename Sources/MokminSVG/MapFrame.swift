/// Places projected coordinates in a pixel rectangle: one scale for both axes (aspect ratio kept), centred,
/// with north up.
import MokminGeo
struct MapFrame {
    /// The pixel rectangle the features are fitted into.
    let viewport: (x: Double, y: Double, width: Double, height: Double)
    /// Pixels per projected metre.
    let scale: Double
    private let originX: Double
    private let originY: Double

    /// Fits the projected extent of `points` into `viewport`. A single point or an empty set gets a 2 km window.
    init(fitting points: [ProjectedPoint], into viewport: (x: Double, y: Double, width: Double, height: Double)) {
        self.viewport = viewport
        var minX = points.map(\.x).min() ?? 0, maxX = points.map(\.x).max() ?? 0
        var minY = points.map(\.y).min() ?? 0, maxY = points.map(\.y).max() ?? 0
        if maxX - minX < 1 { minX -= 1000; maxX += 1000 }
        if maxY - minY < 1 { minY -= 1000; maxY += 1000 }
        scale = min(viewport.width / (maxX - minX), viewport.height / (maxY - minY))
        let padX = (viewport.width - (maxX - minX) * scale) / 2
        let padY = (viewport.height - (maxY - minY) * scale) / 2
        originX = viewport.x + padX - minX * scale
        originY = viewport.y + viewport.height - padY + minY * scale
    }

    /// Pixel position of a projected point (y grows downwards).
    func pixel(_ q: ProjectedPoint) -> (x: Double, y: Double) {
        (originX + q.x * scale, originY - q.y * scale)
    }

    /// Projected position of a pixel.
    func projected(x: Double, y: Double) -> ProjectedPoint {
        ProjectedPoint(x: (x - originX) / scale, y: (originY - y) / scale)
    }
}
