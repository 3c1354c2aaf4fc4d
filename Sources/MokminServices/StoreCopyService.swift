import Foundation
import MokminPostgres
import MokminStore

/// What `mokmin store copy` reports.
public typealias StoreCopyReport = MokminPostgres.StoreCopyReport

extension AppServices {
    /// Copies the SQLite city at `path` (migrated first) into the empty PostgreSQL database at `address` (migrated
    /// first), in one transaction checked table by table (``StoreCopy``).
    public static func copyStore(from path: String, to address: String, progress: @escaping @Sendable (String) -> Void) async throws
        -> StoreCopyReport
    {
        guard FileManager.default.fileExists(atPath: path) else {
            throw MokminStoreError(ko: "SQLite 파일이 없습니다: \(path)", en: "The SQLite file does not exist: \(path)")
        }
        guard PostgresURL.isPostgres(address) else {
            throw MokminStoreError(ko: "대상은 postgres:// 주소여야 합니다: \(address)", en: "The target must be a postgres:// address: \(address)")
        }
        let source = try AppDatabase(path: path)
        defer { try? source.close() }
        let target = try await PostgresStore.open(try PostgresURL(address))
        do {
            let report = try await StoreCopy.copy(from: source, to: target, progress: progress)
            await target.close()
            return report
        } catch {
            await target.close()
            throw error
        }
    }
}
