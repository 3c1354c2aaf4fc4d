import Foundation

/// Which alerts to list: open ones only, a text that the rule name, subject or message contains, a time range.
public struct AlertQuery: Sendable, Hashable {
    public var openOnly: Bool
    public var text: String?
    /// Local times `YYYY-MM-DDTHH:MM:SS`: alerts that started at or after `from` and at or before `to`.
    public var from: String?
    public var to: String?
    public var limit: Int

    public init(openOnly: Bool = false, text: String? = nil, from: String? = nil, to: String? = nil, limit: Int = 100) {
        self.openOnly = openOnly
        self.text = text
        self.from = from
        self.to = to
        self.limit = limit
    }
}
