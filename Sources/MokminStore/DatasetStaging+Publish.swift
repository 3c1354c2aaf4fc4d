import Foundation
import GRDB
import MokminBase
import MokminCore

extension DatasetStaging {
    /// How often publication is tried again when another import of the same dataset published first.
    static let publishAttempts = 5

    /// What the publishing transaction records besides the table.
    private struct Summary {
        var rowCount: Int
        var report: String
        var profile: [ColumnProfile]
        var added: Int?
        var removed: Int?
    }

    /// Publishes the stored rows as the dataset's next version and returns it.
    ///
    /// The staging table no longer changes, and neither do published versions, so the work that reads whole tables
    /// (the profile when none streamed in, the difference from the newest version) runs on a read connection with the
    /// writer free. Then one short transaction takes the version number: when another import of the dataset published
    /// in between, the difference is computed again against that version (an `appendToLatest` import is refused
    /// instead: its rows were copied from the version it replaced). Throws ``DatasetUnchanged`` when an
    /// `appendToLatest` import added no row.
    func publish(_ metadata: DatasetMetadata, audit: AuditEvent, report: String, profile streamed: [ColumnProfile]?) throws -> DatasetVersion {
        let rowCount = copiedRows + insertedRows
        if version.appendToLatest, let base, rowCount == base.rowCount { throw DatasetUnchanged() }
        let columns = version.columns
        let table = table
        let profile = try streamed ?? writer.read { db in try StoredRowsProfiler.profile(db, table: table, columns: columns) }
        for _ in 0..<Self.publishAttempts {
            let previous = try writer.read { db in try GRDBDatasetRepository.latestVersion(db, slug: metadata.slug) }
            if version.appendToLatest, previous?.id != base?.id {
                throw MokminError(
                    .conflict, ko: "'\(metadata.slug)'의 새 버전이 이 가져오기 도중에 게시되었습니다. 다시 실행하세요",
                    en: "A new version of '\(metadata.slug)' was published while this import was being stored: run it again")
            }
            let (added, removed) = try difference(from: previous)
            let summary = Summary(rowCount: rowCount, report: report, profile: profile, added: added, removed: removed)
            if let published = try writer.write({ db in try record(db, metadata, audit: audit, after: previous, summary: summary) }) {
                finished()
                return published
            }
        }
        throw MokminError(
            .conflict, ko: "'\(metadata.slug)'에 다른 가져오기가 계속 먼저 게시해 게시하지 못했습니다. 다시 실행하세요",
            en: "Other imports of '\(metadata.slug)' kept publishing first, so this one was not published: run it again")
    }

    /// Rows of the staging table not in `previous` and the reverse, counted on a read connection; nil for the
    /// first version or when the columns changed.
    private func difference(from previous: DatasetVersion?) throws -> (added: Int?, removed: Int?) {
        guard let previous, Self.sameColumns(previous.columns, version.columns), !version.columns.isEmpty else { return (nil, nil) }
        let columns = try version.columns.map { try SQLIdentifier.quoted($0.sqlName) }.joined(separator: ", ")
        let old = try SQLIdentifier.quoted(previous.tableName)
        let new = quotedTable
        return try writer.read { db in
            let added = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT \(columns) FROM \(new) EXCEPT SELECT \(columns) FROM \(old))")
            let removed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT \(columns) FROM \(old) EXCEPT SELECT \(columns) FROM \(new))")
            return (added, removed)
        }
    }

    /// The publishing transaction: nil (having written nothing) when the newest version is no longer `previous`.
    /// Otherwise creates or updates the dataset's metadata and search text, renames the staging table into place,
    /// and records the version and the audit event (the catalog revision moves by trigger).
    private func record(_ db: Database, _ metadata: DatasetMetadata, audit: AuditEvent, after previous: DatasetVersion?, summary: Summary)
        throws -> DatasetVersion?
    {
        let latest = try GRDBDatasetRepository.latestVersion(db, slug: metadata.slug)
        guard latest?.id == previous?.id else { return nil }
        let datasetID = try GRDBDatasetRepository.upsertMetadata(db, metadata, columns: version.columns)
        let number = (latest?.number ?? 0) + 1
        let name = SQLIdentifier.table(datasetID: datasetID, version: number)
        try db.execute(sql: "ALTER TABLE \(quotedTable) RENAME TO \(try SQLIdentifier.quoted(name))")
        let columnsJSON = String(decoding: try JSONEncoder().encode(version.columns), as: UTF8.self)
        let profileJSON = String(decoding: try JSONEncoder().encode(summary.profile), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO datasetVersion (datasetID, number, tableName, fileName, format, encoding, rowCount, columns, report, profile,
                    rowsAdded, rowsRemoved, createdAt, createdBy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                datasetID, number, name, version.fileName, version.format, version.encoding, summary.rowCount, columnsJSON, summary.report,
                profileJSON, summary.added, summary.removed, Date(), version.createdBy,
            ])
        var event = audit
        event.target = metadata.slug
        event.detail = [event.detail, "version=\(number) rows=\(summary.rowCount)"].compactMap { $0 }.joined(separator: " ")
        try AuditRecord(event).insert(db)
        return try GRDBDatasetRepository.latestVersion(db, slug: metadata.slug)
    }
}
