import Foundation
import GRDB
import MokminPostgres
import MokminStore
import MokminTestSupport
import PostgresNIO
import Testing

/// The two schemas cannot drift: every table, column (its type family and NOT NULL), primary key, foreign key (with
/// its ON DELETE), unique constraint or index, CHECK constraint and named index of the SQLite migrations exists in
/// the PostgreSQL migrations, and nothing more. Names compare in lower case (PostgreSQL folds unquoted names).
@Suite(.enabled(if: TestPostgres.available, Comment(rawValue: TestPostgres.skipMessage)))
struct SchemaComparisonTests {
    /// One table as both schemas describe it.
    struct Table: Equatable, CustomStringConvertible {
        var columns: [String: String] = [:]  // name → "family NOT NULL" / "family NULL"
        var primaryKey: [String] = []
        var foreignKeys: Set<String> = []  // "a,b -> table(c,d) on delete cascade"
        var uniques: Set<String> = []  // "a,b" (+ " where …" for partial ones)
        var checks = 0
        var description: String {
            "columns \(columns.sorted { $0.key < $1.key }) pk \(primaryKey) fk \(foreignKeys.sorted()) unique \(uniques.sorted()) checks \(checks)"
        }
    }

    /// Indexes PostgreSQL has and SQLite does not, each with its reason.
    static let postgresOnlyIndexes: [String: String] = [:]

    @Test func theSQLiteAndPostgreSQLSchemasAgree() async throws {
        let (sqliteTables, sqliteIndexes) = try await Self.sqliteSchema()
        let (postgresTables, postgresIndexes) = try await TestPostgres.withStore { store in try await Self.postgresSchema(store) }
        #expect(Set(sqliteTables.keys) == Set(postgresTables.keys), "tables")
        for (name, table) in sqliteTables.sorted(by: { $0.key < $1.key }) {
            guard let other = postgresTables[name] else { continue }
            #expect(table.columns == other.columns, "\(name): columns (SQLite first)")
            #expect(table.primaryKey == other.primaryKey, "\(name): primary key")
            #expect(table.foreignKeys == other.foreignKeys, "\(name): foreign keys")
            #expect(table.uniques == other.uniques, "\(name): unique constraints and indexes")
            #expect(table.checks == other.checks, "\(name): CHECK constraints")
        }
        #expect(sqliteIndexes.subtracting(postgresIndexes).isEmpty, "indexes only SQLite has: \(sqliteIndexes.subtracting(postgresIndexes).sorted())")
        let extra = postgresIndexes.subtracting(sqliteIndexes).subtracting(Self.postgresOnlyIndexes.keys)
        #expect(extra.isEmpty, "indexes only PostgreSQL has (add them to SQLite, or to postgresOnlyIndexes with a reason): \(extra.sorted())")
    }

    @Test func bothStoresListTheSameMigrations() throws {
        #expect(try Self.sqliteMigrations() == PostgresMigrations.identifiers.filter { !$0.hasPrefix("pg-") })
    }

    static func sqliteMigrations() throws -> [String] {
        let database = try AppDatabase.inMemory()
        return try database.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
    }

    static func family(_ declared: String) -> String {
        let type = declared.uppercased()
        if type.contains("INT") { return "integer" }
        if type.contains("BOOL") { return "boolean" }
        if type.contains("DATE") || type.contains("TIMESTAMP") { return "datetime" }
        if type.contains("REAL") || type.contains("DOUB") || type.contains("FLOA") || type.contains("NUMERIC") { return "real" }
        if type.contains("BLOB") || type.contains("BYTEA") { return "blob" }
        return "text"
    }

