import Foundation
import Logging
import MokminBase
import MokminCore
import MokminStore
import PostgresNIO

extension PostgresFeedRepository {
    static let statusColumns = "id, feedid, source, metric, longitude, latitude, region, lasttime, lastvalue, lastgrade, lastflagged"
    typealias StatusRow = (String, Int64, String, String, Double?, Double?, String?, String?, Double?, Int?, Bool)

    static func status(_ r: StatusRow) -> SeriesStatus {
        SeriesStatus(
            id: r.0, feedID: r.1, source: r.2, metric: r.3, longitude: r.4, latitude: r.5, region: r.6, time: r.7, value: r.8, grade: r.9,
            flagged: r.10)
    }

    /// The months (`YYYY-MM`) of local times, the valid ones.
    static func months(_ times: [String]) -> [String] {
        Set(
            times.compactMap { time -> String? in
                let month = String(time.prefix(7))
                guard month.count == 7, let year = Int(month.prefix(4)), let number = Int(month.suffix(2)), (1...12).contains(number),
                    (1900...9999).contains(year)
                else { return nil }
                return month
            }
        ).sorted()
    }

    /// Makes the month partition of `month` (`reading_YYYY_MM`) unless it exists, in the caller's transaction, under a
    /// lock so that two servers do not race.
    static func createPartition(_ month: String, _ connection: PostgresConnection, logger: Logger) async throws {
        let name = "reading_" + month.replacingOccurrences(of: "-", with: "_")
        guard let year = Int(month.prefix(4)), let number = Int(month.suffix(2)) else { return }
        let next = number == 12 ? String(format: "%04d-01", year + 1) : String(format: "%04d-%02d", year, number + 1)
        try await connection.lock("reading-partitions", logger: logger)
        try await connection.query(
            PostgresQuery(
                unsafeSQL:
                    "CREATE TABLE IF NOT EXISTS \(try SQLIdentifier.quoted(name)) PARTITION OF reading FOR VALUES FROM ('\(month)') TO ('\(next)')"),
            logger: logger)
    }

    /// The month partitions `times` need, each made once in a short transaction of its own before the readings are
    /// stored (a partition cannot be made while the default partition holds rows of its month).
    static func ensurePartitions(_ times: [String], store: PostgresStore) async throws {
        for month in months(times) {
            let name = "reading_" + month.replacingOccurrences(of: "-", with: "_")
            let exists = try await store.connection { connection in
                try await connection.query("SELECT to_regclass(\(name)) IS NOT NULL", logger: store.logger).decode(Bool.self).firstElement() ?? false
            }
            if exists { continue }
            try await store.transaction { connection in try await createPartition(month, connection, logger: store.logger) }
        }
    }

