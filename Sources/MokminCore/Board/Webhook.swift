import Foundation

/// A place alerts are sent to: a URL that receives a JSON POST for each alert start, end and acknowledgement.
public struct Webhook: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var url: String
    public var enabled: Bool
    public var createdBy: String?
    public var createdAt: Date

    public init(id: Int64, name: String, url: String, enabled: Bool, createdBy: String? = nil, createdAt: Date) {
        self.id = id
        self.name = name
        self.url = url
        self.enabled = enabled
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// One alert change queued for one webhook, with its delivery state.
public struct WebhookDelivery: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var webhookID: Int64
    public var webhookName: String
    public var url: String
    public var alertID: Int64
    public var event: String
    public var payload: String
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var deliveredAt: Date?
    public var failedAt: Date?
    public var lastStatus: Int?
    public var lastError: String?
    public var createdAt: Date

    public init(id: Int64, webhookID: Int64, webhookName: String, url: String, alertID: Int64, event: String, payload: String, attempts: Int, nextAttemptAt: Date? = nil, deliveredAt: Date? = nil, failedAt: Date? = nil, lastStatus: Int? = nil, lastError: String? = nil, createdAt: Date) {
        self.id = id
        self.webhookID = webhookID
        self.webhookName = webhookName
        self.url = url
        self.alertID = alertID
        self.event = event
        self.payload = payload
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
        self.failedAt = failedAt
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.createdAt = createdAt
    }
}

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
