import Foundation
import GRDB
import MokminBase
import MokminCore

extension GRDBFeedRepository {
    /// The columns ``status(_:)`` reads, by position (name lookups cost more than the query when thousands of series change).
    static let statusColumns = "id, feedID, source, metric, longitude, latitude, region, lastTime, lastValue, lastGrade, lastFlagged"

    static func status(_ row: Row) -> SeriesStatus {
        SeriesStatus(
            id: row[0], feedID: row[1], source: row[2], metric: row[3], longitude: row[4], latitude: row[5], region: row[6], time: row[7],
            value: row[8], grade: row[9], flagged: row[10])
    }

    public func ingest(feedID: Int64, readings: [FeedReading], issues: Int, at: Date) async throws -> IngestOutcome {
        try await writer.write { db in
            _ = try Self.fetchFeed(db, id: feedID)  // an unknown feed is not found, whatever the batch holds
            let upsertSeries = try db.cachedStatement(
                sql: """
                    INSERT INTO series (id, feedID, source, metric, longitude, latitude, region) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET longitude = COALESCE(excluded.longitude, longitude),
                      latitude = COALESCE(excluded.latitude, latitude), region = COALESCE(excluded.region, region)
                    """)
            // A repeated reading changes nothing; a revised one replaces the stored value.
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO reading (seriesID, time, value, grade, flagged) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(seriesID, time) DO UPDATE SET value = excluded.value, grade = excluded.grade, flagged = excluded.flagged
                    WHERE value IS NOT excluded.value OR grade IS NOT excluded.grade OR flagged IS NOT excluded.flagged
                    """)
            let latest = try db.cachedStatement(
                sql: """
                    UPDATE series SET lastTime = ?, lastValue = ?, lastGrade = ?, lastFlagged = ?
                    WHERE id = ? AND (lastTime IS NULL OR lastTime <= ?)
                      AND (lastTime IS NOT ? OR lastValue IS NOT ? OR lastGrade IS NOT ? OR lastFlagged IS NOT ?)
                    """)
            var known = Set<String>()
            var newest: [String: FeedReading] = [:]
            var touched = Set<String>()
            var stored = 0
            var dataTime: String?
            for reading in readings {
                if known.insert(reading.series).inserted {
                    try upsertSeries.execute(arguments: [
                        reading.series, feedID, reading.source, reading.metric, reading.location?.lon, reading.location?.lat,
                        reading.region,
                    ])
                }
                try insert.execute(arguments: [reading.series, reading.time, reading.value, reading.grade, reading.flagged])
                if db.changesCount > 0 {
                    stored += 1
                    touched.insert(reading.series)
                }
                if let current = newest[reading.series], current.time > reading.time {} else { newest[reading.series] = reading }
                if dataTime.map({ reading.time > $0 }) ?? true { dataTime = reading.time }
            }
            var changed: [String] = []
            for series in touched.sorted() {
                guard let r = newest[series] else { continue }
                try latest.execute(arguments: [r.time, r.value, r.grade, r.flagged, series, r.time, r.time, r.value, r.grade, r.flagged])
                if db.changesCount > 0 { changed.append(series) }
            }
            var events: [BoardEvent] = []
            var statuses: [SeriesStatus] = []
            if !changed.isEmpty {
                statuses = try Self.statuses(db, ids: changed)
                let row = try Row.fetchOne(db, sql: "SELECT name, kind FROM feed WHERE id = ?", arguments: [feedID])
                let payload = ReadingEvent(
                    feedID: feedID, feed: row?["name"] ?? "", kind: row?["kind"] ?? "",
                    ingestedAt: (Date().timeIntervalSince1970 * 1000).rounded() / 1000,
                    readings: statuses)
                events.append(try BoardEventLog.append(db, kind: .reading, data: BoardJSON.encode(payload), at: at))
            }
            events.append(
                try Self.recordSuccess(db, id: feedID, at: at, fresh: stored > 0, count: readings.count, issues: issues, dataTime: dataTime))
            return IngestOutcome(stored: stored, changed: statuses, events: events)
        }
    }

    /// The `reading` event's data: the series of one feed whose latest value changed.
    struct ReadingEvent: Encodable {
        var feedID: Int64
        var feed: String
        var kind: String
        /// When these readings were written, in seconds since 1970 (clients measure their delivery delay with it).
        var ingestedAt: Double
        var readings: [SeriesStatus]
    }

    static func statuses(_ db: Database, ids: [String]) throws -> [SeriesStatus] {
        var result: [SeriesStatus] = []
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let part = Array(ids[chunk..<min(ids.count, chunk + 500)])
            let marks = databaseQuestionMarks(count: part.count)
            result += try Row.fetchAll(
                db, sql: "SELECT \(statusColumns) FROM series WHERE id IN (\(marks)) ORDER BY id", arguments: StatementArguments(part)
            )
            .map(status)
        }
        return result
    }

    public func latest() async throws -> [SeriesStatus] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT \(Self.statusColumns) FROM series ORDER BY id").map(Self.status) }
    }

    public func series(id: String) async throws -> SeriesStatus? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.statusColumns) FROM series WHERE id = ?", arguments: [id]).map(Self.status)
        }
    }

    public func readings(series: [String], since: String) async throws -> [String: [FeedReading]] {
        try await writer.read { db in
            var result: [String: [FeedReading]] = [:]
            for id in series {
                guard let s = try Row.fetchOne(db, sql: "SELECT \(Self.statusColumns) FROM series WHERE id = ?", arguments: [id]).map(Self.status)
                else { continue }
                result[id] = try Row.fetchAll(
                    db, sql: "SELECT time, value, grade, flagged FROM reading WHERE seriesID = ? AND time >= ? ORDER BY time", arguments: [id, since]
                ).map { row in
                    FeedReading(
                        series: id, source: s.source, metric: s.metric, value: row["value"], grade: row["grade"], time: row["time"],
                        flagged: row["flagged"])
                }
            }
            return result
        }
    }

    public func history(series: String, from: String, to: String, stepSeconds: Int?) async throws -> [SeriesPoint] {
        try await writer.read { db in
            let oldestRaw = try String.fetchOne(db, sql: "SELECT MIN(time) FROM reading WHERE seriesID = ?", arguments: [series])
            // Hours before the oldest raw reading come from the hourly aggregates.
            let rawStartHour = oldestRaw.map { String($0.prefix(13)) } ?? "9999"
            let hourly = try Row.fetchAll(
                db,
                sql: """
                    SELECT hour || ':00:00' AS time, sum, min, max, count FROM readingHourly
                    WHERE seriesID = ? AND hour < ? AND hour || ':00:00' BETWEEN ? AND ? ORDER BY hour
                    """, arguments: [series, rawStartHour, from, to])
            let raw = try Row.fetchAll(
                db, sql: "SELECT time, value FROM reading WHERE seriesID = ? AND time BETWEEN ? AND ? ORDER BY time",
                arguments: [series, from, to])
            var points: [(time: String, sum: Double?, min: Double?, max: Double?, count: Int)] = hourly.map {
                ($0["time"], $0["sum"], $0["min"], $0["max"], $0["count"])
            }
            points += raw.map { row in
                let value: Double? = row["value"]
                return (row["time"], value, value, value, value == nil ? 0 : 1)
            }
            guard let step = stepSeconds, step > 0 else {
                return points.map { p in
                    SeriesPoint(time: p.time, value: p.count > 0 ? p.sum.map { $0 / Double(p.count) } : nil, min: p.min, max: p.max, count: p.count)
                }
            }
            return Self.bucket(points, step: step)
        }
    }

    /// Aggregates points into buckets of `step` seconds aligned to local midnight.
    public static func bucket(_ points: [(time: String, sum: Double?, min: Double?, max: Double?, count: Int)], step: Int) -> [SeriesPoint] {
        var order: [Int64] = []
        var buckets: [Int64: (sum: Double, min: Double?, max: Double?, count: Int)] = [:]
        for p in points {
            guard let seconds = LocalTime.seconds(p.time) else { continue }
            let key = Int64((Double(seconds) / Double(step)).rounded(.down)) * Int64(step)
            var b = buckets[key] ?? (0, nil, nil, 0)
            if buckets[key] == nil { order.append(key) }
            b.sum += p.sum ?? 0
            b.count += p.count
            if let m = p.min { b.min = Swift.min(b.min ?? m, m) }
            if let m = p.max { b.max = Swift.max(b.max ?? m, m) }
            buckets[key] = b
        }
        return order.sorted().map { key in
            let b = buckets[key]!
            return SeriesPoint(
                time: LocalTime.string(localSeconds: key), value: b.count > 0 ? b.sum / Double(b.count) : nil, min: b.min, max: b.max, count: b.count)
        }
    }

    public func compact(sinceHour: String, rawBefore: String, hourlyBefore: String) async throws -> Int {
        try await writer.write { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM series")
            var deleted = 0
            for id in ids {
                try db.execute(
                    sql: """
                        INSERT INTO readingHourly (seriesID, hour, count, sum, min, max)
                        SELECT seriesID, substr(time, 1, 13), COUNT(value), SUM(value), MIN(value), MAX(value) FROM reading
                        WHERE seriesID = ? AND time >= ? GROUP BY 1, 2
                        ON CONFLICT(seriesID, hour) DO UPDATE SET count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max
                        """, arguments: [id, sinceHour])
                try db.execute(sql: "DELETE FROM reading WHERE seriesID = ? AND time < ?", arguments: [id, rawBefore])
                deleted += db.changesCount
                try db.execute(sql: "DELETE FROM readingHourly WHERE seriesID = ? AND hour < ?", arguments: [id, String(hourlyBefore.prefix(13))])
            }
            return deleted
        }
    }
}
