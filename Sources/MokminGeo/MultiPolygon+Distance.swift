import Foundation

extension MultiPolygon {
    /// Distance in metres from `p` to the area: 0 when ``contains(_:)`` is true, otherwise the geodesic distance
    /// to the nearest point of any ring (holes included, so a point in a hole gets its distance to the hole's edge).
    ///
    /// The nearest point is found exactly in a plane tangent at `p` (edges are straight in longitude/latitude, as
    /// for ``contains(_:)``), and the distance to it is then measured with ``Geodesic/distanceMetres(_:_:)``.
    /// Millimetre-accurate at city scale and within 0.1% out to a few hundred kilometres.
    public func distanceMetres(to p: GeoPoint) -> Double {
        if contains(p) { return 0 }
        let ellipsoid = Ellipsoid.wgs84
        let phi = p.lat * .pi / 180
        let w = 1 - ellipsoid.e2 * sin(phi) * sin(phi)
        let metresPerLon = ellipsoid.a / w.squareRoot() * cos(phi) * .pi / 180
        let metresPerLat = ellipsoid.a * (1 - ellipsoid.e2) / (w * w.squareRoot()) * .pi / 180
        func local(_ q: GeoPoint) -> (x: Double, y: Double) {
            ((q.lon - p.lon) * metresPerLon, (q.lat - p.lat) * metresPerLat)
        }
        var best = (distanceSq: Double.infinity, point: p)
        for polygon in polygons {
            for ring in polygon.rings where !ring.isEmpty {
                var a = ring[ring.count - 1]
                for b in ring {
                    let la = local(a), lb = local(b)
                    let t = segmentParameter(0, 0, la, lb)
                    let dx = la.x + t * (lb.x - la.x), dy = la.y + t * (lb.y - la.y)
                    let d = dx * dx + dy * dy
                    if d < best.distanceSq {
                        best = (d, GeoPoint(lon: a.lon + t * (b.lon - a.lon), lat: a.lat + t * (b.lat - a.lat)))
                    }
                    a = b
                }
            }
        }
        return best.distanceSq.isFinite ? Geodesic.distanceMetres(p, best.point) : .infinity
    }
}
