import Foundation
import GRDB
import MokminBase
import MokminCore
import MokminParticipation

/// The GRDB implementation of `ResidentRepository`.
public struct GRDBResidentRepository: ResidentRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    static func resident(_ row: Row) -> Resident {
        Resident(
            id: row["id"], source: ResidentSource(rawValue: row["source"]) ?? .code, emdCode: row["emdCode"], birthYear: row["birthYear"],
            ageBand: (row["ageBand"] as Int?).flatMap(AgeBand.init(rawValue:)), isDemo: row["isDemo"])
    }

    public func importRoster(
        _ entries: [(identifierHash: String, profile: ResidentProfile)], batch: String, isDemo: Bool, audit: AuditEvent
    ) async throws -> (added: Int, updated: Int) {
        try await writer.write { db in
            let now = Date()
            var added = 0, updated = 0
            let update = try db.makeStatement(
                sql: "UPDATE resident SET emdCode = ?, birthYear = ?, ageBand = ?, rosterBatch = ? WHERE identifierHash = ?")
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO resident (source, identifierHash, emdCode, birthYear, ageBand, rosterBatch, isDemo, createdAt)
                    VALUES ('roster', ?, ?, ?, ?, ?, ?, ?)
                    """)
            for (hash, p) in entries {
                try update.execute(arguments: [p.emdCode, p.birthYear, p.ageBand?.rawValue, batch, hash])
                if db.changesCount > 0 {
                    updated += 1
                } else {
                    try insert.execute(arguments: [hash, p.emdCode, p.birthYear, p.ageBand?.rawValue, batch, isDemo, now])
                    added += 1
                }
            }
            var event = audit
            event.target = "roster \(batch)"
            event.detail = "added=\(added) updated=\(updated)"
            try AuditRecord(event).insert(db)
            return (added, updated)
        }
    }

    public func verifyRoster(identifierHash: String, now: Date) async throws -> Resident? {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM resident WHERE identifierHash = ?", arguments: [identifierHash]) else {
                return nil
            }
            try db.execute(sql: "UPDATE resident SET verifiedAt = coalesce(verifiedAt, ?) WHERE id = ?", arguments: [now, row["id"] as Int64])
            return Self.resident(row)
        }
    }

    public func issueCodes(
        _ codes: [(codeHash: String, profile: ResidentProfile)], batch: String, expiresAt: Date, isDemo: Bool, audit: AuditEvent
    ) async throws {
        try await writer.write { db in
            let now = Date()
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO residentCode (codeHash, batch, emdCode, birthYear, ageBand, issuedAt, expiresAt, isDemo)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for (hash, p) in codes {
                try insert.execute(arguments: [hash, batch, p.emdCode, p.birthYear, p.ageBand?.rawValue, now, expiresAt, isDemo])
            }
            var event = audit
            event.target = "codes \(batch)"
            event.detail = "issued=\(codes.count)"
            try AuditRecord(event).insert(db)
        }
    }

    public func redeemCode(codeHash: String, now: Date) async throws -> Resident? {
        try await writer.write { db in
            guard
                let code = try Row.fetchOne(
                    db, sql: "SELECT * FROM residentCode WHERE codeHash = ? AND usedAt IS NULL AND expiresAt > ?", arguments: [codeHash, now])
            else { return nil }
            try db.execute(
                sql: """
                    INSERT INTO resident (source, emdCode, birthYear, ageBand, isDemo, createdAt, verifiedAt)
                    VALUES ('code', ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [code["emdCode"] as String, code["birthYear"] as Int?, code["ageBand"] as Int?, code["isDemo"] as Bool, now, now])
            let id = db.lastInsertedRowID
            try db.execute(sql: "UPDATE residentCode SET usedAt = ?, residentID = ? WHERE codeHash = ?", arguments: [now, id, codeHash])
            return try Row.fetchOne(db, sql: "SELECT * FROM resident WHERE id = ?", arguments: [id]).map(Self.resident)
        }
    }

    public func resident(id: Int64) async throws -> Resident? {
        try await writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM resident WHERE id = ?", arguments: [id]).map(Self.resident) }
    }

    public func createSession(idHash: String, residentID: Int64, csrfToken: String, expiresAt: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO residentSession (idHash, residentID, csrfToken, expiresAt) VALUES (?, ?, ?, ?)",
                arguments: [idHash, residentID, csrfToken, expiresAt])
        }
    }

    public func findSession(idHash: String, now: Date) async throws -> (resident: Resident, csrfToken: String)? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT resident.*, residentSession.csrfToken AS csrfToken FROM residentSession
                        JOIN resident ON resident.id = residentSession.residentID
                        WHERE residentSession.idHash = ? AND residentSession.expiresAt > ?
                        """, arguments: [idHash, now])
            else { return nil }
            return (Self.resident(row), row["csrfToken"])
        }
    }

    public func deleteSession(idHash: String) async throws {
        try await writer.write { db in try db.execute(sql: "DELETE FROM residentSession WHERE idHash = ?", arguments: [idHash]) }
    }

    public func deleteExpiredSessions(now: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM residentSession WHERE expiresAt <= ?", arguments: [now])
            return db.changesCount
        }
    }

    public func summary(now: Date) async throws -> ResidentSummary {
        try await writer.read { db in
            let roster = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM resident WHERE source = 'roster'") ?? 0
            let verified = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM resident WHERE source = 'roster' AND verifiedAt IS NOT NULL") ?? 0
            let code = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM resident WHERE source = 'code'") ?? 0
            let batches = try Row.fetchAll(
                db,
                sql: """
                    SELECT batch, COUNT(*) AS issued, COUNT(usedAt) AS used,
                      SUM(usedAt IS NULL AND expiresAt <= ?) AS expired, MAX(expiresAt) AS expiresAt
                    FROM residentCode GROUP BY batch ORDER BY MAX(issuedAt) DESC
                    """, arguments: [now]
            ).map { CodeBatch(name: $0["batch"], issued: $0["issued"], used: $0["used"], expired: $0["expired"] ?? 0, expiresAt: $0["expiresAt"]) }
            return ResidentSummary(rosterResidents: roster, verifiedRosterResidents: verified, codeResidents: code, batches: batches)
        }
    }

    public func recordMessage(batch: String, recipient: String, body: String, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO residentCodeMessage (batch, recipient, body, sentAt) VALUES (?, ?, ?, ?)", arguments: [batch, recipient, body, at])
        }
    }

    public func messages(limit: Int) async throws -> [CodeMessage] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM residentCodeMessage ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                CodeMessage(batch: $0["batch"], recipient: $0["recipient"], body: $0["body"], sentAt: $0["sentAt"])
            }
        }
    }
}
