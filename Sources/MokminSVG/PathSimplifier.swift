/// Douglas–Peucker simplification in pixel space, iterative so that long coastlines cannot overflow the stack.
import MokminGeo
enum PathSimplifier {
    typealias Pixel = (x: Double, y: Double)

    /// Keeps the end points and every vertex that lies more than `tolerance` from the simplified line.
    static func simplify(_ points: [Pixel], tolerance: Double) -> [Pixel] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        let toleranceSq = tolerance * tolerance
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            var farthest = first, farthestSq = -1.0
            for i in (first + 1)..<last {
                let d = segmentDistanceSquared(points[i].x, points[i].y, points[first], points[last])
                if d > farthestSq {
                    farthestSq = d
                    farthest = i
                }
            }
            if farthestSq > toleranceSq {
                keep[farthest] = true
                stack.append((first, farthest))
                stack.append((farthest, last))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    /// Simplifies an open ring (no closing duplicate). The ring is split at the vertex farthest from its first
    /// vertex so both anchors are extreme points. Returns fewer than 3 points when the ring is smaller than the
    /// tolerance.
    static func simplifyRing(_ ring: [Pixel], tolerance: Double) -> [Pixel] {
        guard ring.count > 3 else { return ring }
        let p0 = ring[0]
        var far = 0, farSq = -1.0
        for (i, p) in ring.enumerated() {
            let d = (p.x - p0.x) * (p.x - p0.x) + (p.y - p0.y) * (p.y - p0.y)
            if d > farSq {
                farSq = d
                far = i
            }
        }
        if farSq <= tolerance * tolerance { return [p0] }
        let first = simplify(Array(ring[0...far]), tolerance: tolerance)
        let second = simplify(Array(ring[far...]) + [p0], tolerance: tolerance)
        return first + second.dropFirst().dropLast()
    }
}
