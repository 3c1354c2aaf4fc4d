import Foundation
import Logging
import MokminBase
import MokminCore
import MokminGeo
import MokminStore
import NIOCore
import PostgresNIO

/// The PostgreSQL implementation of `HarvestRepository`.
public struct PostgresHarvestRepository: HarvestRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    static let columns = """
        id, datasetslug, url, format, serviceKey IS NOT NULL AND serviceKey <> '', keyparameter, intervalminutes, uniquekey, createdby,
        lastrunat, lastsuccessat, lasterror, lastrowsadded
        """
    typealias Row = (Int64, String, String, String, Bool, String, Int, String, String?, Date?, Date?, String?, Int?)
    static func harvest(_ r: Row) -> Harvest {
        Harvest(
            id: r.0, datasetSlug: r.1, url: r.2, format: r.3, hasServiceKey: r.4, keyParameter: r.5, intervalMinutes: r.6,
            uniqueKey: r.7.split(separator: "\n").map(String.init), createdBy: r.8, lastRunAt: r.9, lastSuccessAt: r.10, lastError: r.11,
            lastRowsAdded: r.12)
    }

    static func select(_ connection: PostgresConnection, _ condition: String, id: Int64?, logger: Logger) async throws -> [Harvest] {
        var binds = PostgresBindings()
        if let id { binds.append(id) }
        return try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(columns) FROM harvest \(condition)", binds: binds), logger: logger)
            .decode(Row.self).all().map(harvest)
    }

    public func create(_ h: NewHarvest, audit: AuditEvent) async throws -> Harvest {
        do {
            return try await store.transaction { connection in
                let id = try await connection.query(
                    """
                    INSERT INTO harvest (datasetslug, url, format, servicekey, keyparameter, intervalminutes, uniquekey, createdby, createdat)
                    VALUES (\(h.datasetSlug), \(h.url), \(h.format), \(h.serviceKey), \(h.keyParameter), \(h.intervalMinutes),
                        \(h.uniqueKey.joined(separator: "\n")), \(audit.actor), \(Date()))
                    RETURNING id
                    """, logger: logger
                ).decode(Int64.self).firstElement()!
                var event = audit
                event.target = "harvest \(id)"
                // Never the key; the caller's detail (the URL with secret values masked) follows.
                event.detail = "dataset=\(h.datasetSlug) every=\(h.intervalMinutes)m" + (audit.detail.map { " " + $0 } ?? "")
                try await connection.record(event, logger: logger)
                return try await Self.select(connection, "WHERE id = $1", id: id, logger: logger)[0]
            }
        } catch let error as PostgresStoreError where error.isUniqueViolation {
            throw MokminError(
                .conflict, ko: "이 데이터셋에는 이미 수집 설정이 있습니다: \(h.datasetSlug)", en: "The dataset already has a harvest: \(h.datasetSlug)")
        }
    }

    public func list() async throws -> [Harvest] {
        try await store.connection { try await Self.select($0, "ORDER BY id", id: nil, logger: logger) }
    }

    public func find(id: Int64) async throws -> Harvest? {
        try await store.connection { try await Self.select($0, "WHERE id = $1", id: id, logger: logger).first }
    }

    public func serviceKey(id: Int64) async throws -> String? {
        try await store.connection { connection in
            try await connection.query("SELECT servicekey FROM harvest WHERE id = \(id)", logger: logger).decode(String?.self).firstElement() ?? nil
        }
    }

    public func recordRun(id: Int64, at: Date, error: String?, rowsAdded: Int?) async throws {
        try await store.connection { connection in
            if let error {
                try await connection.query("UPDATE harvest SET lastrunat = \(at), lasterror = \(error) WHERE id = \(id)", logger: logger)
            } else {
                try await connection.query(
                    "UPDATE harvest SET lastrunat = \(at), lastsuccessat = \(at), lasterror = NULL, lastrowsadded = \(rowsAdded) WHERE id = \(id)",
                    logger: logger)
            }
        }
    }

    public func remove(id: Int64, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            guard try await connection.count("DELETE FROM harvest WHERE id = \(id) RETURNING 1", logger: logger) > 0 else {
                throw MokminError(.notFound, ko: "없는 수집 설정입니다: \(id)", en: "No such harvest: \(id)")
            }
            try await connection.record(audit, logger: logger)
        }
    }
}

