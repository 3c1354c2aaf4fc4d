import Foundation
import Logging
import MokminBase
import MokminCore
import MokminStore
import PostgresNIO

/// The PostgreSQL implementation of `DatasetRepository`: one typed table per dataset version, as on SQLite, its rows
/// loaded with `COPY FROM` (``publish(_:version:audit:rows:)``).
///
/// Reads that may be a moment stale (catalog search, facets, rows, downloads, aggregates) go through `reads`, to the
/// replica when there is one; the rest, and everything a person reads right after writing it (a dataset and its
/// versions after an import), to the primary.
public struct PostgresDatasetRepository: DatasetRepository {
    let store: PostgresStore
    let reads: PostgresReads
    /// The catalog search index, rebuilt when the catalog revision moves (whichever server changed the catalog).
    let catalogCache = CatalogIndexCache()
    public init(_ store: PostgresStore, reads: PostgresReads? = nil) {
        self.store = store
        self.reads = reads ?? PostgresReads(primary: store, replica: nil)
    }
    var logger: Logger { store.logger }

    public func updateMetadata(_ metadata: DatasetMetadata, audit: AuditEvent) async throws {
        try DatasetRules.check(metadata)
        try await store.transaction { connection in
            try await connection.lock("dataset:" + metadata.slug, logger: logger)
            guard try await Self.datasetID(connection, slug: metadata.slug, logger: logger) != nil else {
                throw MokminError(.notFound, ko: "없는 데이터셋입니다: \(metadata.slug)", en: "No such dataset: \(metadata.slug)")
            }
            let latestColumns = try await Self.latestVersion(connection, slug: metadata.slug, logger: logger)?.columns ?? []
            _ = try await Self.upsertMetadata(connection, metadata, columns: latestColumns, logger: logger)
            try await connection.record(audit, logger: logger)
        }
    }

    static func datasetID(_ connection: PostgresConnection, slug: String, logger: Logger) async throws -> Int64? {
        try await connection.query("SELECT id FROM dataset WHERE slug = \(slug)", logger: logger).decode(Int64.self).firstElement()
    }

    /// Creates or updates the dataset's catalog row, tags and search text; returns its id.
    static func upsertMetadata(_ connection: PostgresConnection, _ m: DatasetMetadata, columns: [DatasetColumn], logger: Logger) async throws
        -> Int64
    {
        let search = ([m.title, m.description, m.organization, m.slug] + m.tags + columns.map(\.label)).joined(separator: "\n").lowercased()
        let now = Date()
        let id: Int64
        if let existing = try await datasetID(connection, slug: m.slug, logger: logger) {
            id = existing
            try await connection.query(
                """
                UPDATE dataset SET title = \(m.title), description = \(m.description), organization = \(m.organization),
                    license = \(m.license.rawValue), frequency = \(m.frequency), source = \(m.source), temporalcoverage = \(m.temporalCoverage),
                    spatialcoverage = \(m.spatialCoverage), visibility = \(m.visibility.rawValue), contact = \(m.contact), updatedat = \(now),
                    searchtext = \(search)
                WHERE id = \(id)
                """, logger: logger)
            try await connection.query("DELETE FROM datasettag WHERE datasetid = \(id)", logger: logger)
        } else {
            id = try await connection.query(
                """
                INSERT INTO dataset (slug, title, description, organization, license, frequency, source, temporalcoverage, spatialcoverage,
                    visibility, contact, createdat, updatedat, searchtext)
                VALUES (\(m.slug), \(m.title), \(m.description), \(m.organization), \(m.license.rawValue), \(m.frequency), \(m.source),
                    \(m.temporalCoverage), \(m.spatialCoverage), \(m.visibility.rawValue), \(m.contact), \(now), \(now), \(search))
                RETURNING id
                """, logger: logger
            ).decode(Int64.self).firstElement()!
        }
        let tags = Array(Set(m.tags))
        if !tags.isEmpty {
            try await connection.query("INSERT INTO datasettag (datasetid, tag) SELECT \(id), unnest(\(tags)::text[])", logger: logger)
        }
        return id
    }

