import Foundation
import MokminTestSupport
import Testing

/// The JSON API does what `/openapi.json` says: schemathesis (`st run --checks all`) generates requests from the
/// document — valid ones, invalid ones, undeclared methods, and chains that follow links — against `serve --demo`
/// signed in as an administrator, and checks that no answer is a server error, that every status and body is the
/// documented one, that schema-valid requests are accepted and schema-violating ones refused, and that a method a path
/// does not have is answered 405. `schemathesis.toml` names the few operations whose rules no schema can state.
///
/// Skipped with a message where schemathesis is missing, except under CI (`CI=true`), where `.ci/run` installs it.
@Suite struct APIContractTests {
    /// The schemathesis command line (`st`) on the PATH or beside Python's interpreter (where pip puts it), nil when
    /// it is not installed.
    static var schemathesis: URL? {
        if let st = which("st") { return st }
        guard let python = which("python3"),
            let found = try? runProcessBlocking(python, ["-c", "import os, sys; print(os.path.join(os.path.dirname(sys.executable), 'st'))"])
        else { return nil }
        let path = found.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }

    static var shouldRun: Bool { BrowserTestTools.underCI || (ServerProcess.binaryExists && schemathesis != nil) }

    @Test(.enabled(if: shouldRun, "needs the mokmin binary and schemathesis (pip install schemathesis)"))
    func theAPIKeepsTheContractOfItsOpenAPIDocument() async throws {
        try #require(ServerProcess.binaryExists, "the mokmin binary is missing: run swift build first")
        let st = try #require(Self.schemathesis, "schemathesis (st) is missing: .ci/run installs it")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("contract.sqlite").path

        let server = try ServerProcess(database: db, demo: true)
        defer { server.terminate() }
        try await server.waitUntilHealthy()
        let created = try await runMokmin(["token", "create", "--login", "admin", "--label", "contract", "--db", db])
        try #require(created.status == 0, "token create failed: \(created.output)")
        let token = created.output.trimmingCharacters(in: .whitespacesAndNewlines)

        // A fixed seed and a bounded number of examples per operation keep the run the same and a few minutes long
        // (a debug build hashes each new user's password slowly).
        let config = Fixtures.packageRoot.appendingPathComponent("schemathesis.toml").path
        // One worker: with two, hypothesis parses Python sources on two threads at once, which CPython 3.11 does not
        // survive ("AST constructor recursion depth mismatch", reported by st as a Runtime Error of its own).
        let (status, output) = try await runProcess(
            st,
            [
                "--config-file", config, "run", server.base + "/openapi.json", "--checks", "all", "-H", "Authorization: Bearer " + token,
                "--seed", "1", "--max-examples", "20", "--workers", "1", "--no-color",
            ], in: folder)
        let summary = output.components(separatedBy: "SUMMARY").last ?? output
        #expect(status == 0, "schemathesis found contract failures:\n\(output.suffix(12_000))")
        #expect(summary.contains("Tested: "), "schemathesis did not test the API:\n\(output.suffix(4_000))")
    }
}
