import Foundation
import Logging
import MokminBase
import MokminCore
import MokminStore
import PostgresNIO

extension PostgresDatasetRepository {
    /// Stores a new version in one transaction on one connection: the version's table is created under a staging
    /// name, the base version's rows copied (`appendToLatest`), the new rows streamed in with `COPY FROM` while `rows`
    /// reads them on a thread of its own, the indexes built, the profile and difference computed; then, under the
    /// dataset's advisory lock, the version number taken, the table renamed into place and the version recorded with
    /// its audit event. PostgreSQL's DDL is transactional: until the commit no other connection sees any of it, and a
    /// failure or a crash leaves nothing behind. Two imports of one dataset publish consecutive versions (the second
    /// waits for the first's lock); an `appendToLatest` import whose base version was replaced meanwhile is refused.
    public func publish(
        _ metadata: DatasetMetadata, version: NewDatasetVersion, audit: AuditEvent,
        rows: @escaping @Sendable (inout any DatasetRowWriter) throws -> String?
    ) async throws -> DatasetVersion {
        try DatasetRules.check(metadata)
        let logger = self.logger
        return try await store.transaction { connection in
            let keys = try version.uniqueKey.map { label in
                guard let c = version.columns.first(where: { $0.label == label }) else {
                    throw MokminError(.invalidInput, ko: "중복 판단 열 '\(label)'이 없습니다", en: "The key column '\(label)' does not exist")
                }
                return try SQLIdentifier.quoted(c.sqlName)
            }
            var base: DatasetVersion?
            if version.appendToLatest {
                base = try await Self.latestVersion(connection, slug: metadata.slug, logger: logger)
                if let base, !Self.sameColumns(base.columns, version.columns) {
                    throw MokminError(
                        .invalidInput, ko: "열이 이전 버전과 다릅니다: \(base.columns.map(\.label).joined(separator: ", "))",
                        en: "The columns differ from the previous version's: \(base.columns.map(\.label).joined(separator: ", "))")
                }
            }
            let token = String(UInt64.random(in: 1...UInt64.max), radix: 16)
            let staging = "ds_stage_\(token)"
            let table = try SQLIdentifier.quoted(staging)
            let stored = try version.columns.map { try SQLIdentifier.quoted($0.sqlName) }
            let columnList = (["_line", "_region", "_geometry"] + stored).joined(separator: ", ")
            var definitions = [
                "_row bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "_line bigint NOT NULL", "_region text COLLATE \"C\"", "_geometry text",
            ]
            for (name, column) in zip(stored, version.columns) { definitions.append("\(name) \(PostgresCells.type(column.type))") }
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE TABLE \(table) (\(definitions.joined(separator: ", ")))"), logger: logger)
            let prefix = "dsi_\(token)_"
            let skipDuplicates = !keys.isEmpty
            if skipDuplicates {
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: "CREATE UNIQUE INDEX \(try SQLIdentifier.quoted(prefix + "key")) ON \(table) (\(keys.joined(separator: ", ")))"),
                    logger: logger)
            }
            let conflict = skipDuplicates ? " ON CONFLICT DO NOTHING" : ""
            if let base {
                let old = try SQLIdentifier.quoted(base.tableName)
                try await connection.query(
                    PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(columnList)) SELECT \(columnList) FROM \(old) ORDER BY _row\(conflict)"),
                    logger: logger)
            }

            // The new rows: straight into the table, or, when duplicates are skipped, through a temporary table in
            // file order (COPY cannot skip a row that breaks a unique index).
            let copyTarget = skipDuplicates ? "ds_load_\(token)" : staging
            if skipDuplicates {
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: "CREATE TEMPORARY TABLE \(try SQLIdentifier.quoted(copyTarget)) (LIKE \(table) INCLUDING IDENTITY) ON COMMIT DROP"),
                    logger: logger)
            }
            let (report, streamed) = try await Self.copy(
                into: copyTarget, columns: ["_line", "_region", "_geometry"] + version.columns.map(\.sqlName), connection, logger: logger,
                columnCount: version.columns.count, rows: rows)
            if skipDuplicates {
                let load = try SQLIdentifier.quoted(copyTarget)
                try await connection.query(
                    PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(columnList)) SELECT \(columnList) FROM \(load) ORDER BY _row\(conflict)"),
                    logger: logger)
            }
            // Indexes after the rows (faster in PostgreSQL than filling them row by row): the 읍면동, and the codes and
            // dates people filter on.
            try await connection.query(
                PostgresQuery(unsafeSQL: "CREATE INDEX \(try SQLIdentifier.quoted(prefix + "region")) ON \(table) (_region)"), logger: logger)
            for column in version.columns where [.regionCode, .date, .dateTime].contains(column.type) {
                let name = try SQLIdentifier.quoted(prefix + column.sqlName)
                try await connection.query(
                    PostgresQuery(unsafeSQL: "CREATE INDEX \(name) ON \(table) (\(try SQLIdentifier.quoted(column.sqlName)))"), logger: logger)
            }

            let rowCount =
                try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"), logger: logger).decode(Int.self).firstElement()
                ?? 0
            if version.appendToLatest, let base, rowCount == base.rowCount { throw DatasetUnchanged() }
            // The streamed profile describes the appended rows: not the table when rows were copied or skipped.
            let profile: [ColumnProfile]
            if let streamed, !version.appendToLatest, version.uniqueKey.isEmpty {
                profile = streamed
            } else {
                profile = try await Self.profile(connection, table: table, columns: version.columns, logger: logger)
            }

            // Publication: one import of this dataset at a time from here to the commit.
            try await connection.lock("dataset:" + metadata.slug, logger: logger)
            let previous = try await Self.latestVersion(connection, slug: metadata.slug, logger: logger)
            if version.appendToLatest, previous?.id != base?.id {
                throw MokminError(
                    .conflict, ko: "'\(metadata.slug)'의 새 버전이 이 가져오기 도중에 게시되었습니다. 다시 실행하세요",
                    en: "A new version of '\(metadata.slug)' was published while this import was being stored: run it again")
            }
            let (added, removed) = try await Self.difference(connection, table: table, from: previous, columns: version.columns, logger: logger)
            let datasetID = try await Self.upsertMetadata(connection, metadata, columns: version.columns, logger: logger)
            let number = (previous?.number ?? 0) + 1
            let name = SQLIdentifier.table(datasetID: datasetID, version: number)
            try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(table) RENAME TO \(try SQLIdentifier.quoted(name))"), logger: logger)
            let columnsJSON = String(decoding: try JSONEncoder().encode(version.columns), as: UTF8.self)
            let profileJSON = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
            try await connection.query(
                """
                INSERT INTO datasetversion (datasetid, number, tablename, filename, format, encoding, rowcount, columns, report, profile,
                    rowsadded, rowsremoved, createdat, createdby)
                VALUES (\(datasetID), \(number), \(name), \(version.fileName), \(version.format), \(version.encoding), \(rowCount), \(columnsJSON),
                    \(report ?? version.report), \(profileJSON), \(added), \(removed), \(Date()), \(version.createdBy))
                """, logger: logger)
            var event = audit
            event.target = metadata.slug
            event.detail = [event.detail, "version=\(number) rows=\(rowCount)"].compactMap { $0 }.joined(separator: " ")
            try await connection.record(event, logger: logger)
            guard let published = try await Self.latestVersion(connection, slug: metadata.slug, logger: logger) else {
                throw MokminStoreError(ko: "게시한 버전을 찾지 못했습니다", en: "The published version was not found")
            }
            return published
        }
    }

    static func sameColumns(_ a: [DatasetColumn], _ b: [DatasetColumn]) -> Bool {
        a.map { [$0.label, $0.type.rawValue] } == b.map { [$0.label, $0.type.rawValue] }
    }

    /// Streams the rows `rows` writes (on a thread of its own) into `table` with `COPY FROM`; returns the report `rows`
    /// returned and the profile it gave, if any.
    static func copy(
        into table: String, columns: [String], _ connection: PostgresConnection, logger: Logger, columnCount: Int,
        rows: @escaping @Sendable (inout any DatasetRowWriter) throws -> String?
    ) async throws -> (report: String?, profile: [ColumnProfile]?) {
        let pipe = CopyPipe()
        async let produced: (String?, [ColumnProfile]?) = OwnThread.run(name: "mokmin-import-copy") {
            do {
                var writer: any DatasetRowWriter = CopyRowWriter(pipe: pipe, columnCount: columnCount)
                let report = try rows(&writer)
                guard var copy = writer as? CopyRowWriter else {
                    throw MokminStoreError(ko: "행 저장기가 바뀌었습니다", en: "The row writer was replaced")
                }
                try copy.finish()
                pipe.finish()
                return (report, copy.profile)
            } catch {
                pipe.finish(throwing: error)
                throw error
            }
        }
        do {
            // postgres-nio quotes the names itself; they are checked all the same (only generated names pass).
            _ = try ([table] + columns).map(SQLIdentifier.quoted)
            try await connection.copyFrom(table: table, columns: columns, logger: logger) {
                writer in
                for try await chunk in pipe.stream {
                    try await writer.write(chunk)
                    pipe.sent()
                }
            }
        } catch {
            pipe.fail(error)
            // The reading side's error says what was wrong with the file; prefer it to the COPY it ended.
            _ = try await produced
            throw error
        }
        return try await produced
    }

    /// The profile of the stored rows (when none streamed in): one pass for the builder, a second over the numeric
    /// columns for their histograms, as ``StoredRowsProfiler`` does on SQLite.
    static func profile(_ connection: PostgresConnection, table: String, columns: [DatasetColumn], logger: Logger) async throws -> [ColumnProfile] {
        guard !columns.isEmpty else { return [] }
        var builder = ColumnProfileBuilder(columns: columns.map { (label: $0.label, type: $0.type) })
        let list = try columns.map { try SQLIdentifier.quoted($0.sqlName) }.joined(separator: ", ")
        var values: [TypedValue] = []
        values.reserveCapacity(columns.count)
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(list) FROM \(table) ORDER BY _row"), logger: logger) {
            values.removeAll(keepingCapacity: true)
            for (cell, column) in zip(row, columns) { values.append(TypedValue(try PostgresCells.value(cell), as: column.type)) }
            builder.add(row: values)
        }
        let needing = builder.columnsNeedingHistogramPass
        if !needing.isEmpty {
            builder.prepareHistogramPass()
            let numeric = try needing.map { "(\(try SQLIdentifier.quoted(columns[$0].sqlName)))::double precision" }.joined(separator: ", ")
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(numeric) FROM \(table) ORDER BY _row"), logger: logger)
            {
                for (position, cell) in row.enumerated() {
                    if let number = try cell.decode(Double?.self) { builder.addHistogramValue(number, column: needing[position]) }
                }
            }
        }
        return builder.profiles()
    }

    /// Rows of the new table not in `previous` and the reverse; nil for the first version or when the columns changed.
    static func difference(_ connection: PostgresConnection, table: String, from previous: DatasetVersion?, columns: [DatasetColumn], logger: Logger)
        async throws -> (added: Int?, removed: Int?)
    {
        guard let previous, sameColumns(previous.columns, columns), !columns.isEmpty else { return (nil, nil) }
        let list = try columns.map { try SQLIdentifier.quoted($0.sqlName) }.joined(separator: ", ")
        let old = try SQLIdentifier.quoted(previous.tableName)
        func count(_ sql: String) async throws -> Int? {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(Int.self).firstElement()
        }
        let added = try await count("SELECT count(*) FROM (SELECT \(list) FROM \(table) EXCEPT SELECT \(list) FROM \(old)) AS d")
        let removed = try await count("SELECT count(*) FROM (SELECT \(list) FROM \(old) EXCEPT SELECT \(list) FROM \(table)) AS d")
        return (added, removed)
    }
}
