import Foundation
import GRDB
import MokminBase
import MokminCore

/// The GRDB implementation of ``AnalysisRunRepository``.
public struct GRDBAnalysisRunRepository: AnalysisRunRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    static func run(_ row: Row) -> AnalysisRun {
        AnalysisRun(
            id: row["id"], kind: AnalysisRun.Kind(rawValue: row["kind"]) ?? .evSiting, title: row["title"], parameters: row["parameters"],
            status: AnalysisRun.Status(rawValue: row["status"]) ?? .failed, progress: row["progress"], message: row["message"],
            result: row["result"], error: row["error"], shared: row["shared"], createdBy: row["createdBy"], createdAt: row["createdAt"],
            startedAt: row["startedAt"], finishedAt: row["finishedAt"])
    }

    static func fetch(_ db: Database, _ id: Int64) throws -> AnalysisRun {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM analysisRun WHERE id = ?", arguments: [id]) else {
            throw MokminError(.notFound, ko: "없는 분석입니다: \(id)", en: "No such analysis run: \(id)")
        }
        return run(row)
    }

    public func create(kind: AnalysisRun.Kind, title: String, parameters: String, audit: AuditEvent) async throws -> AnalysisRun {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO analysisRun (kind, title, parameters, status, createdBy, createdAt) VALUES (?, ?, ?, 'queued', ?, ?)",
                arguments: [kind.rawValue, title, parameters, audit.actor, audit.at])
            let id = db.lastInsertedRowID
            var event = audit
            event.target = "analysis \(id)"
            event.detail = "kind=\(kind.rawValue)"
            try AuditRecord(event).insert(db)
            return try Self.fetch(db, id)
        }
    }

    public func run(id: Int64) async throws -> AnalysisRun? {
        try await writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM analysisRun WHERE id = ?", arguments: [id]).map(Self.run) }
    }

    public func list(sharedOnly: Bool, limit: Int) async throws -> [AnalysisRun] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM analysisRun \(sharedOnly ? "WHERE shared" : "") ORDER BY createdAt DESC, id DESC LIMIT ?", arguments: [limit]
            ).map(Self.run)
        }
    }

    public func start(id: Int64, at: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE analysisRun SET status = 'running', startedAt = ? WHERE id = ? AND status = 'queued'", arguments: [at, id])
            return db.changesCount > 0
        }
    }

    public func progress(id: Int64, fraction: Double, message: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE analysisRun SET progress = ?, message = ? WHERE id = ? AND status = 'running'",
                arguments: [min(1, max(0, fraction)), message, id])
        }
    }

    public func finish(id: Int64, result: String, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE analysisRun SET status = 'done', result = ?, progress = 1, message = NULL, finishedAt = ?
                    WHERE id = ? AND status = 'running'
                    """, arguments: [result, at, id])
        }
    }

    public func fail(id: Int64, error: String, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE analysisRun SET status = 'failed', error = ?, finishedAt = ? WHERE id = ? AND status IN ('queued', 'running')",
                arguments: [error, at, id])
        }
    }

    public func cancel(id: Int64, at: Date, audit: AuditEvent) async throws -> Bool {
        try await writer.write { db in
            _ = try Self.fetch(db, id)
            try db.execute(
                sql: "UPDATE analysisRun SET status = 'cancelled', finishedAt = ? WHERE id = ? AND status IN ('queued', 'running')", arguments: [at, id])
            guard db.changesCount > 0 else { return false }
            var event = audit
            event.target = "analysis \(id)"
            try AuditRecord(event).insert(db)
            return true
        }
    }

    public func setShared(id: Int64, shared: Bool, audit: AuditEvent) async throws {
        try await writer.write { db in
            _ = try Self.fetch(db, id)
            try db.execute(sql: "UPDATE analysisRun SET shared = ? WHERE id = ?", arguments: [shared, id])
            var event = audit
            event.target = "analysis \(id)"
            try AuditRecord(event).insert(db)
        }
    }

    public func failUnfinished(at: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE analysisRun SET status = 'failed', error = '서버가 중지되어 끝나지 못했습니다 / the server stopped before it finished',
                      finishedAt = ? WHERE status IN ('queued', 'running')
                    """, arguments: [at])
            return db.changesCount
        }
    }
}
