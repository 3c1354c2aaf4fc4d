import GRDB

extension AppDatabase {
    /// Every schema change, in order. A released migration is never edited: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-accounts") { db in
            try db.create(table: "user") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("login", .text).notNull().unique(onConflict: .abort)
                    .check(sql: "length(login) BETWEEN 2 AND 64")
                t.column("name", .text).notNull().check(sql: "length(trim(name)) > 0")
                t.column("role", .text).notNull().check(sql: "role IN ('admin', 'analyst', 'official')")
                t.column("passwordHash", .text).notNull()
                t.column("disabled", .boolean).notNull().defaults(to: false)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "session") { t in
                t.primaryKey("idHash", .text)
                t.column("userID", .integer).notNull().indexed().references("user", onDelete: .cascade)
                t.column("csrfToken", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
            }
            try db.create(table: "apiToken") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("userID", .integer).notNull().indexed().references("user", onDelete: .cascade)
                t.column("label", .text).notNull()
                t.column("tokenHash", .text).notNull().unique()
                t.column("displayOnly", .boolean).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("lastUsedAt", .datetime)
                t.column("revokedAt", .datetime)
            }
            try db.create(table: "auditLog") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("actor", .text)
                t.column("action", .text).notNull()
                t.column("target", .text)
                t.column("detail", .text)
                t.column("origin", .text)
            }
            try db.create(index: "auditLog_action_target_at", on: "auditLog", columns: ["action", "target", "at"])
            try db.create(index: "auditLog_action_origin_at", on: "auditLog", columns: ["action", "origin", "at"])
            try db.create(table: "setting") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("v1-regions") { db in
            try db.create(table: "region") { t in
                t.primaryKey("code", .text).check(sql: "length(code) = 10 AND code NOT GLOB '*[^0-9]*'")
                t.column("level", .text).notNull().check(sql: "level IN ('sido', 'sgg', 'emd')")
                t.column("name", .text).notNull().check(sql: "length(name) > 0")
                t.column("fullName", .text).notNull()
                t.column("parentCode", .text)
                t.column("kostatCode", .text)
                t.column("kostatCode8", .text)
                t.column("boundary", .blob).notNull()
                t.column("centroidLon", .double).notNull()
                t.column("centroidLat", .double).notNull()
                t.column("areaSquareMetres", .double).notNull().check(sql: "areaSquareMetres >= 0")
                t.column("source", .text).notNull()
                t.column("loadedAt", .datetime).notNull()
            }
            try db.create(index: "region_level", on: "region", columns: ["level"])
            try db.create(index: "region_kostat", on: "region", columns: ["kostatCode"])
            try db.create(table: "regionCode") { t in
                t.primaryKey("code", .text).check(sql: "length(code) = 10")
                t.column("kostatCode", .text).indexed()
                t.column("kostatCode8", .text).indexed()
                t.column("fullName", .text).notNull()
                t.column("name", .text).notNull()
                t.column("sggCode", .text).notNull()
                t.column("sggName", .text).notNull()
                t.column("sidoCode", .text).notNull()
                t.column("sidoName", .text).notNull()
            }
        }
        migrator.registerMigration("v2-datahub") { db in
            try db.create(table: "dataset") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("slug", .text).notNull().unique()
                    .check(sql: "length(slug) BETWEEN 2 AND 100 AND slug NOT GLOB '*[^a-z0-9-]*'")
                t.column("title", .text).notNull().check(sql: "length(trim(title)) > 0")
                t.column("description", .text).notNull()
                t.column("organization", .text).notNull()
                t.column("license", .text).notNull()
                t.column("frequency", .text).notNull()
                t.column("source", .text).notNull()
                t.column("temporalCoverage", .text).notNull()
                t.column("spatialCoverage", .text).notNull()
                t.column("visibility", .text).notNull().check(sql: "visibility IN ('public', 'internal')")
                t.column("contact", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                // Lowercased text of title, description, tags, column labels and organization, for substring search.
                t.column("searchText", .text).notNull()
            }
            try db.create(table: "datasetTag") { t in
                t.column("datasetID", .integer).notNull().references("dataset", onDelete: .cascade)
                t.column("tag", .text).notNull().check(sql: "length(tag) > 0")
                t.primaryKey(["datasetID", "tag"])
            }
            try db.create(index: "datasetTag_tag", on: "datasetTag", columns: ["tag"])
            try db.create(table: "datasetVersion") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("datasetID", .integer).notNull().indexed().references("dataset", onDelete: .cascade)
                t.column("number", .integer).notNull().check(sql: "number >= 1")
                t.column("tableName", .text).notNull().unique()
                t.column("fileName", .text).notNull()
                t.column("format", .text).notNull()
                t.column("encoding", .text).notNull()
                t.column("rowCount", .integer).notNull()
                t.column("columns", .jsonText).notNull()
                t.column("report", .jsonText).notNull()
                t.column("profile", .jsonText).notNull()
                t.column("rowsAdded", .integer)
                t.column("rowsRemoved", .integer)
                t.column("createdAt", .datetime).notNull()
                t.column("createdBy", .text)
                t.uniqueKey(["datasetID", "number"])
            }
        }
        migrator.registerMigration("v3-harvest") { db in
            try db.create(table: "harvest") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("datasetSlug", .text).notNull().unique()
                t.column("url", .text).notNull().check(sql: "url LIKE 'http://%' OR url LIKE 'https://%'")
                t.column("format", .text).notNull().check(sql: "format IN ('json', 'csv', 'tsv', 'geojson')")
                // Write-only: never shown back, never logged.
                t.column("serviceKey", .text)
                t.column("keyParameter", .text).notNull()
                t.column("intervalMinutes", .integer).notNull().check(sql: "intervalMinutes >= 1")
                t.column("uniqueKey", .text).notNull()
                t.column("createdBy", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("lastRunAt", .datetime)
                t.column("lastSuccessAt", .datetime)
                t.column("lastError", .text)
                t.column("lastRowsAdded", .integer)
            }
        }
        migrator.registerMigration("v4-board") { db in
            try db.create(table: "feed") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique().check(sql: "length(trim(name)) > 0")
                t.column("kind", .text).notNull().check(sql: "kind IN ('airkorea', 'disaster', 'traffic', 'generic')")
                t.column("url", .text).notNull()
                    .check(sql: "url LIKE 'http://%' OR url LIKE 'https://%' OR url LIKE 'simulator:%'")
                // Write-only: never shown back, never logged.
                t.column("serviceKey", .text)
                t.column("keyParameter", .text).notNull()
                t.column("intervalSeconds", .integer).notNull().check(sql: "intervalSeconds >= 5")
                t.column("staleAfterSeconds", .integer).notNull().check(sql: "staleAfterSeconds >= intervalSeconds")
                t.column("settings", .jsonText).notNull()
                t.column("enabled", .boolean).notNull().defaults(to: true)
                t.column("createdBy", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("lastRunAt", .datetime)
                t.column("lastSuccessAt", .datetime)
                t.column("lastFreshAt", .datetime)
                t.column("lastErrorAt", .datetime)
                t.column("lastError", .text)
                t.column("lastCount", .integer)
                t.column("lastIssues", .integer)
                t.column("lastDataTime", .text)
            }
            try db.create(table: "series") { t in
                t.primaryKey("id", .text)
                t.column("feedID", .integer).notNull().indexed().references("feed", onDelete: .cascade)
                t.column("source", .text).notNull()
                t.column("metric", .text).notNull()
                t.column("longitude", .double)
                t.column("latitude", .double)
                t.column("region", .text)
                t.column("lastTime", .text)
                t.column("lastValue", .double)
                t.column("lastGrade", .integer)
                t.column("lastFlagged", .boolean).notNull().defaults(to: false)
            }
            // Raw readings, kept for the configured period; `time` is local time `YYYY-MM-DDTHH:MM:SS`.
            try db.execute(
                sql: """
                    CREATE TABLE reading (
                      seriesID TEXT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
                      time TEXT NOT NULL CHECK (length(time) = 19),
                      value REAL,
                      grade INTEGER CHECK (grade BETWEEN 1 AND 4),
                      flagged INTEGER NOT NULL DEFAULT 0,
                      PRIMARY KEY (seriesID, time)
                    ) WITHOUT ROWID;
                    CREATE TABLE readingHourly (
                      seriesID TEXT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
                      hour TEXT NOT NULL CHECK (length(hour) = 13),
                      count INTEGER NOT NULL CHECK (count >= 0),
                      sum REAL,
                      min REAL,
                      max REAL,
                      PRIMARY KEY (seriesID, hour)
                    ) WITHOUT ROWID;
                    """)
            try db.create(table: "disasterMessage") { t in
                t.primaryKey("serial", .text)
                t.column("feedID", .integer).indexed().references("feed", onDelete: .setNull)
                t.column("createdAt", .text).notNull().indexed()
                t.column("text", .text).notNull()
                t.column("regions", .jsonText).notNull()
                t.column("level", .text).notNull().check(sql: "level IN ('안전안내', '긴급재난', '위급재난')")
                t.column("kind", .text)
                t.column("registeredOn", .text)
                t.column("modifiedOn", .text)
                t.column("receivedAt", .datetime).notNull()
            }
            try db.create(table: "alertRule") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique().check(sql: "length(trim(name)) > 0")
                t.column("kind", .text).notNull().check(sql: "kind IN ('threshold', 'grade', 'disaster', 'slow_link', 'stale_feed')")
                t.column("target", .text).notNull()
                t.column("direction", .text).check(sql: "direction IN ('above', 'below')")
                t.column("threshold", .double)
                t.column("clearThreshold", .double)
                t.column("minGrade", .integer).check(sql: "minGrade BETWEEN 1 AND 4")
                t.column("minLevel", .text)
                t.column("durationMinutes", .integer).check(sql: "durationMinutes >= 1")
                t.column("severity", .text).notNull().check(sql: "severity IN ('info', 'warning', 'critical')")
                t.column("enabled", .boolean).notNull().defaults(to: true)
                t.column("createdBy", .text)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "alert") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ruleID", .integer).indexed().references("alertRule", onDelete: .setNull)
                t.column("ruleName", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("severity", .text).notNull().check(sql: "severity IN ('info', 'warning', 'critical')")
                t.column("startedAt", .text).notNull().indexed()
                t.column("endedAt", .text)
                t.column("value", .double)
                t.column("messageKo", .text).notNull()
                t.column("messageEn", .text).notNull()
                t.column("endMessageKo", .text)
                t.column("endMessageEn", .text)
                t.column("acknowledgedBy", .text)
                t.column("acknowledgedAt", .datetime)
                t.column("createdAt", .datetime).notNull()
                t.check(sql: "endedAt IS NULL OR endedAt >= startedAt")
            }
            // At most one open alert per rule and subject: a restart can never open the same alert twice.
            try db.execute(sql: "CREATE UNIQUE INDEX alert_open ON alert(ruleID, subject) WHERE endedAt IS NULL")
            try db.execute(sql: "CREATE INDEX alert_rule_subject ON alert(ruleID, subject)")
            try db.create(table: "webhook") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique().check(sql: "length(trim(name)) > 0")
                t.column("url", .text).notNull().check(sql: "url LIKE 'http://%' OR url LIKE 'https://%'")
                t.column("enabled", .boolean).notNull().defaults(to: true)
                t.column("createdBy", .text)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "webhookDelivery") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("webhookID", .integer).notNull().indexed().references("webhook", onDelete: .cascade)
                t.column("alertID", .integer).notNull().indexed().references("alert", onDelete: .cascade)
                t.column("event", .text).notNull().check(sql: "event IN ('start', 'end', 'ack')")
                t.column("payload", .jsonText).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime)
                t.column("deliveredAt", .datetime)
                t.column("failedAt", .datetime)
                t.column("lastStatus", .integer)
                t.column("lastError", .text)
                t.column("createdAt", .datetime).notNull()
            }
            try db.execute(sql: "CREATE INDEX webhookDelivery_due ON webhookDelivery(nextAttemptAt) WHERE nextAttemptAt IS NOT NULL")
            try db.create(table: "webhookAttempt") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("deliveryID", .integer).notNull().indexed().references("webhookDelivery", onDelete: .cascade)
                t.column("attempt", .integer).notNull()
                t.column("at", .datetime).notNull()
                t.column("status", .integer)
                t.column("error", .text)
                t.column("milliseconds", .integer).notNull()
            }
            // The live stream's log: ids only grow (AUTOINCREMENT never reuses one), so a client that reconnects with
            // Last-Event-ID gets exactly what it missed, across server restarts.
            try db.execute(
                sql: """
                    CREATE TABLE boardEvent (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      kind TEXT NOT NULL CHECK (kind IN ('reading', 'alert', 'feed', 'message')),
                      data TEXT NOT NULL,
                      createdAt REAL NOT NULL
                    )
                    """)
        }
        migrator.registerMigration("v5-analyses") { db in
            try db.create(table: "analysisRun") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull().check(sql: "kind IN ('living_population', 'ev_siting', 'shelter')")
                t.column("title", .text).notNull().check(sql: "length(trim(title)) > 0")
                t.column("parameters", .jsonText).notNull()
                t.column("status", .text).notNull().check(sql: "status IN ('queued', 'running', 'done', 'failed', 'cancelled')")
                t.column("progress", .double).notNull().defaults(to: 0).check(sql: "progress BETWEEN 0 AND 1")
                t.column("message", .text)
                // Written once, with the status `done`, in the same statement: a saved run is never half-written.
                t.column("result", .jsonText)
                t.column("error", .text)
                t.column("shared", .boolean).notNull().defaults(to: false)
                t.column("createdBy", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("startedAt", .datetime)
                t.column("finishedAt", .datetime)
                t.check(sql: "(status = 'done') = (result IS NOT NULL)")
            }
            try db.create(index: "analysisRun_createdAt", on: "analysisRun", columns: ["createdAt"])
        }
        migrator.registerMigration("v6-catalog-revision") { db in
            // A counter that every change to the catalog moves on, so that a cached search index knows it is stale
            // (whichever process changed the catalog: the server or `mokmin import`).
            try db.execute(
                sql: """
                    CREATE TABLE catalogRevision (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL);
                    INSERT INTO catalogRevision (id, revision) VALUES (1, 0);
                    """)
            for table in ["dataset", "datasetTag", "datasetVersion"] {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(
                        sql: """
                            CREATE TRIGGER \(table)_\(event.lowercased())_revision AFTER \(event) ON \(table)
                            BEGIN UPDATE catalogRevision SET revision = revision + 1 WHERE id = 1; END
                            """)
                }
            }
        }
        migrator.registerMigration("v7-sign-in-throttle") { db in
            // Failed sign-ins per key (login and address, login, address): see `SignInThrottle`. Times are seconds since
            // 1970 as REAL, compared exactly (a text date keeps milliseconds and would round a "now" into the future).
            try db.create(table: "signInThrottle") { t in
                t.primaryKey("key", .text).check(sql: "length(key) BETWEEN 1 AND 400")
                t.column("failures", .integer).notNull().check(sql: "failures >= 0")
                t.column("lastFailureAt", .double).notNull()
                t.column("nextAllowedAt", .double).notNull()
                t.column("refused", .integer).notNull().defaults(to: 0).check(sql: "refused >= 0")
                t.column("refusedReportedAt", .double)
            }
            try db.create(index: "signInThrottle_lastFailureAt", on: "signInThrottle", columns: ["lastFailureAt"])
        }
        migrator.registerMigration("v8-plan", migrate: migratePlan)
        migrator.registerMigration("v9-participation", migrate: migrateParticipation)
        migrator.registerMigration("v10-poll-tallies", migrate: migratePollTallies)
        migrator.registerMigration("v11-job-leases") { db in
            // Who runs a scheduled job now (a harvest, a feed's poll, compaction, an analysis run): several servers on
            // one database each try to take the lease, one gets it; a lease not renewed before `expiresAt` is free again.
            try db.create(table: "jobLease") { t in
                t.primaryKey("name", .text).check(sql: "length(name) BETWEEN 1 AND 200")
                t.column("holder", .text).notNull().check(sql: "length(holder) > 0")
                t.column("expiresAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v12-user-city") { db in
            // A province serves several cities: an account may belong to one of them (a 10-digit 시군구 code) and
            // then sees that city's pages; without one it sees them all.
            try db.alter(table: "user") { t in
                t.add(column: "city", .text).check(sql: "city IS NULL OR (length(city) = 10 AND city NOT GLOB '*[^0-9]*')")
            }
        }
        return migrator
    }
}
