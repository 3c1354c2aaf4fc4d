import Foundation
import MokminStore
import PostgresNIO

/// Where a PostgreSQL database is, read from a `postgres://user:password@host:port/database?sslmode=…` address
/// (`--db`, `MOKMIN_DATABASE_URL`).
///
/// `sslmode` is `disable`, `prefer` (the default, as libpq's) or `require`; `pool` bounds the connections one server
/// opens (1…200, default 20).
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    public var poolSize: Int

    public enum SSLMode: String, Sendable, Hashable, CaseIterable { case disable, prefer, require }

    /// Whether `address` names a PostgreSQL database rather than an SQLite file.
    public static func isPostgres(_ address: String) -> Bool {
        address.hasPrefix("postgres://") || address.hasPrefix("postgresql://")
    }

    public init(_ address: String) throws {
        guard Self.isPostgres(address), let components = URLComponents(string: address) else {
            throw Self.invalid(address, ko: "postgres://사용자@호스트:포트/데이터베이스 형식이어야 합니다", en: "expected postgres://user@host:port/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw Self.invalid(address, ko: "호스트가 없습니다", en: "the host is missing")
        }
        self.host = host
        self.port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw Self.invalid(address, ko: "포트는 1–65535입니다", en: "the port must be 1–65535") }
        self.user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        self.password = components.password.flatMap { $0.removingPercentEncoding }
        let name = String(components.path.drop(while: { $0 == "/" }))
        self.database = name.isEmpty ? user : (name.removingPercentEncoding ?? name)
        self.sslMode = .prefer
        self.poolSize = 20
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw Self.invalid(address, ko: "sslmode는 disable, prefer, require 중 하나입니다", en: "sslmode must be disable, prefer or require")
                }
                sslMode = mode
            case "pool":
                guard let size = item.value.flatMap({ Int($0) }), (1...200).contains(size) else {
                    throw Self.invalid(address, ko: "pool은 1–200입니다", en: "pool must be 1–200")
                }
                poolSize = size
            default:
                throw Self.invalid(address, ko: "알 수 없는 설정 \(item.name)", en: "unknown parameter \(item.name) (sslmode, pool)")
            }
        }
    }

    /// The address without its password (for logs, `/health` and error messages).
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)"
    }

    /// The same server, another database (tests make one database per test).
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// The pool's configuration.
    public var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(.makeClientConfiguration())
        case .require: tls = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = poolSize
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// One connection's configuration (the first check that the server answers, LISTEN, COPY).
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    private static func invalid(_ address: String, ko: String, en: String) -> MokminStoreError {
        let shown = address.replacingOccurrences(of: #":[^:@/]*@"#, with: ":***@", options: .regularExpression)
        return MokminStoreError(ko: "PostgreSQL 주소가 올바르지 않습니다 (\(shown)): \(ko)", en: "Invalid PostgreSQL address (\(shown)): \(en)")
    }
}
