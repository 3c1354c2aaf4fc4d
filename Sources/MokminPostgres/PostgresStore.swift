import Foundation
import Logging
import MokminStore
import PostgresNIO
import Synchronization

/// A PostgreSQL database: its connection pool (postgres-nio's `PostgresClient`, run in a task the store owns from
/// `open` to `close`), the migrations, and the transaction every multi-step write runs in.
public final class PostgresStore: Sendable {
    public let url: PostgresURL
    public let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>
    private let leased = Atomic<Int>(0)

    /// Connections of the pool in use now (`/health`, `/metrics`), and the most it opens.
    public var connectionsInUse: Int { leased.load(ordering: .relaxed) }
    public var poolSize: Int { url.poolSize }

    /// Connects (the pool opens connections as queries need them) and, unless told not to, applies pending migrations.
    /// Throws a readable error when the server cannot be reached.
    public static func open(_ url: PostgresURL, migrate: Bool = true, logger: Logger = Logger(label: "mokmin.postgres")) async throws
        -> PostgresStore
    {
        // The pool starts running in its task while one connection of its own checks the server: the pool retries an
        // unreachable server for a minute before it gives up, a person starting a server should hear at once what is
        // wrong (and the pool is running by the time the first query asks it for a connection).
        let store = PostgresStore(url: url, logger: logger)
        do {
            let connection = try await PostgresConnection.connect(configuration: try url.connectionConfiguration(), id: 0, logger: logger)
            try await connection.close()
        } catch let error as PSQLError {
            await store.close()
            throw PostgresStoreError(error, url: url)
        } catch {
            await store.close()
            throw error
        }
        do {
            try await store.ping()
            if migrate { try await store.migrate() }
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    private init(url: PostgresURL, logger: Logger) {
        self.url = url
        self.logger = logger
        let client = PostgresClient(configuration: url.clientConfiguration, backgroundLogger: logger)
        self.client = client
        self.running = Task { await client.run() }
    }

    /// Ends the pool: open connections are closed, later queries fail.
    public func close() async {
        running.cancel()
        await running.value
    }

    /// Answers a trivial query (`/health`): the server is reachable.
    public func ping() async throws {
        try await withReadableErrors {
            _ = try await client.query("SELECT 1", logger: logger).collect()
        }
    }

    /// Whether the server is a streaming replica (in recovery).
    public func isReplica() async throws -> Bool {
        try await withReadableErrors {
            for try await recovering in try await client.query("SELECT pg_is_in_recovery()", logger: logger).decode(Bool.self) {
                return recovering
            }
            return false
        }
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back when it throws.
    @discardableResult
    public func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withReadableErrors {
            try await client.withConnection { connection in
                leased.add(1, ordering: .relaxed)
                defer { leased.subtract(1, ordering: .relaxed) }
                try await connection.query("BEGIN", logger: logger)
                do {
                    let result = try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    /// Runs `body` on one connection outside a transaction (reads that need several statements to see one connection).
    @discardableResult
    public func connection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withReadableErrors {
            try await client.withConnection { connection in
                leased.add(1, ordering: .relaxed)
                defer { leased.subtract(1, ordering: .relaxed) }
                return try await body(connection)
            }
        }
    }

    /// The payloads sent with `NOTIFY` on `channel`, on a connection of their own that is opened again (after two
    /// seconds) when it breaks; an empty payload follows each (re)connection, since notifications sent while it was
    /// down are lost. Ends when the consumer stops iterating.
    public func notifications(on channel: String) -> AsyncStream<String> {
        let (url, logger) = (self.url, self.logger)
        return AsyncStream(bufferingPolicy: .bufferingNewest(64)) { continuation in
            let task = Task {
                while !Task.isCancelled {
                    do {
                        let connection = try await PostgresConnection.connect(configuration: try url.connectionConfiguration(), id: 3, logger: logger)
                        do {
                            try await connection.listen(on: channel) { notifications in
                                continuation.yield("")
                                for try await notification in notifications { continuation.yield(notification.payload) }
                            }
                        } catch {
                            logger.warning(
                                "listening for notifications failed; trying again", metadata: ["channel": "\(channel)", "error": "\(error)"])
                        }
                        try? await connection.close()
                    } catch {
                        logger.warning("cannot connect to listen for notifications; trying again", metadata: ["channel": "\(channel)"])
                    }
                    try? await Task.sleep(for: .seconds(2))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The size of the database (`/metrics`).
    public func sizeInBytes() async throws -> Int64 {
        try await withReadableErrors {
            for try await size in try await client.query("SELECT pg_database_size(current_database())", logger: logger).decode(Int64.self) {
                return size
            }
            return 0
        }
    }

    /// Turns the pool's errors (which hide the server's message from their description) into one a person can read:
    /// the server's message and SQLSTATE, or where the server could not be reached. Errors of ours pass through.
    func withReadableErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            throw PostgresStoreError(error, url: url)
        }
    }
}

/// A PostgreSQL failure: the server's own message and SQLSTATE code when it answered, else why it could not be reached.
public struct PostgresStoreError: Error, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE (`23505` unique violation, `23503` foreign key, `23514` check …), when the server answered.
    public let sqlState: String?
    public let message: String
    /// The name of the constraint a row broke, when it broke one.
    public let constraint: String?

    init(_ error: PSQLError, url: PostgresURL) {
        sqlState = error.serverInfo?[.sqlState]
        constraint = error.serverInfo?[.constraintName]
        if let serverMessage = error.serverInfo?[.message] {
            message = serverMessage + (error.serverInfo?[.detail].map { " (\($0))" } ?? "")
        } else {
            message = "\(url): \(String(reflecting: error.code))" + (error.underlying.map { ": \($0)" } ?? "")
        }
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    public var isCheckViolation: Bool { sqlState == "23514" }

    public var description: String { "PostgreSQL \(sqlState ?? "connection"): \(message)" }
}