    public func ingest(feedID: Int64, readings: [FeedReading], issues: Int, at: Date) async throws -> IngestOutcome {
        try await Self.ensurePartitions(readings.map(\.time), store: store)
        return try await store.transaction { connection in
            _ = try await Self.fetchFeed(connection, id: feedID, logger: logger)  // an unknown feed is not found, whatever the batch holds
            var known = Set<String>()
            var newest: [String: FeedReading] = [:]
            var touched = Set<String>()
            var stored = 0
            var dataTime: String?
            for reading in readings {
                if known.insert(reading.series).inserted {
                    try await connection.query(
                        """
                        INSERT INTO series (id, feedid, source, metric, longitude, latitude, region)
                        VALUES (\(reading.series), \(feedID), \(reading.source), \(reading.metric), \(reading.location?.lon), \(reading.location?.lat),
                            \(reading.region))
                        ON CONFLICT (id) DO UPDATE SET longitude = COALESCE(excluded.longitude, series.longitude),
                          latitude = COALESCE(excluded.latitude, series.latitude), region = COALESCE(excluded.region, series.region)
                        """, logger: logger)
                }
                // A repeated reading changes nothing; a revised one replaces the stored value.
                let flagged = reading.flagged ? 1 : 0
                let changed = try await connection.count(
                    """
                    INSERT INTO reading (seriesid, time, value, grade, flagged) VALUES (\(reading.series), \(reading.time), \(reading.value),
                        \(reading.grade), \(flagged))
                    ON CONFLICT (seriesid, time) DO UPDATE SET value = excluded.value, grade = excluded.grade, flagged = excluded.flagged
                    WHERE reading.value IS DISTINCT FROM excluded.value OR reading.grade IS DISTINCT FROM excluded.grade
                        OR reading.flagged IS DISTINCT FROM excluded.flagged
                    RETURNING 1
                    """, logger: logger)
                if changed > 0 {
                    stored += 1
                    touched.insert(reading.series)
                }
                if let current = newest[reading.series], current.time > reading.time {} else { newest[reading.series] = reading }
                if dataTime.map({ reading.time > $0 }) ?? true { dataTime = reading.time }
            }
            var changedSeries: [String] = []
            for series in touched.sorted() {
                guard let r = newest[series] else { continue }
                let updated = try await connection.count(
                    """
                    UPDATE series SET lasttime = \(r.time), lastvalue = \(r.value), lastgrade = \(r.grade), lastflagged = \(r.flagged)
                    WHERE id = \(series) AND (lasttime IS NULL OR lasttime COLLATE "C" <= \(r.time))
                      AND (lasttime IS DISTINCT FROM \(r.time) OR lastvalue IS DISTINCT FROM \(r.value) OR lastgrade IS DISTINCT FROM \(r.grade)
                        OR lastflagged IS DISTINCT FROM \(r.flagged))
                    RETURNING 1
                    """, logger: logger)
                if updated > 0 { changedSeries.append(series) }
            }
            var events: [BoardEvent] = []
            var statuses: [SeriesStatus] = []
            if !changedSeries.isEmpty {
                statuses = try await Self.statuses(connection, ids: changedSeries, logger: logger)
                let row = try await connection.query("SELECT name, kind FROM feed WHERE id = \(feedID)", logger: logger).decode((String, String).self)
                    .firstElement()
                let payload = ReadingEvent(
                    feedID: feedID, feed: row?.0 ?? "", kind: row?.1 ?? "", ingestedAt: (Date().timeIntervalSince1970 * 1000).rounded() / 1000,
                    readings: statuses)
                events.append(
                    try await PostgresBoardEvents.append(connection, kind: .reading, data: BoardJSON.encode(payload), at: at, logger: logger))
            }
            events.append(
                try await Self.recordSuccess(
                    connection, id: feedID, at: at, fresh: stored > 0, count: readings.count, issues: issues, dataTime: dataTime, logger: logger))
            return IngestOutcome(stored: stored, changed: statuses, events: events)
        }
    }

    /// The `reading` event's data: the series of one feed whose latest value changed (the same JSON as on SQLite).
    struct ReadingEvent: Encodable {
        var feedID: Int64
        var feed: String
        var kind: String
        var ingestedAt: Double
        var readings: [SeriesStatus]
    }