/// The PostgreSQL implementation of ``AnalysisRunRepository``: each change of state is one conditional statement, so
/// of two servers trying to start one run, one does.
public struct PostgresAnalysisRunRepository: AnalysisRunRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    static let columns = """
        id, kind, title, parameters, status, progress, message, result, error, shared, createdby, createdat, startedat, finishedat
        """
    typealias Row = (Int64, String, String, String, String, Double, String?, String?, String?, Bool, String?, Date, Date?, Date?)
    static func run(_ r: Row) -> AnalysisRun {
        AnalysisRun(
            id: r.0, kind: AnalysisRun.Kind(rawValue: r.1) ?? .evSiting, title: r.2, parameters: r.3,
            status: AnalysisRun.Status(rawValue: r.4) ?? .failed, progress: r.5, message: r.6, result: r.7, error: r.8, shared: r.9,
            createdBy: r.10, createdAt: r.11, startedAt: r.12, finishedAt: r.13)
    }

    static func fetch(_ connection: PostgresConnection, _ id: Int64, logger: Logger) async throws -> AnalysisRun? {
        var binds = PostgresBindings()
        binds.append(id)
        return try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(columns) FROM analysisrun WHERE id = $1", binds: binds), logger: logger)
            .decode(Row.self).firstElement().map(run)
    }

    static func require(_ connection: PostgresConnection, _ id: Int64, logger: Logger) async throws -> AnalysisRun {
        guard let run = try await fetch(connection, id, logger: logger) else {
            throw MokminError(.notFound, ko: "없는 분석입니다: \(id)", en: "No such analysis run: \(id)")
        }
        return run
    }

    public func create(kind: AnalysisRun.Kind, title: String, parameters: String, audit: AuditEvent) async throws -> AnalysisRun {
        try await store.transaction { connection in
            let id = try await connection.query(
                """
                INSERT INTO analysisrun (kind, title, parameters, status, createdby, createdat)
                VALUES (\(kind.rawValue), \(title), \(parameters), 'queued', \(audit.actor), \(audit.at)) RETURNING id
                """, logger: logger
            ).decode(Int64.self).firstElement()!
            var event = audit
            event.target = "analysis \(id)"
            event.detail = "kind=\(kind.rawValue)"
            try await connection.record(event, logger: logger)
            return try await Self.require(connection, id, logger: logger)
        }
    }

    public func run(id: Int64) async throws -> AnalysisRun? {
        try await store.connection { try await Self.fetch($0, id, logger: logger) }
    }

    public func list(sharedOnly: Bool, limit: Int) async throws -> [AnalysisRun] {
        try await store.connection { connection in
            var binds = PostgresBindings()
            binds.append(limit)
            let sql = "SELECT \(Self.columns) FROM analysisrun \(sharedOnly ? "WHERE shared" : "") ORDER BY createdat DESC, id DESC LIMIT $1"
            return try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).decode(Row.self).all().map(Self.run)
        }
    }

    public func start(id: Int64, at: Date) async throws -> Bool {
        try await store.connection { connection in
            try await connection.count(
                "UPDATE analysisrun SET status = 'running', startedat = \(at) WHERE id = \(id) AND status = 'queued' RETURNING 1", logger: logger) > 0
        }
    }

    public func progress(id: Int64, fraction: Double, message: String) async throws {
        try await store.connection { connection in
            try await connection.query(
                "UPDATE analysisrun SET progress = \(min(1, max(0, fraction))), message = \(message) WHERE id = \(id) AND status = 'running'",
                logger: logger)
        }
    }

    public func finish(id: Int64, result: String, at: Date) async throws {
        try await store.connection { connection in
            try await connection.query(
                """
                UPDATE analysisrun SET status = 'done', result = \(result), progress = 1, message = NULL, finishedat = \(at)
                WHERE id = \(id) AND status = 'running'
                """, logger: logger)
        }
    }

    public func fail(id: Int64, error: String, at: Date) async throws {
        try await store.connection { connection in
            try await connection.query(
                "UPDATE analysisrun SET status = 'failed', error = \(error), finishedat = \(at) WHERE id = \(id) AND status IN ('queued', 'running')",
                logger: logger)
        }
    }

    public func cancel(id: Int64, at: Date, audit: AuditEvent) async throws -> Bool {
        try await store.transaction { connection in
            _ = try await Self.require(connection, id, logger: logger)
            let changed = try await connection.count(
                "UPDATE analysisrun SET status = 'cancelled', finishedat = \(at) WHERE id = \(id) AND status IN ('queued', 'running') RETURNING 1",
                logger: logger)
            guard changed > 0 else { return false }
            var event = audit
            event.target = "analysis \(id)"
            try await connection.record(event, logger: logger)
            return true
        }
    }

    public func setShared(id: Int64, shared: Bool, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            _ = try await Self.require(connection, id, logger: logger)
            try await connection.query("UPDATE analysisrun SET shared = \(shared) WHERE id = \(id)", logger: logger)
            var event = audit
            event.target = "analysis \(id)"
            try await connection.record(event, logger: logger)
        }
    }

    public func failUnfinished(at: Date) async throws -> Int {
        try await store.connection { connection in
            try await connection.count(
                """
                UPDATE analysisrun SET status = 'failed', error = '서버가 중지되어 끝나지 못했습니다 / the server stopped before it finished',
                  finishedat = \(at) WHERE status IN ('queued', 'running') RETURNING 1
                """, logger: logger)
        }
    }
}