    public func dataset(slug: String) async throws -> DatasetRecord? {
        try await store.connection { connection in
            guard let id = try await Self.datasetID(connection, slug: slug, logger: logger) else { return nil }
            return try await Self.records(connection, ids: [id], logger: logger).first
        }
    }

    public func dataset(id: Int64) async throws -> DatasetRecord? {
        try await store.connection { connection in try await Self.records(connection, ids: [id], logger: logger).first }
    }

    public func versions(datasetID: Int64) async throws -> [DatasetVersion] {
        try await store.connection { connection in
            try await Self.versions(connection, "WHERE v.datasetid = $1 ORDER BY v.number DESC", try Self.binds(datasetID), logger: logger)
        }
    }

    public func version(id: Int64) async throws -> DatasetVersion? {
        try await store.connection { connection in
            try await Self.versions(connection, "WHERE v.id = $1", try Self.binds(id), logger: logger).first
        }
    }

    public func count() async throws -> Int {
        try await store.connection { connection in
            try await connection.query("SELECT count(*) FROM dataset", logger: logger).decode(Int.self).firstElement() ?? 0
        }
    }

    // MARK: Reading records

    static let versionColumns = """
        v.id, v.datasetid, v.number, v.tablename, v.filename, v.format, v.encoding, v.rowcount, v.columns, v.report, v.profile, v.rowsadded,
        v.rowsremoved, v.createdat, v.createdby
        """
    typealias VersionRow = (Int64, Int64, Int, String, String, String, String, Int, String, String, String, Int?, Int?, Date, String?)

    static func version(_ r: VersionRow) -> DatasetVersion {
        DatasetVersion(
            id: r.0, datasetID: r.1, number: r.2, tableName: r.3, fileName: r.4, format: r.5, encoding: r.6, rowCount: r.7,
            columns: (try? JSONDecoder().decode([DatasetColumn].self, from: Data(r.8.utf8))) ?? [], report: r.9,
            profile: (try? JSONDecoder().decode([ColumnProfile].self, from: Data(r.10.utf8))) ?? [], rowsAdded: r.11, rowsRemoved: r.12,
            createdAt: r.13, createdBy: r.14)
    }

    /// The versions that `condition` on `datasetversion v` selects, its `$n` placeholders bound to `binds`.
    static func versions(_ connection: PostgresConnection, _ condition: String, _ binds: PostgresBindings, logger: Logger) async throws
        -> [DatasetVersion]
    {
        let query = PostgresQuery(unsafeSQL: "SELECT \(versionColumns) FROM datasetversion v \(condition)", binds: binds)
        return try await connection.query(query, logger: logger).decode(VersionRow.self).all().map(version)
    }

    static func binds<T: PostgresEncodable & Sendable>(_ value: T) throws -> PostgresBindings {
        var bindings = PostgresBindings()
        try bindings.append(value)
        return bindings
    }

    /// The newest version of the dataset `slug`, if it has one.
    static func latestVersion(_ connection: PostgresConnection, slug: String, logger: Logger) async throws -> DatasetVersion? {
        try await versions(
            connection, "WHERE v.datasetid = (SELECT id FROM dataset WHERE slug = $1) ORDER BY v.number DESC LIMIT 1", try binds(slug), logger: logger
        ).first
    }

