import Foundation
import GRDB
import GRDBSQLite
import MokminCore

/// The GRDB implementation of `DatasetRepository`: one SQLite table per dataset version.
public struct GRDBDatasetRepository: DatasetRepository {
    let writer: any DatabaseWriter
    /// The catalog search index, shared by every copy of this repository.
    let catalogCache = CatalogIndexCache()
    public init(_ database: AppDatabase) { writer = database.writer }

    public func publish(
        _ metadata: DatasetMetadata, version: NewDatasetVersion, audit: AuditEvent,
        rows: @Sendable (inout any DatasetRowWriter) throws -> String?
    ) async throws -> DatasetVersion {
        try DatasetRules.check(metadata)
        return try await writer.write { db in
            let datasetID = try Self.upsertMetadata(db, metadata, columns: version.columns)
            let previous = try Self.fetchVersions(db, datasetID: datasetID).first
            let number = (previous?.number ?? 0) + 1
            let table = SQLIdentifier.table(datasetID: datasetID, version: number)
            let quotedTable = try SQLIdentifier.quoted(table)
            var definitions = ["_row INTEGER PRIMARY KEY", "_line INTEGER NOT NULL", "_region TEXT", "_geometry TEXT"]
            for column in version.columns { definitions.append("\(try SQLIdentifier.quoted(column.sqlName)) \(column.type.sqlType)") }
            try db.execute(sql: "CREATE TABLE \(quotedTable) (\(definitions.joined(separator: ", ")))")
            let names = try ["_line", "_region", "_geometry"] + version.columns.map { try SQLIdentifier.quoted($0.sqlName) }
            if !version.uniqueKey.isEmpty {
                let keys = try version.uniqueKey.map { label in
                    guard let c = version.columns.first(where: { $0.label == label }) else {
                        throw MokminError(.invalidInput, ko: "중복 판단 열 '\(label)'이 없습니다", en: "The key column '\(label)' does not exist")
                    }
                    return try SQLIdentifier.quoted(c.sqlName)
                }
                try db.execute(
                    sql: "CREATE UNIQUE INDEX \(try SQLIdentifier.quoted(table + "_key")) ON \(quotedTable) (\(keys.joined(separator: ", ")))")
            }
            if version.appendToLatest, let previous {
                guard previous.columns.map({ [$0.label, $0.type.rawValue] }) == version.columns.map({ [$0.label, $0.type.rawValue] }) else {
                    throw MokminError(
                        .invalidInput, ko: "열이 이전 버전과 다릅니다: \(previous.columns.map(\.label).joined(separator: ", "))",
                        en: "The columns differ from the previous version's: \(previous.columns.map(\.label).joined(separator: ", "))")
                }
                let list = names.joined(separator: ", ")
                try db.execute(
                    sql:
                        "INSERT OR IGNORE INTO \(quotedTable) (\(list)) SELECT \(list) FROM \(try SQLIdentifier.quoted(previous.tableName)) ORDER BY _row"
                )
            }
            // The indexes exist before the rows come in: filling them row by row costs less than three scans of the
            // full table afterwards (measured in BENCHMARKS.md, "Third round"), also when the rows are in no order.
            try db.execute(sql: "CREATE INDEX \(try SQLIdentifier.quoted(table + "_region")) ON \(quotedTable) (_region)")
            // Codes and dates are what people filter on: index them so that previews and datastore_search stay fast.
            for column in version.columns where [.regionCode, .date, .dateTime].contains(column.type) {
                try db.execute(
                    sql:
                        "CREATE INDEX \(try SQLIdentifier.quoted(table + "_" + column.sqlName)) ON \(quotedTable) (\(try SQLIdentifier.quoted(column.sqlName)))"
                )
            }

            let verb = version.uniqueKey.isEmpty ? "INSERT" : "INSERT OR IGNORE"
            let statement = try db.makeStatement(
                sql:
                    "\(verb) INTO \(quotedTable) (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"
            )
            var rowWriter = StatementRowWriter(statement: statement, columnCount: version.columns.count)
            var writer: any DatasetRowWriter = rowWriter
            let report = try rows(&writer) ?? version.report
            rowWriter = writer as! StatementRowWriter
            let streamedProfile = version.appendToLatest || !version.uniqueKey.isEmpty ? nil : rowWriter.profile
            // A plain import counts its own inserts; otherwise (copied rows, skipped duplicates) count the table.
            let rowCount =
                streamedProfile != nil && !version.appendToLatest && version.uniqueKey.isEmpty
                ? rowWriter.inserted : try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(quotedTable)") ?? 0
            if version.appendToLatest, let previous, rowCount == previous.rowCount { throw DatasetUnchanged() }
            var added: Int?
            var removed: Int?
            if let previous, previous.columns.map({ [$0.label, $0.type.rawValue] }) == version.columns.map({ [$0.label, $0.type.rawValue] }) {
                let cols = try version.columns.map { try SQLIdentifier.quoted($0.sqlName) }.joined(separator: ", ")
                let old = try SQLIdentifier.quoted(previous.tableName)
                added = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT \(cols) FROM \(quotedTable) EXCEPT SELECT \(cols) FROM \(old))")
                removed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT \(cols) FROM \(old) EXCEPT SELECT \(cols) FROM \(quotedTable))")
            }
            let columnsJSON = String(decoding: try JSONEncoder().encode(version.columns), as: UTF8.self)
            let profile = try streamedProfile ?? ColumnProfiler.profile(db, table: table, columns: version.columns)
            let profileJSON = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
            try db.execute(
                sql: """
                    INSERT INTO datasetVersion (datasetID, number, tableName, fileName, format, encoding, rowCount, columns, report, profile,
                        rowsAdded, rowsRemoved, createdAt, createdBy)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    datasetID, number, table, version.fileName, version.format, version.encoding, rowCount, columnsJSON, report,
                    profileJSON, added, removed, Date(), version.createdBy,
                ])
            var event = audit
            event.target = metadata.slug
            event.detail = [event.detail, "version=\(number) rows=\(rowCount)"].compactMap { $0 }.joined(separator: " ")
            try AuditRecord(event).insert(db)
            return try Self.fetchVersions(db, datasetID: datasetID).first!
        }
    }

    public func updateMetadata(_ metadata: DatasetMetadata, audit: AuditEvent) async throws {
        try DatasetRules.check(metadata)
        try await writer.write { db in
            guard try Int64.fetchOne(db, sql: "SELECT id FROM dataset WHERE slug = ?", arguments: [metadata.slug]) != nil else {
                throw MokminError(.notFound, ko: "없는 데이터셋입니다: \(metadata.slug)", en: "No such dataset: \(metadata.slug)")
            }
            let latestColumns =
                try String.fetchOne(
                    db,
                    sql: """
                        SELECT v.columns FROM datasetVersion v JOIN dataset d ON d.id = v.datasetID WHERE d.slug = ? ORDER BY v.number DESC LIMIT 1
                        """, arguments: [metadata.slug]
                ).flatMap { try? JSONDecoder().decode([DatasetColumn].self, from: Data($0.utf8)) } ?? []
            _ = try Self.upsertMetadata(db, metadata, columns: latestColumns)
            try AuditRecord(audit).insert(db)
        }
    }

    static func upsertMetadata(_ db: Database, _ m: DatasetMetadata, columns: [DatasetColumn]) throws -> Int64 {
        let search = ([m.title, m.description, m.organization, m.slug] + m.tags + columns.map(\.label)).joined(separator: "\n").lowercased()
        let now = Date()
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM dataset WHERE slug = ?", arguments: [m.slug]) {
            try db.execute(
                sql: """
                    UPDATE dataset SET title = ?, description = ?, organization = ?, license = ?, frequency = ?, source = ?,
                        temporalCoverage = ?, spatialCoverage = ?, visibility = ?, contact = ?, updatedAt = ?, searchText = ? WHERE id = ?
                    """,
                arguments: [
                    m.title, m.description, m.organization, m.license.rawValue, m.frequency, m.source, m.temporalCoverage,
                    m.spatialCoverage, m.visibility.rawValue, m.contact, now, search, id,
                ])
            try db.execute(sql: "DELETE FROM datasetTag WHERE datasetID = ?", arguments: [id])
            try insertTags(db, id, m.tags)
            return id
        }
        try db.execute(
            sql: """
                INSERT INTO dataset (slug, title, description, organization, license, frequency, source, temporalCoverage, spatialCoverage,
                    visibility, contact, createdAt, updatedAt, searchText)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                m.slug, m.title, m.description, m.organization, m.license.rawValue, m.frequency, m.source, m.temporalCoverage,
                m.spatialCoverage, m.visibility.rawValue, m.contact, now, now, search,
            ])
        let id = db.lastInsertedRowID
        try insertTags(db, id, m.tags)
        return id
    }

    static func insertTags(_ db: Database, _ id: Int64, _ tags: [String]) throws {
        for tag in Set(tags) {
            try db.execute(sql: "INSERT INTO datasetTag (datasetID, tag) VALUES (?, ?)", arguments: [id, tag])
        }
    }

    public func dataset(slug: String) async throws -> DatasetRecord? {
        try await writer.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM dataset WHERE slug = ?", arguments: [slug]) else { return nil }
            return try Self.fetchRecords(db, ids: [id]).first
        }
    }

    public func dataset(id: Int64) async throws -> DatasetRecord? {
        try await writer.read { db in try Self.fetchRecords(db, ids: [id]).first }
    }

    public func versions(datasetID: Int64) async throws -> [DatasetVersion] {
        try await writer.read { db in try Self.fetchVersions(db, datasetID: datasetID) }
    }

    public func version(id: Int64) async throws -> DatasetVersion? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM datasetVersion WHERE id = ?", arguments: [id]).map(Self.version)
        }
    }

    public func count() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dataset") ?? 0 }
    }

    // MARK: Reading records

    static func fetchVersions(_ db: Database, datasetID: Int64) throws -> [DatasetVersion] {
        try Row.fetchAll(db, sql: "SELECT * FROM datasetVersion WHERE datasetID = ? ORDER BY number DESC", arguments: [datasetID])
            .map(version)
    }

    static func version(_ row: Row) -> DatasetVersion {
        let columnsText: String = row["columns"]
        let profileText: String = row["profile"]
        return DatasetVersion(
            id: row["id"], datasetID: row["datasetID"], number: row["number"], tableName: row["tableName"], fileName: row["fileName"],
            format: row["format"], encoding: row["encoding"], rowCount: row["rowCount"],
            columns: (try? JSONDecoder().decode([DatasetColumn].self, from: Data(columnsText.utf8))) ?? [], report: row["report"],
            profile: (try? JSONDecoder().decode([ColumnProfile].self, from: Data(profileText.utf8))) ?? [],
            rowsAdded: row["rowsAdded"], rowsRemoved: row["rowsRemoved"], createdAt: row["createdAt"], createdBy: row["createdBy"])
    }

    /// The records of `ids`, in that order, each with its tags and newest version.
    static func fetchRecords(_ db: Database, ids: [Int64]) throws -> [DatasetRecord] {
        guard !ids.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let arguments = StatementArguments(ids)
        var tags: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT datasetID, tag FROM datasetTag WHERE datasetID IN (\(marks)) ORDER BY tag", arguments: arguments)
        {
            tags[row["datasetID"], default: []].append(row["tag"])
        }
        var latest: [Int64: DatasetVersion] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM datasetVersion v WHERE datasetID IN (\(marks))
                AND number = (SELECT MAX(number) FROM datasetVersion WHERE datasetID = v.datasetID)
                """, arguments: arguments)
        {
            let v = version(row)
            latest[v.datasetID] = v
        }
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM dataset WHERE id IN (\(marks))", arguments: arguments)
        let byID = Dictionary(uniqueKeysWithValues: rows.map { (($0["id"] as Int64), $0) })
        return ids.compactMap { id in
            guard let row = byID[id] else { return nil }
            let metadata = DatasetMetadata(
                slug: row["slug"], title: row["title"], description: row["description"], organization: row["organization"],
                tags: tags[id] ?? [], license: DatasetLicense(rawValue: row["license"]) ?? .other, frequency: row["frequency"],
                source: row["source"], temporalCoverage: row["temporalCoverage"], spatialCoverage: row["spatialCoverage"],
                visibility: Visibility(rawValue: row["visibility"]) ?? .internal, contact: row["contact"])
            return DatasetRecord(id: id, metadata: metadata, createdAt: row["createdAt"], updatedAt: row["updatedAt"], latest: latest[id])
        }
    }
}

/// Inserts rows through one prepared statement, binding each value straight to SQLite (no boxing per value:
/// an import writes tens of millions of them).
struct StatementRowWriter: DatasetRowWriter {
    let statement: Statement
    let columnCount: Int
    var profile: [ColumnProfile]?
    /// Rows actually inserted (an `INSERT OR IGNORE` may skip one).
    private(set) var inserted = 0

    init(statement: Statement, columnCount: Int) {
        self.statement = statement
        self.columnCount = columnCount
    }

    mutating func useProfile(_ profile: [ColumnProfile]) {
        self.profile = profile
    }

    mutating func append(_ values: ArraySlice<TypedValue>, line: Int, region: String?, geometry: String?) throws {
        guard values.count == columnCount else {
            throw MokminStoreError(
                message: "값 \(values.count)개, 열 \(columnCount)개 / \(values.count) values for \(columnCount) columns (line \(line))")
        }
        let handle = statement.sqliteStatement
        var code = sqlite3_bind_int64(handle, 1, Int64(line))
        code |= Self.bind(handle, 2, region)
        code |= Self.bind(handle, 3, geometry)
        // Bound in place: the values are neither copied nor retained on their way to SQLite.
        for offset in 0..<columnCount {
            let index = Int32(offset + 4)
            switch values[values.startIndex + offset] {
            case .null: code |= sqlite3_bind_null(handle, index)
            case .integer(let v): code |= sqlite3_bind_int64(handle, index, v)
            case .decimal(let v): code |= sqlite3_bind_double(handle, index, v)
            case .boolean(let v): code |= sqlite3_bind_int64(handle, index, v ? 1 : 0)
            case .text(let v), .date(let v), .dateTime(let v): code |= Self.bind(handle, index, v)
            }
        }
        guard code == SQLITE_OK else { throw MokminStoreError(message: "값을 묶지 못했습니다 / binding values failed (line \(line))") }
        let step = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard step == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            throw MokminStoreError(message: "행을 저장하지 못했습니다 / storing the row failed (line \(line)): \(message)")
        }
        inserted += Int(sqlite3_changes(sqlite3_db_handle(handle)))
    }

    /// SQLite copies the bytes (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bind(_ handle: OpaquePointer, _ index: Int32, _ text: String?) -> Int32 {
        guard var text else { return sqlite3_bind_null(handle, index) }
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, transient) }
            return sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
        }
    }
}
