import Foundation

/// One step in a report's history: who did what, when, with what comment.
public struct ReportEvent: Sendable, Hashable, Codable {
    public var action: ReportAction
    public var status: ReportStatus
    public var comment: String
    public var actor: String?
    public var at: Date

    public init(action: ReportAction, status: ReportStatus, comment: String, actor: String?, at: Date) {
        self.action = action
        self.status = status
        self.comment = comment
        self.actor = actor
        self.at = at
    }
}
