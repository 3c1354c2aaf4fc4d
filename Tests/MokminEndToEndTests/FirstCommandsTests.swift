import Foundation
import GRDB
import MokminTestSupport
import Testing

/// What a new user does first, with the real binary: write a sample file (no database appears), and import into a
/// database that does not exist yet (the bundled boundaries are there, so codes are typed and rows linked).
@Suite struct FirstCommandsTests {
    static let underCI = ProcessInfo.processInfo.environment["CI"] == "true"

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-first-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(.enabled(if: ServerProcess.binaryExists || underCI, "needs the mokmin binary: run `swift build` before `swift test`"))
    func aSampleFileCreatesNoDatabase() async throws {
        try #require(ServerProcess.binaryExists, "the mokmin binary is missing: run `swift build` first")
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, output) = try await runMokmin(["sample", "living-population", "--rows", "50", "--out", "lp.csv"], in: folder)
        #expect(status == 0, "\(output)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("lp.csv").path))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left == ["lp.csv"], "only the sample file is written: \(left)")
    }

    @Test(.enabled(if: ServerProcess.binaryExists || underCI, "needs the mokmin binary: run `swift build` before `swift test`"))
    func anImportIntoANewDatabaseLinksRowsToRegions() async throws {
        try #require(ServerProcess.binaryExists, "the mokmin binary is missing: run `swift build` first")
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("air.csv")
        try "측정소명,행정동코드,PM10\n조치원읍,3611025000,31\n아름동,3611053000,28\n".write(to: csv, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("new.sqlite").path
        let (status, output) = try await runMokmin(["import", csv.path, "--dataset", "air", "--db", db])
        #expect(status == 0, "\(output)")
        let queue = try DatabaseQueue(path: db)
        try await queue.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM region WHERE level = 'emd'") ?? 0 > 0, "the bundled 읍면동 were loaded")
            let columns = try String.fetchOne(db, sql: "SELECT columns FROM datasetVersion") ?? ""
            #expect(columns.contains("regionCode"), "the code column is typed as a region code: \(columns)")
            let table = try String.fetchOne(db, sql: "SELECT tableName FROM datasetVersion") ?? ""
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\" WHERE _region IS NOT NULL") == 2, "both rows linked to their 읍면동")
        }
    }
}
