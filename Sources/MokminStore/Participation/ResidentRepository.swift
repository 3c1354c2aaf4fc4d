import Foundation
import MokminCore
import MokminParticipation

/// Residents, the codes that verify them and their participation sessions.
public protocol ResidentRepository: Sendable {
    /// Adds or updates roster residents (by identifier hash) in one transaction; returns how many were new.
    func importRoster(_ entries: [(identifierHash: String, profile: ResidentProfile)], batch: String, isDemo: Bool, audit: AuditEvent) async throws
        -> (added: Int, updated: Int)
    /// The roster resident with this identifier hash, marked verified now.
    func verifyRoster(identifierHash: String, now: Date) async throws -> Resident?
    /// Stores one-time codes (their hashes) for residents with these profiles, in one transaction.
    func issueCodes(_ codes: [(codeHash: String, profile: ResidentProfile)], batch: String, expiresAt: Date, isDemo: Bool, audit: AuditEvent)
        async throws
    /// Uses a code once: creates its resident and marks the code used, in one transaction. Nil when the code is
    /// unknown, used or expired.
    func redeemCode(codeHash: String, now: Date) async throws -> Resident?
    func resident(id: Int64) async throws -> Resident?
    func createSession(idHash: String, residentID: Int64, csrfToken: String, expiresAt: Date) async throws
    func findSession(idHash: String, now: Date) async throws -> (resident: Resident, csrfToken: String)?
    func deleteSession(idHash: String) async throws
    func deleteExpiredSessions(now: Date) async throws -> Int
    /// What the admin page shows: residents per source and code batches with their use.
    func summary(now: Date) async throws -> ResidentSummary
    /// The built-in code sender's outbox (newest first).
    func recordMessage(batch: String, recipient: String, body: String, at: Date) async throws
    func messages(limit: Int) async throws -> [CodeMessage]
}

public struct ResidentSummary: Sendable, Hashable {
    public var rosterResidents: Int
    public var verifiedRosterResidents: Int
    public var codeResidents: Int
    public var batches: [CodeBatch]

    public init(rosterResidents: Int, verifiedRosterResidents: Int, codeResidents: Int, batches: [CodeBatch]) {
        self.rosterResidents = rosterResidents
        self.verifiedRosterResidents = verifiedRosterResidents
        self.codeResidents = codeResidents
        self.batches = batches
    }
}

public struct CodeBatch: Sendable, Hashable {
    public var name: String
    public var issued: Int
    public var used: Int
    public var expired: Int
    public var expiresAt: Date

    public init(name: String, issued: Int, used: Int, expired: Int, expiresAt: Date) {
        self.name = name
        self.issued = issued
        self.used = used
        self.expired = expired
        self.expiresAt = expiresAt
    }
}

public struct CodeMessage: Sendable, Hashable {
    public var batch: String
    public var recipient: String
    public var body: String
    public var sentAt: Date

    public init(batch: String, recipient: String, body: String, sentAt: Date) {
        self.batch = batch
        self.recipient = recipient
        self.body = body
        self.sentAt = sentAt
    }
}
