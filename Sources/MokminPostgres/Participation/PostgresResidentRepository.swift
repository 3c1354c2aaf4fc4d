import Foundation
import Logging
import MokminBase
import MokminCore
import MokminParticipation
import MokminStore
import PostgresNIO

/// The PostgreSQL implementation of `ResidentRepository`.
///
/// Where the GRDB store reads and then writes inside SQLite's single writer, this one lets one statement decide: a
/// roster import is an upsert on the identifier hash (imports take turns under an advisory lock), and a code is
/// redeemed by the UPDATE that marks it used, so two servers redeeming one code at once make one resident.
public struct PostgresResidentRepository: ResidentRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    static let columns = "id, source, emdcode, birthyear, ageband, isdemo"
    typealias Columns = (Int64, String, String, Int?, Int?, Bool)
    static func resident(_ c: Columns) -> Resident {
        Resident(
            id: c.0, source: ResidentSource(rawValue: c.1) ?? .code, emdCode: c.2, birthYear: c.3, ageBand: c.4.flatMap(AgeBand.init(rawValue:)),
            isDemo: c.5)
    }

    /// Rows per upsert statement of a roster import.
    static let rosterChunk = 5_000

    public func importRoster(
        _ entries: [(identifierHash: String, profile: ResidentProfile)], batch: String, isDemo: Bool, audit: AuditEvent
    ) async throws -> (added: Int, updated: Int) {
        try await store.transaction { connection in
            try await connection.lock("resident.roster", logger: logger)
            let now = Date()
            var added = 0, updated = 0
            var start = entries.startIndex
            while start < entries.endIndex {
                let end = min(start + Self.rosterChunk, entries.endIndex)
                // One upsert per chunk. A hash seen twice in a chunk is stored once with its last profile; as in the
                // row-by-row GRDB import, its later occurrences count as updates.
                var latest: [String: ResidentProfile] = [:]
                var order: [String] = []
                for (hash, profile) in entries[start..<end] {
                    if latest.updateValue(profile, forKey: hash) == nil {
                        order.append(hash)
                    } else {
                        updated += 1
                    }
                }
                order.sort()
                let profiles = order.map { latest[$0]! }
                let inserted = try await connection.query(
                    """
                    INSERT INTO resident (source, identifierhash, emdcode, birthyear, ageband, rosterbatch, isdemo, createdat)
                    SELECT 'roster', h, e, NULLIF(y, 0), NULLIF(a, -1), \(batch), \(isDemo), \(now)
                    FROM unnest(\(order)::text[], \(profiles.map(\.emdCode))::text[], \(profiles.map { $0.birthYear ?? 0 })::bigint[],
                      \(profiles.map { $0.ageBand?.rawValue ?? -1 })::bigint[]) AS r(h, e, y, a)
                    ORDER BY h
                    ON CONFLICT (identifierhash) DO UPDATE
                      SET emdcode = excluded.emdcode, birthyear = excluded.birthyear, ageband = excluded.ageband, rosterbatch = excluded.rosterbatch
                    RETURNING xmax = 0
                    """, logger: logger
                ).decode(Bool.self).all()
                for isNew in inserted {
                    if isNew { added += 1 } else { updated += 1 }
                }
                start = end
            }
            var event = audit
            event.target = "roster \(batch)"
            event.detail = "added=\(added) updated=\(updated)"
            try await connection.record(event, logger: logger)
            return (added, updated)
        }
    }

    public func verifyRoster(identifierHash: String, now: Date) async throws -> Resident? {
        try await store.connection { connection in
            try await connection.query(
                """
                UPDATE resident SET verifiedat = coalesce(verifiedat, \(now)) WHERE identifierhash = \(identifierHash)
                RETURNING id, source, emdcode, birthyear, ageband, isdemo
                """, logger: logger
            ).decode(Columns.self).firstElement().map(Self.resident)
        }
    }

    public func issueCodes(
        _ codes: [(codeHash: String, profile: ResidentProfile)], batch: String, expiresAt: Date, isDemo: Bool, audit: AuditEvent
    ) async throws {
        try await store.transaction { connection in
            let now = Date()
            var start = codes.startIndex
            while start < codes.endIndex {
                let end = min(start + Self.rosterChunk, codes.endIndex)
                let chunk = codes[start..<end]
                try await connection.query(
                    """
                    INSERT INTO residentcode (codehash, batch, emdcode, birthyear, ageband, issuedat, expiresat, isdemo)
                    SELECT h, \(batch), e, NULLIF(y, 0), NULLIF(a, -1), \(now), \(expiresAt), \(isDemo)
                    FROM unnest(\(chunk.map(\.codeHash))::text[], \(chunk.map(\.profile.emdCode))::text[],
                      \(chunk.map { $0.profile.birthYear ?? 0 })::bigint[], \(chunk.map { $0.profile.ageBand?.rawValue ?? -1 })::bigint[]) AS c(h, e, y, a)
                    """, logger: logger)
                start = end
            }
            var event = audit
            event.target = "codes \(batch)"
            event.detail = "issued=\(codes.count)"
            try await connection.record(event, logger: logger)
        }
    }

    public func redeemCode(codeHash: String, now: Date) async throws -> Resident? {
        try await store.transaction { connection in
            // The UPDATE takes the code's row: a second redemption waits, then finds the code used.
            guard
                let code = try await connection.query(
                    """
                    UPDATE residentcode SET usedat = \(now) WHERE codehash = \(codeHash) AND usedat IS NULL AND expiresat > \(now)
                    RETURNING emdcode, birthyear, ageband, isdemo
                    """, logger: logger
                ).decode((String, Int?, Int?, Bool).self).firstElement()
            else { return nil }
            let created = try await connection.query(
                """
                INSERT INTO resident (source, emdcode, birthyear, ageband, isdemo, createdat, verifiedat)
                VALUES ('code', \(code.0), \(code.1), \(code.2), \(code.3), \(now), \(now))
                RETURNING id, source, emdcode, birthyear, ageband, isdemo
                """, logger: logger
            ).decode(Columns.self).firstElement()!
            try await connection.query("UPDATE residentcode SET residentid = \(created.0) WHERE codehash = \(codeHash)", logger: logger)
            return Self.resident(created)
        }
    }

    public func resident(id: Int64) async throws -> Resident? {
        try await store.connection { connection in
            try await connection.query("SELECT id, source, emdcode, birthyear, ageband, isdemo FROM resident WHERE id = \(id)", logger: logger)
                .decode(Columns.self).firstElement().map(Self.resident)
        }
    }

    public func createSession(idHash: String, residentID: Int64, csrfToken: String, expiresAt: Date) async throws {
        try await store.connection { connection in
            _ = try await connection.query(
                "INSERT INTO residentsession (idhash, residentid, csrftoken, expiresat) VALUES (\(idHash), \(residentID), \(csrfToken), \(expiresAt))",
                logger: logger)
        }
    }

    public func findSession(idHash: String, now: Date) async throws -> (resident: Resident, csrfToken: String)? {
        try await store.connection { connection in
            try await connection.query(
                """
                SELECT r.id, r.source, r.emdcode, r.birthyear, r.ageband, r.isdemo, s.csrftoken
                FROM residentsession s JOIN resident r ON r.id = s.residentid
                WHERE s.idhash = \(idHash) AND s.expiresat > \(now)
                """, logger: logger
            )
            .decode((Int64, String, String, Int?, Int?, Bool, String).self).firstElement()
            .map { (Self.resident(($0.0, $0.1, $0.2, $0.3, $0.4, $0.5)), $0.6) }
        }
    }

    public func deleteSession(idHash: String) async throws {
        try await store.connection { connection in
            _ = try await connection.query("DELETE FROM residentsession WHERE idhash = \(idHash)", logger: logger)
        }
    }

    public func deleteExpiredSessions(now: Date) async throws -> Int {
        try await store.connection { connection in
            try await connection.count("DELETE FROM residentsession WHERE expiresat <= \(now) RETURNING 1", logger: logger)
        }
    }

    public func summary(now: Date) async throws -> ResidentSummary {
        try await store.connection { connection in
            let counts =
                try await connection.query(
                    """
                    SELECT count(*) FILTER (WHERE source = 'roster'), count(*) FILTER (WHERE source = 'roster' AND verifiedat IS NOT NULL),
                      count(*) FILTER (WHERE source = 'code')
                    FROM resident
                    """, logger: logger
                ).decode((Int, Int, Int).self).firstElement() ?? (0, 0, 0)
            let batches = try await connection.query(
                """
                SELECT batch, count(*), count(usedat), count(*) FILTER (WHERE usedat IS NULL AND expiresat <= \(now)), max(expiresat)
                FROM residentcode GROUP BY batch ORDER BY max(issuedat) DESC
                """, logger: logger
            ).decode((String, Int, Int, Int, Date).self).all()
                .map { CodeBatch(name: $0.0, issued: $0.1, used: $0.2, expired: $0.3, expiresAt: $0.4) }
            return ResidentSummary(rosterResidents: counts.0, verifiedRosterResidents: counts.1, codeResidents: counts.2, batches: batches)
        }
    }

    public func recordMessage(batch: String, recipient: String, body: String, at: Date) async throws {
        try await store.connection { connection in
            _ = try await connection.query(
                "INSERT INTO residentcodemessage (batch, recipient, body, sentat) VALUES (\(batch), \(recipient), \(body), \(at))", logger: logger)
        }
    }

    public func messages(limit: Int) async throws -> [CodeMessage] {
        try await store.connection { connection in
            try await connection.query(
                "SELECT batch, recipient, body, sentat FROM residentcodemessage ORDER BY id DESC LIMIT \(limit)", logger: logger
            )
            .decode((String, String, String, Date).self).all()
            .map { CodeMessage(batch: $0.0, recipient: $0.1, body: $0.2, sentAt: $0.3) }
        }
    }
}
