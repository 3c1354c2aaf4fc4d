import Foundation
import GRDB

/// The embedded SQLite database: opened in WAL mode, migrated on open.
///
/// One `DatabasePool` serves the whole process: readers run concurrently with the one writer.
public struct AppDatabase: Sendable {
    public let writer: any DatabaseWriter
    /// The file path, or nil for an in-memory database (tests).
    public let path: String?

    /// Opens (creating if needed) the database file at `path` and, unless told not to, runs pending migrations.
    public init(path: String, migrate: Bool = true) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .callback(Self.waitForLock)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The one writer gets a 32 MiB page cache (SQLite's default is 2 MiB): feed ingest touches a leaf page per
            // series, and a few thousand series no longer thrash it (measured in BENCHMARKS.md, "Status board").
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -32768") }
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw MokminStoreError(ko: "데이터베이스 폴더가 없습니다: \(directory)", en: "The database folder does not exist: \(directory)")
        }
        do {
            self.writer = try DatabasePool(path: path, configuration: config)
        } catch {
            throw MokminStoreError(ko: "데이터베이스를 열 수 없습니다: \(path)", en: "Cannot open the database \(path): \(error)")
        }
        self.path = path
        if migrate {
            try Self.migrator.migrate(writer)
            try removeAbandonedImports()
        }
    }

    /// An empty in-memory database with every migration applied (one per test).
    public static func inMemory() throws -> AppDatabase {
        var config = Configuration()
        config.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: config)
        try migrator.migrate(queue)
        return AppDatabase(writer: queue)
    }

    private init(writer: any DatabaseWriter) {
        self.writer = writer
        self.path = nil
    }

    /// Applies pending migrations and removes what crashed imports left (``removeAbandonedImports()``); returns the
    /// identifiers of the migrations it applied.
    @discardableResult
    public func migrate() throws -> [String] {
        let before = try writer.read { db in try Self.migrator.appliedIdentifiers(db) }
        try Self.migrator.migrate(writer)
        try removeAbandonedImports()
        let after = try writer.read { db in try Self.migrator.appliedIdentifiers(db) }
        return Self.migrator.migrations.filter { after.contains($0) && !before.contains($0) }
    }

    /// Size of the database on disk in bytes (main file and write-ahead log).
    public func sizeInBytes() async throws -> Int64 {
        let pages = try await writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()") ?? 0
        }
        guard let path else { return pages }
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.int64Value ?? 0
        return pages + wal
    }

    /// Answers a trivial query: the database is reachable and readable.
    public func ping() async throws {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// Checkpoints the write-ahead log and closes the file.
    public func close() throws {
        if let pool = writer as? DatabasePool {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            try pool.close()
        }
    }
}
