import ArgumentParser
import Foundation
import MokminBase
import MokminDemo
import MokminServices

/// `--db PATH` or `--db postgres://…`, shared by every command that touches data.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "The SQLite database file, or a PostgreSQL database as postgres://user@host:port/db (default: $MOKMIN_DATABASE_URL, else $MOKMIN_DB, else ./mokmin.sqlite)."
    )
    var db: String?

    /// What `--db` or the environment names.
    var address: String {
        let environment = ProcessInfo.processInfo.environment
        return db ?? environment["MOKMIN_DATABASE_URL"] ?? environment["MOKMIN_DB"] ?? "./mokmin.sqlite"
    }

    /// Where the data is.
    func location() throws -> DatabaseLocation { try DatabaseLocation(address) }

    /// The SQLite file's path (nil on PostgreSQL).
    var path: String? {
        if case .sqlite(let path)? = try? location() { path } else { nil }
    }

    /// Opens the database (running pending migrations) and builds the services on it. An empty database first gets
    /// the bundled boundaries, so that every command (an import above all: codes are typed and rows linked to 읍면동
    /// through them) finds the same registry `serve` would.
    func open(replica: String? = nil, reporting report: (RegionService.LoadReport) -> Void = { _ in }) async throws -> AppServices {
        let services = try await AppServices.open(try location(), replica: replica, simulator: CitySimulator())
        for loaded in try await services.regions.seedBundledIfEmpty() { report(loaded) }
        // A city chosen elsewhere than Sejong gets its 시도's bundled 읍면동 on first use.
        for city in try await services.regions.servedCities() {
            if case .loaded = try await services.regions.loadBundledEMD(for: city, actor: nil) { try await services.regions.reload() }
        }
        return services
    }

    /// The services on this database when its file exists, else on a temporary in-memory database holding the
    /// bundled boundaries: for commands that only read the registry, so that they never create a database file.
    func openExistingOrBundled() async throws -> AppServices {
        guard let path, !FileManager.default.fileExists(atPath: path) else { return try await open() }
        let services = try AppServices.inMemory()
        _ = try await services.regions.seedBundledIfEmpty()
        return services
    }
}

/// Runs `body`, printing a `MokminError` (Korean / English) to standard error and exiting with status 2 for bad
/// input, 1 otherwise.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as MokminError {
        FileHandle.standardError.write(Data("오류 / error: \(error.message)\n".utf8))
        throw ExitCode(error.kind == .invalidInput || error.kind == .conflict ? 2 : 1)
    } catch let error as StorageError {
        FileHandle.standardError.write(Data("오류 / error: \(error.message)\n".utf8))
        throw ExitCode(1)
    } catch let error as any BilingualError {
        // An input error of a module (a plan file's bad cells, a reader's error …): what and where, then status 2.
        FileHandle.standardError.write(Data("오류 / error: \(error.message)\n".utf8))
        throw ExitCode(2)
    }
}