    /// The records of `ids`, in that order, each with its tags and newest version.
    static func records(_ connection: PostgresConnection, ids: [Int64], logger: Logger) async throws -> [DatasetRecord] {
        guard !ids.isEmpty else { return [] }
        var tags: [Int64: [String]] = [:]
        for try await (id, tag) in try await connection.query(
            "SELECT datasetid, tag FROM datasettag WHERE datasetid = ANY(\(ids)) ORDER BY tag COLLATE \"C\"", logger: logger
        ).decode((Int64, String).self) {
            tags[id, default: []].append(tag)
        }
        var latest: [Int64: DatasetVersion] = [:]
        for version in try await versions(
            connection,
            "WHERE v.datasetid = ANY($1) AND v.number = (SELECT max(number) FROM datasetversion WHERE datasetid = v.datasetid)", try binds(ids),
            logger: logger)
        {
            latest[version.datasetID] = version
        }
        var byID: [Int64: DatasetRecord] = [:]
        let rows = try await connection.query(
            """
            SELECT id, slug, title, description, organization, license, frequency, source, temporalcoverage, spatialcoverage, visibility, contact,
                createdat, updatedat
            FROM dataset WHERE id = ANY(\(ids))
            """, logger: logger)
        for try await r in rows.decode(
            (Int64, String, String, String, String, String, String, String, String, String, String, String, Date, Date).self)
        {
            let metadata = DatasetMetadata(
                slug: r.1, title: r.2, description: r.3, organization: r.4, tags: tags[r.0] ?? [], license: DatasetLicense(rawValue: r.5) ?? .other,
                frequency: r.6, source: r.7, temporalCoverage: r.8, spatialCoverage: r.9, visibility: Visibility(rawValue: r.10) ?? .internal,
                contact: r.11)
            byID[r.0] = DatasetRecord(id: r.0, metadata: metadata, createdAt: r.12, updatedAt: r.13, latest: latest[r.0])
        }
        return ids.compactMap { byID[$0] }
    }

    // MARK: The catalog

    public func search(_ q: CatalogQuery) async throws -> CatalogPage {
        let cache = catalogCache
        // One snapshot for the revision, the entries and the page's records.
        return try await reads.read(snapshot: true) { connection in
            let revision =
                try await connection.query("SELECT revision FROM catalogrevision WHERE id = 1", logger: logger).decode(Int64.self).firstElement()
                ?? -1
            let index: CatalogIndex
            if let cached = cache.cached(revision: revision) {
                index = cached
            } else {
                index = cache.store(CatalogIndex(entries: try await Self.catalogEntries(connection, logger: logger)), revision: revision)
            }
            let result = index.search(q)
            return CatalogPage(
                total: result.total, results: try await Self.records(connection, ids: result.ids, logger: logger), facets: result.facets)
        }
    }

    static func catalogEntries(_ connection: PostgresConnection, logger: Logger) async throws -> [CatalogIndex.Entry] {
        var tags: [Int64: [String]] = [:]
        for try await (id, tag) in try await connection.query("SELECT datasetid, tag FROM datasettag", logger: logger).decode((Int64, String).self) {
            tags[id, default: []].append(tag)
        }
        var formats: [Int64: [String]] = [:]
        for try await (id, format) in try await connection.query("SELECT datasetid, format FROM datasetversion", logger: logger).decode(
            (Int64, String).self)
        {
            formats[id, default: []].append(format)
        }
        var entries: [CatalogIndex.Entry] = []
        let rows = try await connection.query(
            "SELECT id, searchtext, title, organization, license, visibility, updatedat FROM dataset", logger: logger)
        for try await r in rows.decode((Int64, String, String, String, String, String, Date).self) {
            entries.append(
                CatalogIndex.Entry(
                    id: r.0, searchText: r.1, title: r.2, organization: r.3, license: r.4, visibility: Visibility(rawValue: r.5) ?? .internal,
                    tags: tags[r.0] ?? [], formats: formats[r.0] ?? [], updatedAt: r.6))
        }
        return entries
    }

    public func organizations(includeInternal: Bool) async throws -> [(name: String, count: Int)] {
        try await reads.read { connection in
            try await connection.query(
                """
                SELECT organization, count(*) FROM dataset WHERE organization <> '' AND (\(includeInternal) OR visibility = 'public')
                GROUP BY organization ORDER BY organization COLLATE "C"
                """, logger: logger
            ).decode((String, Int).self).all().map { (name: $0.0, count: $0.1) }
        }
    }

    public func tags(includeInternal: Bool) async throws -> [(name: String, count: Int)] {
        try await reads.read { connection in
            try await connection.query(
                """
                SELECT t.tag, count(*) FROM datasettag t JOIN dataset d ON d.id = t.datasetid
                WHERE \(includeInternal) OR d.visibility = 'public' GROUP BY t.tag ORDER BY t.tag COLLATE "C"
                """, logger: logger
            ).decode((String, Int).self).all().map { (name: $0.0, count: $0.1) }
        }
    }
}
