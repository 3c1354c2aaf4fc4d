import Foundation

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
