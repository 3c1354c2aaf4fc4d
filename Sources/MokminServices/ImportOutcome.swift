import Foundation
import MokminCore
import MokminIngest

/// What an import did: kept with the version (as JSON) and shown to the analyst.
public struct ImportOutcome: Sendable {
    public var report: ImportReport
    /// The published version, or nil when rows were rejected and nothing was published.
    public var version: DatasetVersion?
}
