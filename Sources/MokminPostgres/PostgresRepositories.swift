import Foundation
import MokminStore

extension Repositories {
    /// The repositories of a PostgreSQL database. Every protocol has a PostgreSQL implementation, or this throws,
    /// naming the ones that have none, so that a server never starts on half a store.
    public static func postgres(_ store: PostgresStore, reads: PostgresReads? = nil) throws -> Repositories {
        let missing = PostgresImplementations.missing
        guard missing.isEmpty else {
            throw MokminStoreError(
                ko: "PostgreSQL 저장소에 아직 구현되지 않은 저장소가 있어 시작할 수 없습니다: \(missing.joined(separator: ", "))",
                en: "Cannot start on PostgreSQL: these repositories have no PostgreSQL implementation yet: \(missing.joined(separator: ", "))")
        }
        throw MokminStoreError(ko: "unreachable", en: "unreachable")
    }
}

/// Which repository protocols have a PostgreSQL implementation.
public enum PostgresImplementations {
    /// The protocols without one (empty when the store is complete).
    public static let missing = [
        "FeedRepository", "AlertRepository", "BoardEventRepository", "PlanRepository",
    ]
}
