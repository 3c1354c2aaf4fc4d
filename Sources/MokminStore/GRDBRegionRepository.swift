import Foundation
import GRDB
import MokminCore
import MokminGeo

/// The GRDB implementation of `RegionRepository`.
public struct GRDBRegionRepository: RegionRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    public func upsert(_ regions: [Region], source: String, audit: AuditEvent) async throws {
        let now = Date()
        try await writer.write { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO region (code, level, name, fullName, parentCode, kostatCode, kostatCode8, boundary,
                        centroidLon, centroidLat, areaSquareMetres, source, loadedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for r in regions {
                try statement.execute(arguments: [
                    r.code, r.level.rawValue, r.name, r.fullName, r.parentCode, r.kostatCode, r.kostatCode8, r.boundary.blob,
                    r.centroid.lon, r.centroid.lat, r.areaSquareMetres, source, now,
                ])
            }
            try AuditRecord(audit).insert(db)
        }
    }

    public func all() async throws -> [Region] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM region ORDER BY code").map { row in
                var region = Region(
                    code: row["code"], level: RegionLevel(rawValue: row["level"]) ?? .emd, name: row["name"],
                    fullName: row["fullName"], parentCode: row["parentCode"], kostatCode: row["kostatCode"],
                    kostatCode8: row["kostatCode8"], boundary: try MultiPolygon(blob: row["boundary"]))
                region.centroid = GeoPoint(lon: row["centroidLon"], lat: row["centroidLat"])
                region.areaSquareMetres = row["areaSquareMetres"]
                return region
            }
        }
    }

    public func count(level: RegionLevel?) async throws -> Int {
        try await writer.read { db in
            if let level {
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM region WHERE level = ?", arguments: [level.rawValue]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM region") ?? 0
        }
    }

    public func replaceCodes(_ entries: [RegionCodeEntry], audit: AuditEvent) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM regionCode")
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO regionCode (code, kostatCode, kostatCode8, fullName, name, sggCode, sggName, sidoCode, sidoName)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for e in entries {
                try statement.execute(arguments: [
                    e.code, e.kostatCode, e.kostatCode8, e.fullName, e.name, e.sggCode, e.sggName, e.sidoCode, e.sidoName,
                ])
            }
            try AuditRecord(audit).insert(db)
        }
    }

    public func codeEntries() async throws -> [RegionCodeEntry] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM regionCode ORDER BY code").map { row in
                RegionCodeEntry(
                    code: row["code"], kostatCode: row["kostatCode"], kostatCode8: row["kostatCode8"], fullName: row["fullName"],
                    name: row["name"], sggCode: row["sggCode"], sggName: row["sggName"], sidoCode: row["sidoCode"],
                    sidoName: row["sidoName"])
            }
        }
    }
}
