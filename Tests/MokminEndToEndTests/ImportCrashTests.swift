import Foundation
import GRDB
import MokminTestSupport
import Testing

/// `kill -9` in the middle of `mokmin import`, then the next start (`mokmin migrate`): the database is intact, the
/// catalog is exactly as it was, and the killed import's staging table is gone.
@Suite(.serialized) struct ImportCrashTests {
    static let underCI = ProcessInfo.processInfo.environment["CI"] == "true"
    /// Enough rows that the debug binary is still storing them when it is killed.
    static let rows = 80_000

    /// Everything a reader of the catalog could see, as text: datasets, tags, versions, the revision counter, the
    /// datasets' audit entries and every dataset table with its row count.
    static func catalog(_ db: Database) throws -> [String] {
        var lines: [String] = []
        for table in ["dataset", "datasetTag", "datasetVersion", "catalogRevision"] {
            lines += try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map { "\(table): \($0)" }
        }
        lines += try Row.fetchAll(db, sql: "SELECT * FROM auditLog WHERE action GLOB 'dataset.*' ORDER BY id").map { "auditLog: \($0)" }
        for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'ds_*' ORDER BY name") {
            lines.append("\(name): \(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(name)\"") ?? -1) rows")
        }
        return lines
    }

    /// Rows committed in staging tables.
    static func stagedRows(_ db: Database) throws -> Int {
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'ds_stage_*'").reduce(0) {
            $0 + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\($1)\"") ?? 0)
        }
    }

    @Test(.enabled(if: ServerProcess.binaryExists || underCI, "needs the mokmin binary: run `swift build` before `swift test`"))
    func killNineInTheMiddleOfAnImportLeavesTheCatalogAsItWas() async throws {
        try #require(ServerProcess.binaryExists, "the mokmin binary is missing at \(ServerProcess.binary.path): run `swift build` first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("city.sqlite").path
        let small = folder.appendingPathComponent("small.csv").path
        let large = folder.appendingPathComponent("large.csv").path
        #expect(try await runMokmin(["sample", "living-population", "--rows", "300", "--out", small, "--db", db]).status == 0)
        #expect(try await runMokmin(["import", small, "--dataset", "kept", "--title", "남을 데이터", "--db", db]).status == 0)
        #expect(try await runMokmin(["sample", "living-population", "--rows", String(Self.rows), "--out", large, "--db", db]).status == 0)
        let watcher = try DatabaseQueue(path: db)
        let before = try await watcher.read { db in try Self.catalog(db) }
        #expect(before.contains { $0.hasPrefix("datasetVersion: ") })

        let importing = Process()
        importing.executableURL = ServerProcess.binary
        importing.arguments = ["import", large, "--dataset", "large", "--db", db]
        importing.standardOutput = FileHandle.nullDevice
        importing.standardError = FileHandle.nullDevice
        try importing.run()
        // Its rows are going into a staging table (committed, so this reader sees them): kill it there.
        var staged = 0
        while importing.isRunning && staged == 0 {
            staged = try await watcher.read { db in try Self.stagedRows(db) }
            if staged == 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        try #require(importing.isRunning, "the import ended before it could be killed (exit status \(importing.terminationStatus))")
        kill(importing.processIdentifier, SIGKILL)
        importing.waitUntilExit()
        #expect(importing.terminationReason == .uncaughtSignal && importing.terminationStatus == SIGKILL)
        #expect(try await watcher.read { db in try Self.stagedRows(db) } > 0)  // what the killed import left
        try watcher.close()

        // The next start.
        #expect(try await runMokmin(["migrate", "--db", db]).status == 0)
        let after = try DatabaseQueue(path: db)
        #expect(try await after.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } == ["ok"])
        #expect(try await after.read { db in try Self.catalog(db) } == before)
        #expect(try await after.read { db in try Self.stagedRows(db) } == 0)
        let leftFiles = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".lock") }
        #expect(leftFiles.isEmpty)
        try after.close()
        // And the database takes the next import.
        #expect(try await runMokmin(["import", small, "--dataset", "large", "--db", db]).status == 0)
    }
}
