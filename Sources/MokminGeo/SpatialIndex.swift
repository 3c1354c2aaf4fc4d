/// A static R-tree over bounding boxes, packed once at creation, for finding which items may hold a point.
///
/// Leaves are packed by Sort-Tile-Recursive (STR: sorted into vertical slices by box centre longitude, each
/// slice by latitude) and upper levels are packed from consecutive runs of 16, as flatbush does. Every level is
/// stored in flat arrays, so a query allocates only its result. For 3,500 district outlines a point query visits
/// a few dozen boxes. Queries return *candidates*: items whose box matches; test the exact geometry afterwards.
public struct SpatialIndex<Element: Sendable>: Sendable {
    /// Entries per node.
    private static var nodeSize: Int { 16 }
    /// Item boxes in packed order, then the boxes of each upper level; the last level has one node.
    private let boxes: [BoundingBox]
    /// Where each level starts in `boxes`; the last entry is `boxes.count`.
    private let levelBounds: [Int]
    /// Elements in packed order, aligned with the first level of `boxes`.
    private let elements: [Element]

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
    public func candidates(containing p: GeoPoint) -> [Element] {
        var result: [Element] = []
        search(where: { $0.contains(p) }) { result.append($0) }
        return result
    }

    /// Items whose bounding box intersects `box` (touching included), in no particular order.
    public func candidates(intersecting box: BoundingBox) -> [Element] {
        var result: [Element] = []
        search(where: { $0.intersects(box) }) { result.append($0) }
        return result
    }

    /// Calls `body` for each item whose box contains `p`, without allocating a result array.
    public func forEachCandidate(containing p: GeoPoint, _ body: (Element) throws -> Void) rethrows {
        try search(where: { $0.contains(p) }, body)
    }

    /// The first item, among those whose box contains `p`, for which `isMatch` holds; e.g. the district that
    /// really contains a point: `index.first(containing: p) { $0.geometry.contains(p) }`.
    public func first(containing p: GeoPoint, where isMatch: (Element) throws -> Bool) rethrows -> Element? {
        var found: Element?
        try search(where: { found == nil && $0.contains(p) }) { element in
            if found == nil, try isMatch(element) { found = element }
        }
        return found
    }

    /// Depth-first walk from the root, descending into nodes whose box passes `test`.
    private func search(where test: (BoundingBox) -> Bool, _ body: (Element) throws -> Void) rethrows {
        guard !elements.isEmpty else { return }
        let topLevel = levelBounds.count - 2
        var stack: [(level: Int, index: Int)] = [(topLevel, levelBounds[topLevel])]
        while let (level, index) = stack.popLast() {
            guard test(boxes[index]) else { continue }
            if level == 0 {
                try body(elements[index])
                continue
            }
            let childStart = levelBounds[level - 1] + (index - levelBounds[level]) * Self.nodeSize
            let childEnd = min(childStart + Self.nodeSize, levelBounds[level])
            for child in childStart..<childEnd {
                stack.append((level - 1, child))
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
