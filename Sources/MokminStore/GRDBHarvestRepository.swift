import Foundation
import GRDB
import MokminBase
import MokminCore

/// The GRDB implementation of `HarvestRepository`.
public struct GRDBHarvestRepository: HarvestRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    static func harvest(_ row: Row) -> Harvest {
        let key: String = row["uniqueKey"]
        return Harvest(
            id: row["id"], datasetSlug: row["datasetSlug"], url: row["url"], format: row["format"],
            hasServiceKey: (row["serviceKey"] as String?).map { !$0.isEmpty } ?? false, keyParameter: row["keyParameter"],
            intervalMinutes: row["intervalMinutes"], uniqueKey: key.split(separator: "\n").map(String.init), createdBy: row["createdBy"],
            lastRunAt: row["lastRunAt"], lastSuccessAt: row["lastSuccessAt"], lastError: row["lastError"], lastRowsAdded: row["lastRowsAdded"])
    }

    public func create(_ h: NewHarvest, audit: AuditEvent) async throws -> Harvest {
        try await writer.write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM harvest WHERE datasetSlug = ?", arguments: [h.datasetSlug]) ?? 0 > 0 {
                throw MokminError(
                    .conflict, ko: "이 데이터셋에는 이미 수집 설정이 있습니다: \(h.datasetSlug)", en: "The dataset already has a harvest: \(h.datasetSlug)")
            }
            try db.execute(
                sql: """
                    INSERT INTO harvest (datasetSlug, url, format, serviceKey, keyParameter, intervalMinutes, uniqueKey, createdBy, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    h.datasetSlug, h.url, h.format, h.serviceKey, h.keyParameter, h.intervalMinutes, h.uniqueKey.joined(separator: "\n"),
                    audit.actor, Date(),
                ])
            let id = db.lastInsertedRowID
            var event = audit
            event.target = "harvest \(id)"
            // Never the key; the caller's detail (the URL with secret values masked) follows.
            event.detail = "dataset=\(h.datasetSlug) every=\(h.intervalMinutes)m" + (audit.detail.map { " " + $0 } ?? "")
            try AuditRecord(event).insert(db)
            return Self.harvest(try Row.fetchOne(db, sql: "SELECT * FROM harvest WHERE id = ?", arguments: [id])!)
        }
    }

    public func list() async throws -> [Harvest] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM harvest ORDER BY id").map(Self.harvest) }
    }

    public func find(id: Int64) async throws -> Harvest? {
        try await writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM harvest WHERE id = ?", arguments: [id]).map(Self.harvest) }
    }

    public func serviceKey(id: Int64) async throws -> String? {
        try await writer.read { db in try String.fetchOne(db, sql: "SELECT serviceKey FROM harvest WHERE id = ?", arguments: [id]) }
    }

    public func recordRun(id: Int64, at: Date, error: String?, rowsAdded: Int?) async throws {
        try await writer.write { db in
            if let error {
                try db.execute(sql: "UPDATE harvest SET lastRunAt = ?, lastError = ? WHERE id = ?", arguments: [at, error, id])
            } else {
                try db.execute(
                    sql: "UPDATE harvest SET lastRunAt = ?, lastSuccessAt = ?, lastError = NULL, lastRowsAdded = ? WHERE id = ?",
                    arguments: [at, at, rowsAdded, id])
            }
        }
    }

    public func remove(id: Int64, audit: AuditEvent) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM harvest WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else {
                throw MokminError(.notFound, ko: "없는 수집 설정입니다: \(id)", en: "No such harvest: \(id)")
            }
            try AuditRecord(audit).insert(db)
        }
    }
}
