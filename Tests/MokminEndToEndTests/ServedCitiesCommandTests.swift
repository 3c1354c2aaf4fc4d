import Foundation
import GRDB
import MokminTestSupport
import Testing

/// A province's administrator sets the served cities and an account's city with the real binary.
@Suite struct ServedCitiesCommandTests {
    static let underCI = ProcessInfo.processInfo.environment["CI"] == "true"

    @Test(.enabled(if: ServerProcess.binaryExists || underCI, "needs the mokmin binary: run `swift build` before `swift test`"))
    func citiesAndAnAccountsCityFromTheCommandLine() async throws {
        try #require(ServerProcess.binaryExists, "the mokmin binary is missing: run `swift build` first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-cities-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("province.sqlite").path

        let set = try await runMokmin(["regions", "city", "42110", "42720", "--db", db])
        #expect(set.status == 0, "\(set.output)")
        #expect(set.output.contains("4211000000\t강원도 춘천시") && set.output.contains("4272000000\t강원도 홍천군"))
        #expect(set.output.contains("읍면동 경계"), "춘천's bundled 읍면동 are loaded and said so: \(set.output)")

        let refused = try await runMokmin(["regions", "city", "42110", "99999", "--db", db])
        #expect(refused.status == 2)
        let shown = try await runMokmin(["regions", "city", "--db", db])
        #expect(shown.output.split(separator: "\n").filter { $0.hasPrefix("42") }.count == 2, "the refused list changed nothing: \(shown.output)")

        let add = try await runMokmin(
            ["user", "add", "--login", "kim", "--name", "김", "--role", "official", "--password-stdin", "--db", db], input: "password-123\n")
        #expect(add.status == 0, "\(add.output)")
        #expect(try await runMokmin(["user", "city", "--login", "kim", "42720", "--db", db]).status == 0)
        #expect(try await runMokmin(["user", "city", "--login", "kim", "36110", "--db", db]).status == 2, "Sejong is not served here")
        let list = try await runMokmin(["user", "list", "--db", db])
        #expect(list.output.contains("kim\tofficial\tactive\t4272000000"), "\(list.output)")
        #expect(try await runMokmin(["user", "city", "--login", "kim", "--all", "--db", db]).status == 0)

        let queue = try DatabaseQueue(path: db)
        let (city, dongs, audits) = try await queue.read { db in
            (
                try String.fetchOne(db, sql: "SELECT city FROM user WHERE login = 'kim'"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM region WHERE level = 'emd' AND code LIKE '42110%'") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditLog WHERE action = 'user.city'") ?? 0
            )
        }
        #expect(city == nil, "--all leaves the account without a city")
        #expect(dongs > 0, "춘천's 읍면동 are stored")
        #expect(audits == 2, "two changes, two audit events (the refused one wrote none)")
    }
}
