import Foundation
import Logging
import MokminPostgres
import MokminStore

/// Where a city's data lives: an SQLite file (the default, for one server) or a PostgreSQL database (a province or a
/// ministry, several servers). Read from `--db` or `MOKMIN_DATABASE_URL`: an address starting with `postgres://` is
/// PostgreSQL, anything else a file path.
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresURL)

    public init(_ address: String) throws {
        self = PostgresURL.isPostgres(address) ? .postgres(try PostgresURL(address)) : .sqlite(path: address)
    }

    /// The file path or the address without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url.description
        }
    }
}

/// The database behind the services, for what is not a repository's business: reachability, size, closing.
enum Storage: Sendable {
    case sqlite(AppDatabase)
    case postgres(primary: PostgresStore, replica: PostgresStore?, reads: PostgresReads)
}

/// What `/health` reports of the database.
public struct StorageStatus: Sendable, Codable, Equatable {
    /// `sqlite` or `postgresql`.
    public var kind: String
    /// Whether the (primary) database answered.
    public var primary: String
    /// `none`, `ok`, or `down (reads use the primary)`.
    public var replica: String
    /// PostgreSQL's pool: connections in use now and the most it opens (nil on SQLite).
    public var poolInUse: Int?
    public var poolSize: Int?
}
