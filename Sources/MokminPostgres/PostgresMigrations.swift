import Foundation
import MokminStore
import PostgresNIO

/// The PostgreSQL schema: one migration per SQLite migration, with the same identifier, in `Migrations/*.sql`.
///
/// A released migration is never edited: add a new one here and beside the SQLite ones (the schema comparison test
/// holds the two together). Migrations run at start in one transaction under an advisory lock, so two servers that
/// start at once apply them once.
public enum PostgresMigrations {
    /// Every migration's identifier, in order: the same list as the SQLite migrator's.
    public static let identifiers = [
        "v1-accounts", "v1-regions", "v2-datahub", "v3-harvest", "v4-board", "v5-analyses", "v6-catalog-revision",
        "v7-sign-in-throttle", "v8-plan", "v9-participation", "v10-poll-tallies", "v11-job-leases", "pg-reading-partitions",
        "v12-user-city",
    ]

    /// The advisory lock every server takes before migrating (an arbitrary constant: "mokmin" in ASCII).
    static let lock: Int64 = 0x6d6f_6b6d_696e

    /// The statements of migration `identifier`, read from the bundled file.
    static func statements(_ identifier: String) throws -> [String] {
        guard let url = Bundle.module.url(forResource: identifier, withExtension: "sql", subdirectory: "Migrations") else {
            throw MokminStoreError(ko: "PostgreSQL 마이그레이션 파일이 없습니다: \(identifier)", en: "The PostgreSQL migration \(identifier) is missing")
        }
        return SQLScript.statements(try String(contentsOf: url, encoding: .utf8))
    }
}

extension PostgresStore {
    /// Applies pending migrations and returns the identifiers it applied.
    @discardableResult
    public func migrate() async throws -> [String] {
        let scripts = try PostgresMigrations.identifiers.map { ($0, try PostgresMigrations.statements($0)) }
        return try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresMigrations.lock))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS mokmin_migrations (identifier text PRIMARY KEY, appliedat timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            var applied = Set<String>()
            for try await identifier in try await connection.query("SELECT identifier FROM mokmin_migrations", logger: logger).decode(String.self) {
                applied.insert(identifier)
            }
            var done: [String] = []
            for (identifier, statements) in scripts where !applied.contains(identifier) {
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO mokmin_migrations (identifier) VALUES (\(identifier))", logger: logger)
                done.append(identifier)
            }
            return done
        }
    }

    /// The identifiers of the migrations applied to this database.
    public func appliedMigrations() async throws -> [String] {
        try await withReadableErrors {
            var result: [String] = []
            let rows = try await client.query("SELECT identifier FROM mokmin_migrations", logger: logger)
            for try await identifier in rows.decode(String.self) { result.append(identifier) }
            return PostgresMigrations.identifiers.filter(result.contains)
        }
    }
}

/// Splits an SQL script into statements: at a `;` that ends a line, outside quotes, comments and `$$` bodies.
enum SQLScript {
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inSingle = false, inDouble = false, inDollar = false, inLineComment = false
        let characters = Array(script)
        var index = 0
        while index < characters.count {
            let c = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if inLineComment {
                if c == "\n" { inLineComment = false; current.append(c) }
                index += 1
                continue
            }
            if !inSingle, !inDouble, c == "$", next == "$" {
                inDollar.toggle()
                current.append("$$")
                index += 2
                continue
            }
            if !inDollar {
                if !inDouble, c == "'" {
                    inSingle.toggle()
                } else if !inSingle, c == "\"" {
                    inDouble.toggle()
                } else if !inSingle, !inDouble, c == "-", next == "-" {
                    inLineComment = true
                    index += 2
                    continue
                }
            }
            if c == ";", !inSingle, !inDouble, !inDollar {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
            } else {
                current.append(c)
            }
            index += 1
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }
}