    static func statuses(_ connection: PostgresConnection, ids: [String], logger: Logger) async throws -> [SeriesStatus] {
        var binds = PostgresBindings()
        binds.append(ids)
        return try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(statusColumns) FROM series WHERE id = ANY($1) ORDER BY id COLLATE \"C\"", binds: binds), logger: logger
        ).decode(StatusRow.self).all().map(status)
    }

    public func latest() async throws -> [SeriesStatus] {
        try await store.connection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(Self.statusColumns) FROM series ORDER BY id COLLATE \"C\""), logger: logger)
                .decode(StatusRow.self).all().map(Self.status)
        }
    }

    public func series(id: String) async throws -> SeriesStatus? {
        try await store.connection { try await Self.statuses($0, ids: [id], logger: logger).first }
    }

    public func readings(series: [String], since: String) async throws -> [String: [FeedReading]] {
        try await store.connection { connection in
            var result: [String: [FeedReading]] = [:]
            for id in series {
                guard let s = try await Self.statuses(connection, ids: [id], logger: logger).first else { continue }
                result[id] = try await connection.query(
                    "SELECT time, value, grade, flagged FROM reading WHERE seriesid = \(id) AND time >= \(since) ORDER BY time", logger: logger
                ).decode((String, Double?, Int?, Int).self).all().map { row in
                    FeedReading(series: id, source: s.source, metric: s.metric, value: row.1, grade: row.2, time: row.0, flagged: row.3 != 0)
                }
            }
            return result
        }
    }

    public func history(series: String, from: String, to: String, stepSeconds: Int?) async throws -> [SeriesPoint] {
        try await store.connection { connection in
            let oldestRaw =
                try await connection.query("SELECT min(time) FROM reading WHERE seriesid = \(series)", logger: logger).decode(String?.self)
                .firstElement() ?? nil
            // Hours before the oldest raw reading come from the hourly aggregates.
            let rawStartHour = oldestRaw.map { String($0.prefix(13)) } ?? "9999"
            var points: [(time: String, sum: Double?, min: Double?, max: Double?, count: Int)] = try await connection.query(
                """
                SELECT hour || ':00:00', sum, min, max, count FROM readinghourly
                WHERE seriesid = \(series) AND hour COLLATE "C" < \(rawStartHour) AND (hour || ':00:00') COLLATE "C" BETWEEN \(from) AND \(to)
                ORDER BY hour COLLATE "C"
                """, logger: logger
            ).decode((String, Double?, Double?, Double?, Int).self).all().map { ($0.0, $0.1, $0.2, $0.3, $0.4) }
            points += try await connection.query(
                "SELECT time, value FROM reading WHERE seriesid = \(series) AND time BETWEEN \(from) AND \(to) ORDER BY time", logger: logger
            ).decode((String, Double?).self).all().map { row in (row.0, row.1, row.1, row.1, row.1 == nil ? 0 : 1) }
            guard let step = stepSeconds, step > 0 else {
                return points.map { p in
                    SeriesPoint(time: p.time, value: p.count > 0 ? p.sum.map { $0 / Double(p.count) } : nil, min: p.min, max: p.max, count: p.count)
                }
            }
            return GRDBFeedRepository.bucket(points, step: step)
        }
    }

    /// Folds raw readings into hourly aggregates, then drops every month partition that lies wholly before `rawBefore`
    /// and deletes the older readings of the month it falls in, and the aggregates older than `hourlyBefore`.
    public func compact(sinceHour: String, rawBefore: String, hourlyBefore: String) async throws -> Int {
        try await store.transaction { connection in
            try await connection.query(
                """
                INSERT INTO readinghourly (seriesid, hour, count, sum, min, max)
                SELECT seriesid, substr(time, 1, 13), count(value), sum(value), min(value), max(value) FROM reading
                WHERE time >= \(sinceHour) GROUP BY 1, 2
                ON CONFLICT (seriesid, hour) DO UPDATE SET count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max
                """, logger: logger)
            var deleted = 0
            let boundary = String(rawBefore.prefix(7))
            let partitions = try await connection.query(
                """
                SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'reading'::regclass AND c.relname ~ '^reading_[0-9]{4}_[0-9]{2}$'
                """, logger: logger
            ).decode(String.self).all()
            for partition in partitions.sorted() {
                let month = partition.dropFirst("reading_".count).replacingOccurrences(of: "_", with: "-")
                guard month < boundary else { continue }
                deleted +=
                    try await connection.query(
                        PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(try SQLIdentifier.quoted(partition))"), logger: logger
                    )
                    .decode(Int.self).firstElement() ?? 0
                try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(try SQLIdentifier.quoted(partition))"), logger: logger)
            }
            deleted += try await connection.count("DELETE FROM reading WHERE time < \(rawBefore) RETURNING 1", logger: logger)
            try await connection.query("DELETE FROM readinghourly WHERE hour COLLATE \"C\" < \(String(hourlyBefore.prefix(13)))", logger: logger)
            return deleted
        }
    }
}
