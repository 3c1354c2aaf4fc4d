/// A static R-tree over bounding boxes, packed once at creation, for finding which items may hold a point.
///
/// Leaves are packed by Sort-Tile-Recursive (STR: sorted into vertical slices by box centre longitude, each
/// slice by latitude) and upper levels are packed from consecutive runs of 16, as flatbush does. Every level is
/// stored in flat arrays, so a query allocates only its result. For 3,500 district outlines a point query visits
/// a few dozen boxes. Queries return *candidates*: items whose box matches; test the exact geometry afterwards.
public struct SpatialIndex<Element: Sendable>: Sendable {
    /// Entries per node.
    @usableFromInline static var nodeSize: Int { 16 }
    /// Item boxes in packed order, then the boxes of each upper level; the last level has one node.
    @usableFromInline let boxes: [BoundingBox]
    /// Where each level starts in `boxes`; the last entry is `boxes.count`.
    @usableFromInline let levelBounds: [Int]
    /// Elements in packed order, aligned with the first level of `boxes`.
    @usableFromInline let elements: [Element]

    /// Builds the index. Items with an empty box are kept but never returned.
    public init(_ items: [(BoundingBox, Element)]) {
        let order = SpatialIndex.strOrder(items.map(\.0))
        var boxes = order.map { items[$0].0 }
        elements = order.map { items[$0].1 }
        var bounds = [0, boxes.count]
        var levelStart = 0
        while boxes.count - levelStart > 1 {
            let levelEnd = boxes.count
            for start in stride(from: levelStart, to: levelEnd, by: Self.nodeSize) {
                let end = min(start + Self.nodeSize, levelEnd)
                boxes.append(boxes[start..<end].reduce(BoundingBox.empty) { $0.union($1) })
            }
            levelStart = levelEnd
            bounds.append(boxes.count)
        }
        self.boxes = boxes
        levelBounds = bounds
    }

    /// The number of items.
    public var count: Int { elements.count }

    /// Items whose bounding box contains `p` (boundary included), in no particular order.
    @inlinable
    public func candidates(containing p: GeoPoint) -> [Element] {
        var result: [Element] = []
        visit(where: { $0.contains(p) }) {
            result.append(elements[$0]); return true
        }
        return result
    }

    /// Items whose bounding box intersects `box` (touching included), in no particular order.
    @inlinable
    public func candidates(intersecting box: BoundingBox) -> [Element] {
        var result: [Element] = []
        visit(where: { $0.intersects(box) }) {
            result.append(elements[$0]); return true
        }
        return result
    }

    /// Calls `body` for each item whose box contains `p`, without allocating.
    @inlinable
    public func forEachCandidate(containing p: GeoPoint, _ body: (Element) throws -> Void) rethrows {
        try visit(where: { $0.contains(p) }) {
            try body(elements[$0]); return true
        }
    }

    /// The first item, among those whose box contains `p`, for which `isMatch` holds; e.g. the district that
    /// really contains a point: `index.first(containing: p) { $0.area.contains(p) }`. Stops at the first match.
    @inlinable
    public func first(containing p: GeoPoint, where isMatch: (Element) throws -> Bool) rethrows -> Element? {
        var found: Element?
        try visit(where: { $0.contains(p) }) { position in
            guard try isMatch(elements[position]) else { return true }
            found = elements[position]
            return false
        }
        return found
    }

    /// Depth-first walk from the root into nodes whose box passes `test`, calling `body` with the packed position
    /// of each matching item until it returns false. The stack lives in a fixed temporary buffer: it never holds
    /// more than 16 entries per level.
    @inlinable
    func visit(where test: (BoundingBox) -> Bool, _ body: (Int) throws -> Bool) rethrows {
        guard !elements.isEmpty else { return }
        let levels = levelBounds.count - 1
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: levels * Self.nodeSize + 1) { stack in
            // Each entry packs (index << 5) | level.
            var top = 0
            stack[0] = (levelBounds[levels - 1] << 5) | (levels - 1)
            top = 1
            while top > 0 {
                top -= 1
                let entry = stack[top]
                let level = entry & 31, index = entry >> 5
                guard test(boxes[index]) else { continue }
                if level == 0 {
                    if try !body(index) { return }
                    continue
                }
                let childStart = levelBounds[level - 1] + (index - levelBounds[level]) * Self.nodeSize
                let childEnd = min(childStart + Self.nodeSize, levelBounds[level])
                for child in stride(from: childEnd - 1, through: childStart, by: -1) {
                    stack[top] = (child << 5) | (level - 1)
                    top += 1
                }
            }
        }
    }

    /// The Sort-Tile-Recursive order of boxes for the leaf level.
    private static func strOrder(_ boxes: [BoundingBox]) -> [Int] {
        let n = boxes.count
        guard n > nodeSize else { return Array(0..<n) }
        let centres = boxes.map { $0.isEmpty ? GeoPoint(lon: .infinity, lat: .infinity) : $0.center }
        let leafCount = (n + nodeSize - 1) / nodeSize
        let sliceCount = Int(Double(leafCount).squareRoot().rounded(.up))
        let sliceSize = sliceCount * nodeSize
        let byLon = (0..<n).sorted { centres[$0].lon < centres[$1].lon }
        var order: [Int] = []
        order.reserveCapacity(n)
        for start in stride(from: 0, to: n, by: sliceSize) {
            let slice = byLon[start..<min(start + sliceSize, n)]
            order.append(contentsOf: slice.sorted { centres[$0].lat < centres[$1].lat })
        }
        return order
    }
}
