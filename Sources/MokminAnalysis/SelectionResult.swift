import Foundation

/// What `SelectionSearch` found: the new columns, their cost, a valid lower bound and whether it is proven.
struct SelectionResult: Sendable {
    var chosen: [Int]
    var cost: Double
    var bound: Double
    var proven: Bool
    var nodes: Int
}