/// The PostgreSQL implementation of `RegionRepository` (boundaries in the same binary form as on SQLite).
public struct PostgresRegionRepository: RegionRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    public func upsert(_ regions: [Region], source: String, audit: AuditEvent) async throws {
        let now = Date()
        try await store.transaction { connection in
            // Loaders take turns, as on SQLite: two batches naming the same codes in different orders never deadlock.
            try await connection.lock("regions", logger: logger)
            for r in regions {
                let blob = ByteBuffer(bytes: r.boundary.blob)
                try await connection.query(
                    """
                    INSERT INTO region (code, level, name, fullname, parentcode, kostatcode, kostatcode8, boundary, centroidlon, centroidlat,
                        areasquaremetres, source, loadedat)
                    VALUES (\(r.code), \(r.level.rawValue), \(r.name), \(r.fullName), \(r.parentCode), \(r.kostatCode), \(r.kostatCode8), \(blob),
                        \(r.centroid.lon), \(r.centroid.lat), \(r.areaSquareMetres), \(source), \(now))
                    ON CONFLICT (code) DO UPDATE SET level = excluded.level, name = excluded.name, fullname = excluded.fullname,
                        parentcode = excluded.parentcode, kostatcode = excluded.kostatcode, kostatcode8 = excluded.kostatcode8,
                        boundary = excluded.boundary, centroidlon = excluded.centroidlon, centroidlat = excluded.centroidlat,
                        areasquaremetres = excluded.areasquaremetres, source = excluded.source, loadedat = excluded.loadedat
                    """, logger: logger)
            }
            try await connection.record(audit, logger: logger)
        }
    }

    public func all() async throws -> [Region] {
        try await store.connection { connection in
            var regions: [Region] = []
            let rows = try await connection.query(
                """
                SELECT code, level, name, fullname, parentcode, kostatcode, kostatcode8, boundary, centroidlon, centroidlat, areasquaremetres
                FROM region ORDER BY code COLLATE "C"
                """, logger: logger)
            for try await r in rows.decode((String, String, String, String, String?, String?, String?, ByteBuffer, Double, Double, Double).self) {
                var region = Region(
                    code: r.0, level: RegionLevel(rawValue: r.1) ?? .emd, name: r.2, fullName: r.3, parentCode: r.4, kostatCode: r.5,
                    kostatCode8: r.6, boundary: try MultiPolygon(blob: Data(r.7.readableBytesView)))
                region.centroid = GeoPoint(lon: r.8, lat: r.9)
                region.areaSquareMetres = r.10
                regions.append(region)
            }
            return regions
        }
    }

    public func count(level: RegionLevel?) async throws -> Int {
        try await store.connection { connection in
            try await connection.query(
                "SELECT count(*) FROM region WHERE \(level?.rawValue)::text IS NULL OR level = \(level?.rawValue)", logger: logger
            ).decode(Int.self).firstElement() ?? 0
        }
    }

    public func replaceCodes(_ entries: [RegionCodeEntry], audit: AuditEvent) async throws {
        try await store.transaction { connection in
            // Replacers take turns: the later one's DELETE sees the earlier one's rows, so the last crosswalk wins whole.
            try await connection.lock("region-codes", logger: logger)
            try await connection.query("DELETE FROM regioncode", logger: logger)
            // As one JSON document per few hundred rows, one statement each, not one round trip per row.
            for start in stride(from: 0, to: entries.count, by: 500) {
                let rows: [[String: Any]] = entries[start..<min(entries.count, start + 500)].map { e in
                    [
                        "code": e.code, "kostatcode": e.kostatCode as Any, "kostatcode8": e.kostatCode8 as Any, "fullname": e.fullName,
                        "name": e.name,
                        "sggcode": e.sggCode, "sggname": e.sggName, "sidocode": e.sidoCode, "sidoname": e.sidoName,
                    ]
                }
                let json = String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self)
                try await connection.query(
                    """
                    INSERT INTO regioncode (code, kostatcode, kostatcode8, fullname, name, sggcode, sggname, sidocode, sidoname)
                    SELECT code, kostatcode, kostatcode8, fullname, name, sggcode, sggname, sidocode, sidoname
                    FROM json_populate_recordset(NULL::regioncode, \(json)::json)
                    """, logger: logger)
            }
            try await connection.record(audit, logger: logger)
        }
    }

    public func codeEntries() async throws -> [RegionCodeEntry] {
        try await store.connection { connection in
            try await connection.query(
                """
                SELECT code, kostatcode, kostatcode8, fullname, name, sggcode, sggname, sidocode, sidoname FROM regioncode ORDER BY code COLLATE "C"
                """, logger: logger
            ).decode((String, String?, String?, String, String, String, String, String, String).self).all().map {
                RegionCodeEntry(
                    code: $0.0, kostatCode: $0.1, kostatCode8: $0.2, fullName: $0.3, name: $0.4, sggCode: $0.5, sggName: $0.6, sidoCode: $0.7,
                    sidoName: $0.8)
            }
        }
    }
}
