import ArgumentParser
import Foundation
import MokminCore
import MokminServices
import MokminStore
import MokminWeb

/// `--db PATH`, shared by every command that touches data.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (default: $MOKMIN_DB, else ./mokmin.sqlite).")
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["MOKMIN_DB"] ?? "./mokmin.sqlite" }

    /// Opens the database (running pending migrations) and builds the services on it.
    func open() throws -> AppServices {
        AppServices(database: try AppDatabase(path: path))
    }
}

enum MokminVersionText {
    static let current = MokminVersion.current
}

/// Runs `body`, printing a `MokminError` (Korean / English) to standard error and exiting with status 2 for bad
/// input, 1 otherwise.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as MokminError {
        FileHandle.standardError.write(Data("오류 / error: \(error.message)\n".utf8))
        throw ExitCode(error.kind == .invalidInput || error.kind == .conflict ? 2 : 1)
    } catch let error as MokminStoreError {
        FileHandle.standardError.write(Data("오류 / error: \(error.message)\n".utf8))
        throw ExitCode(1)
    }
}
