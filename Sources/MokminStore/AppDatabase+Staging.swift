import Foundation
import GRDB

extension AppDatabase {
    /// Drops the staging tables of imports that ended without publishing or cleaning up (a crash, `kill -9`, power
    /// loss). The catalog never referenced them, so nothing else changes. A running import's table, in this process
    /// or another, is kept. Runs wherever migrations run. Returns the names of the tables dropped.
    @discardableResult
    public func removeAbandonedImports() throws -> [String] {
        guard let path else { return [] }
        return try DatasetStaging.removeAbandoned(writer: writer, databasePath: path)
    }

    /// The busy handler of every connection: while another process holds SQLite's write lock (`mokmin import`
    /// beside `mokmin serve`), try again every few milliseconds for up to ``lockTimeoutSeconds``. SQLite's own
    /// timeout sleeps up to 100 ms between tries, and would mostly miss the short pauses between an import's
    /// transactions.
    static let waitForLock: Database.BusyCallback = { tries in
        // 1, 2, 3, 4, then 5 ms between tries: `slept` is the time waited before this try.
        let slept = tries <= 4 ? tries * (tries + 1) / 2 : 10 + (tries - 4) * 5
        guard Double(slept) < AppDatabase.lockTimeoutSeconds * 1000 else { return false }
        usleep(useconds_t(min(tries + 1, 5) * 1000))
        return true
    }

    /// How long a connection waits for another process's write lock before it fails with SQLITE_BUSY.
    static let lockTimeoutSeconds = 10.0
}
