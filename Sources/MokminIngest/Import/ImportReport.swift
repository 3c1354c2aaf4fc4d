import Foundation
import MokminCore

/// An import's account: rows read, published and rejected (each rejected row with its line, column and reason),
/// and how rows were linked to regions.
public struct ImportReport: Sendable, Codable {
    public var file: String
    public var format: String
    public var encoding: String
    public var columns: [InferredColumn]
    public var published = 0
    public var rejected = 0
    /// The rejected rows, the first `maxListed` of them.
    public var issues: [RowIssue] = []
    public var regionLinked = 0
    public var regionUnmatched = 0
    public static let maxListed = 1000

    public init(plan: ImportPlan) {
        file = plan.fileName
        format = plan.format.rawValue
        encoding = plan.encoding.rawValue
        columns = plan.columns
    }

    mutating func reject(_ issue: RowIssue) {
        rejected += 1
        if issues.count < Self.maxListed { issues.append(issue) }
    }

    mutating func link(region: String?, attempted: Bool) {
        guard attempted else { return }
        if region == nil { regionUnmatched += 1 } else { regionLinked += 1 }
    }

    /// The report as people read it on the command line, Korean then English.
    public var summary: String {
        var lines = [
            "\(file) (\(format.uppercased()), \(encoding)): 게시 \(published)행, 거부 \(rejected)행 / published \(published) rows, rejected \(rejected)",
            "열 / columns: " + columns.map { "\($0.name) [\($0.type.rawValue)]" }.joined(separator: ", "),
        ]
        if regionLinked + regionUnmatched > 0 {
            lines.append("읍면동 연결 \(regionLinked)행, 못 찾음 \(regionUnmatched)행 / linked to a region: \(regionLinked), unmatched: \(regionUnmatched)")
        }
        for issue in issues.prefix(50) { lines.append("  \(issue)") }
        if rejected > 50 { lines.append("  … \(rejected - 50)행 더 / \(rejected - 50) more") }
        return lines.joined(separator: "\n")
    }

    public var json: String { (try? String(decoding: JSONEncoder().encode(self), as: UTF8.self)) ?? "{}" }
}