    static func sqliteSchema() async throws -> ([String: Table], Set<String>) {
        let database = try AppDatabase.inMemory()
        return try await database.writer.read { db in
            var tables: [String: Table] = [:]
            var indexes = Set<String>()
            let names = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'")
            for name in names {
                var table = Table()
                var keyed: [(Int, String)] = []
                for row in try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", arguments: [name]) {
                    let column = (row["name"] as String).lowercased()
                    let pk: Int = row["pk"]
                    let notNull = (row["notnull"] as Int) == 1 || pk > 0
                    table.columns[column] = family(row["type"] ?? "") + (notNull ? " NOT NULL" : " NULL")
                    if pk > 0 { keyed.append((pk, column)) }
                }
                table.primaryKey = keyed.sorted { $0.0 < $1.0 }.map(\.1)
                var foreign: [Int: (table: String, from: [String], to: [String], onDelete: String)] = [:]
                for row in try Row.fetchAll(
                    db, sql: "SELECT id, seq, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                    arguments: [name])
                {
                    let id: Int = row["id"]
                    var key = foreign[id] ?? ((row["table"] as String).lowercased(), [], [], (row["on_delete"] as String).lowercased())
                    key.from.append((row["from"] as String).lowercased())
                    key.to.append(((row["to"] as String?) ?? "").lowercased())
                    foreign[id] = key
                }
                table.foreignKeys = Set(
                    foreign.values.map {
                        "\($0.from.joined(separator: ",")) -> \($0.table)(\($0.to.joined(separator: ","))) on delete \($0.onDelete)"
                    })
                for row in try Row.fetchAll(db, sql: "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)", arguments: [name]) {
                    let index: String = row["name"]
                    let origin: String = row["origin"]
                    if origin == "c" { indexes.insert(index.lowercased()) }
                    guard (row["unique"] as Int) == 1, origin != "pk" else { continue }
                    let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [index])
                    table.uniques.insert(columns.map { $0.lowercased() }.joined(separator: ",") + ((row["partial"] as Int) == 1 ? " partial" : ""))
                }
                let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [name]) ?? ""
                table.checks = sql.uppercased().components(separatedBy: "CHECK").count - 1
                tables[name.lowercased()] = table
            }
            return (tables, indexes)
        }
    }

    static func postgresSchema(_ store: PostgresStore) async throws -> ([String: Table], Set<String>) {
        let client = store.client
        var tables: [String: Table] = [:]
        // Ordinary and partitioned tables of the schema; partitions are storage, not schema.
        for try await name in try await client.query(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'mokmin_migrations'
            """
        ).decode(String.self) {
            tables[name] = Table()
        }
        for try await (table, column, type, nullable) in try await client.query(
            "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text FROM information_schema.columns WHERE table_schema = 'public'"
        ).decode((String, String, String, String).self) where tables[table] != nil {
            tables[table]?.columns[column] = family(type) + (nullable == "NO" ? " NOT NULL" : " NULL")
        }
        // Constraints with their columns in key order.
        let constraints = try await client.query(
            """
            SELECT c.conrelid::regclass::text, c.contype::text,
                ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
                COALESCE(c.confrelid::regclass::text, ''),
                ARRAY(SELECT a.attname::text FROM unnest(COALESCE(c.confkey, '{}')) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i),
                c.confdeltype::text
            FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
            WHERE n.nspname = 'public' AND NOT r.relispartition AND c.conparentid = 0
            """)
        let actions = ["a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"]
        for try await (relation, kind, columns, target, targetColumns, onDelete) in constraints.decode(
            (String, String, [String], String, [String], String).self)
        {
            let table = relation.replacingOccurrences(of: "\"", with: "")
            guard tables[table] != nil else { continue }
            switch kind {
            case "p": tables[table]?.primaryKey = columns
            case "f":
                let to = target.replacingOccurrences(of: "\"", with: "")
                tables[table]?.foreignKeys.insert(
                    "\(columns.joined(separator: ",")) -> \(to)(\(targetColumns.joined(separator: ","))) on delete \(actions[onDelete] ?? onDelete)")
            case "u": tables[table]?.uniques.insert(columns.joined(separator: ","))
            case "c": tables[table]?.checks += 1
            default: break
            }
        }
        // Unique indexes that back no constraint (CREATE UNIQUE INDEX, partial ones included), and every index's name.
        var indexes = Set<String>()
        for try await (table, index, unique, constraint, partial, columns) in try await client.query(
            """
            SELECT t.relname::text, i.relname::text, x.indisunique, EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid),
                x.indpred IS NOT NULL,
                ARRAY(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND NOT t.relispartition AND NOT i.relispartition
            """
        ).decode((String, String, Bool, Bool, Bool, [String]).self) where tables[table] != nil {
            if !constraint { indexes.insert(index) }
            if unique, !constraint { tables[table]?.uniques.insert(columns.joined(separator: ",") + (partial ? " partial" : "")) }
        }
        return (tables, indexes)
    }
}
