import Foundation
import GRDB
import MokminBase
import MokminCore

/// The GRDB implementation of `DatasetRepository`: one SQLite table per dataset version.
public struct GRDBDatasetRepository: DatasetRepository {
    let writer: any DatabaseWriter
    /// The database file (nil in memory): staging tables' lock files go next to it.
    let databasePath: String?
    /// The catalog search index, shared by every copy of this repository.
    let catalogCache = CatalogIndexCache()
    /// How imports share the writer.
    var pace = StagingPace()

    public init(_ database: AppDatabase) {
        writer = database.writer
        databasePath = database.path
    }

    public func publish(
        _ metadata: DatasetMetadata, version: NewDatasetVersion, audit: AuditEvent,
        rows: @escaping @Sendable (inout any DatasetRowWriter) throws -> String?
    ) async throws -> DatasetVersion {
        try DatasetRules.check(metadata)
        let (writer, databasePath, pace) = (self.writer, self.databasePath, self.pace)
        return try await OwnThread.run(name: "mokmin-import-store") {
            let staging = try DatasetStaging.begin(writer: writer, databasePath: databasePath, slug: metadata.slug, version: version, pace: pace)
            do {
                try staging.copyBase()
                var rowWriter: any DatasetRowWriter = StagedRowWriter(staging)
                let report = try rows(&rowWriter) ?? version.report
                guard var staged = rowWriter as? StagedRowWriter else {
                    throw MokminStoreError(ko: "행 저장기가 바뀌었습니다", en: "The row writer was replaced")
                }
                try staged.finish()
                // The streamed profile describes the appended rows: not the table when rows were copied or skipped.
                let streamed = version.appendToLatest || !version.uniqueKey.isEmpty ? nil : staged.profile
                return try staging.publish(metadata, audit: audit, report: report, profile: streamed)
            } catch {
                staging.discard()
                throw error
            }
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

    /// The newest version of the dataset `slug`, if it has one.
    static func latestVersion(_ db: Database, slug: String) throws -> DatasetVersion? {
        try Row.fetchOne(
            db,
            sql: "SELECT v.* FROM datasetVersion v JOIN dataset d ON d.id = v.datasetID WHERE d.slug = ? ORDER BY v.number DESC LIMIT 1",
            arguments: [slug]
        ).map(version)
    }

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
