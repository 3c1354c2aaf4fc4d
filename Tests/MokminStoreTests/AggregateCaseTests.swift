import Foundation
import MokminBase
import MokminCore
import MokminStore
import MokminTestSupport
import Testing

/// Aggregates over a second hand-made version of 12 rows, whose answers are worked out by hand below: the cases
/// ``AggregateTests`` leaves out (date ties broken by a date-time, empty and missing values, a date range as
/// latest's date, every filter on both date types, group columns inside periods) and the benchmark's SQL.
@Suite struct AggregateCaseTests {
    static let columns = [
        DatasetColumn(label: "일자", sqlName: "c1", type: .date, nullCount: 1),
        DatasetColumn(label: "구분", sqlName: "c2", type: .text, nullCount: 1),
        DatasetColumn(label: "값", sqlName: "c3", type: .integer, nullCount: 2),
        DatasetColumn(label: "누계", sqlName: "c4", type: .integer, nullCount: 0),
        DatasetColumn(label: "시각", sqlName: "c5", type: .dateTime, nullCount: 1),
    ]

    /// Row (as stored, `_row` 1…12): 일자, 구분, 값, 누계, 시각, and the 읍면동 code the import derived.
    /// - Two quarters: April–June (rows 1–6), July–September (rows 7–11); row 9 is stored after row 8 but is older.
    /// - Date ties: rows 4 and 5 (May 15; by 시각 row 4 is later), rows 10 and 11 (Sep 30; by 시각 row 10 is later).
    /// - Row 12 has no date (a total line, say); row 6 has an empty 구분 and row 10 none; 값 is missing in rows 3 and 11.
    /// - Regions: 세종 (36110…) in 3611025000, 3611025300 and 3611011000; 대전 (30200…) in 3020011000; none for 6 and 10.
    static let rows: [(String?, String?, Int64?, Int64, String?, String?)] = [
        ("2020-04-03", "가", 10, 100, "2020-04-03T09:00:00", "3611025000"),
        ("2020-04-20", "나", 5, 105, "2020-04-20T09:00:00", "3611025000"),
        ("2020-05-02", "가", nil, 105, "2020-05-02T09:00:00", "3611011000"),
        ("2020-05-15", "나", 7, 112, "2020-05-15T18:00:00", "3020011000"),
        ("2020-05-15", "가", 3, 115, "2020-05-15T07:00:00", "3611025300"),
        ("2020-06-30", "", 8, 123, "2020-06-30T09:00:00", nil),
        ("2020-07-01", "가", 4, 127, "2020-07-01T09:00:00", "3611011000"),
        ("2020-08-31", "다", 6, 133, "2020-08-31T09:00:00", "3611025000"),
        ("2020-07-10", "나", 2, 135, "2020-07-10T09:00:00", "3020011000"),
        ("2020-09-30", nil, 1, 136, "2020-09-30T10:00:00", nil),
        ("2020-09-30", "다", nil, 140, "2020-09-30T09:00:00", "3611025300"),
        (nil, "가", 9, 99, nil, "3611025000"),
    ]

    /// A fresh database holding the 12 rows as version 1 of `meters`.
    /// The rows published as version 1 into `repo` (on either store).
    static func version(_ repo: any DatasetRepository) async throws -> (any DatasetRepository, DatasetVersion) {
        let version = try await repo.publish(
            DatasetMetadata(slug: "meters", title: "원격검침 설치 실적", organization: "스마트도시과", license: .kogl1, visibility: .public),
            version: NewDatasetVersion(
                fileName: "meters.csv", format: "csv", encoding: "utf8", columns: columns, report: "{}", createdBy: "analyst1"),
            audit: AuditEvent(actor: "analyst1", action: "dataset.publish")
        ) { writer in
            for (i, r) in Self.rows.enumerated() {
                let values: [TypedValue] = [
                    r.0.map(TypedValue.date) ?? .null, r.1.map(TypedValue.text) ?? .null, r.2.map(TypedValue.integer) ?? .null, .integer(r.3),
                    r.4.map(TypedValue.dateTime) ?? .null,
                ]
                try writer.append(values, line: i + 2, region: r.5, geometry: nil)
            }
            return nil
        }
        return (repo, version)
    }

    typealias Query = AggregateQuery
    /// Every function, in this order.
    static let allMeasures: [AggregateQuery.Measure] = [
        .init(.count), .init(.sum, column: "값"), .init(.mean, column: "값"), .init(.min, column: "값"), .init(.max, column: "값"),
        .init(.distinctCount, column: "구분"), .init(.latest, column: "누계"), .init(.count, column: "값"),
    ]

    @Test(arguments: StoreKind.available) func everyFunctionByMonth(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let (repo, version) = try await Self.version(store.datasets)
            let result = try await repo.aggregate(Query(measures: Self.allMeasures, period: .init(column: "일자", unit: .month)), of: version)
            #expect(result.matchedRows == 11)  // row 12 has no date: in no month, not counted
            #expect(result.rows.map(\.period) == ["2020-04", "2020-05", "2020-06", "2020-07", "2020-08", "2020-09"])
            #expect(result.rows.allSatisfy { $0.keys.isEmpty })
            #expect(
                result.rows.map(\.values) == [
                    // count, sum, mean (a real mean of integers), min, max, distinct 구분, latest 누계, count of 값
                    [2, 15, 7.5, 5, 10, 2, 105, 2],
                    [3, 10, 5, 3, 7, 2, 115, 2],  // 값 NULL in row 3; latest: rows 4 and 5 share May 15, row 5 stored last
                    [1, 8, 8, 8, 8, 0, 123, 1],  // the empty 구분 is not a value
                    [2, 6, 3, 2, 4, 2, 135, 2],  // latest: row 9, Jul 10
                    [1, 6, 6, 6, 6, 1, 133, 1],
                    [2, 1, 1, 1, 1, 1, 140, 1],  // 구분 NULL in row 10; latest: tie on Sep 30, row 11 stored last
                ])
        }
    }

    @Test(arguments: StoreKind.available) func everyFunctionByQuarterAndYear(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let (repo, version) = try await Self.version(store.datasets)
            let quarters = try await repo.aggregate(Query(measures: Self.allMeasures, period: .init(column: "일자", unit: .quarter)), of: version)
            #expect(quarters.matchedRows == 11)
            #expect(quarters.rows.map(\.period) == ["2020Q2", "2020Q3"])
            #expect(quarters.rows.map(\.values) == [[6, 33, 6.6, 3, 10, 2, 123, 5], [5, 13, 3.25, 1, 6, 3, 140, 4]])
            let years = try await repo.aggregate(Query(measures: Self.allMeasures, period: .init(column: "일자", unit: .year)), of: version)
            #expect(years.rows.map(\.period) == ["2020"])
            #expect(years.rows.map(\.values) == [[11, 46, 46.0 / 9, 1, 10, 3, 140, 9]])
        }
    }

    @Test(arguments: StoreKind.available) func withoutGroupingOneRowAndLatestIsTheLastStoredRow(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let (repo, version) = try await Self.version(store.datasets)
            let all = try await repo.aggregate(Query(measures: Self.allMeasures), of: version)
            #expect(all.matchedRows == 12)
            // No date column in the query: latest is row 12, stored last, though it has no date.
            #expect(all.rows == [AggregateResult.Row(period: nil, keys: [], values: [12, 55, 5.5, 1, 10, 3, 99, 10])])
            // A date range brings a date column: latest is then by date (Sep 30, row 11 of the tie), and row 12 is out.
            let dated = try await repo.aggregate(
                Query(measures: Self.allMeasures, filters: [.dateRange(column: "일자", from: nil, to: nil)]), of: version)
            #expect(dated.matchedRows == 11)
            #expect(dated.rows.map(\.values) == [[11, 46, 46.0 / 9, 1, 10, 3, 140, 9]])
        }
    }

    @Test(arguments: StoreKind.available) func latestByADateTimeColumnBreaksTheDayTies(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let (repo, version) = try await Self.version(store.datasets)
            let result = try await repo.aggregate(
                Query(measures: [.init(.latest, column: "누계"), .init(.max, column: "값")], period: .init(column: "시각", unit: .month)), of: version)
            #expect(result.rows.map(\.period) == ["2020-04", "2020-05", "2020-06", "2020-07", "2020-08", "2020-09"])
            // May: row 4 at 18:00 is later than row 5 at 07:00; September: row 10 at 10:00 is later than row 11 at 09:00. A
            // max measure in the same query does not disturb the pick.
            #expect(result.rows.map { $0.values[0] } == [105, 112, 123, 135, 133, 136])
            #expect(result.rows.map { $0.values[1] } == [10, 7, 8, 4, 6, 1])
        }
    }

    @Test(arguments: StoreKind.available) func equalsFiltersCompareAsTheColumnsType(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let (repo, version) = try await Self.version(store.datasets)
            let ga = try await repo.aggregate(
                Query(
                    measures: [.init(.count), .init(.sum, column: "값")], filters: [.equals(column: "구분", value: "가")],
                    period: .init(column: "일자", unit: .month)),
                of: version)
            #expect(ga.matchedRows == 4)  // rows 1, 3, 5 and 7 (the undated row 12 is in no month)
            #expect(ga.rows.map(\.period) == ["2020-04", "2020-05", "2020-07"])
            #expect(ga.rows.map(\.values) == [[1, 10], [2, 3], [1, 4]])
            for value in ["7", "7.0", " 7"] {
                let seven = try await repo.aggregate(
                    Query(measures: [.init(.latest, column: "누계")], filters: [.equals(column: "값", value: value)]), of: version)
                #expect(seven.matchedRows == 1 && seven.rows.first?.values == [112], "\(value)")
            }
            // A value the column cannot hold matches nothing: no row, also without grouping.
            let none = try await repo.aggregate(
                Query(
                    measures: [.init(.count), .init(.sum, column: "값"), .init(.latest, column: "누계")], filters: [.equals(column: "값", value: "칠")]),
                of: version)
            #expect(none.matchedRows == 0)
            #expect(none.rows.isEmpty)
            let noneByMonth = try await repo.aggregate(
                Query(measures: [.init(.count)], filters: [.equals(column: "구분", value: "라")], period: .init(column: "일자", unit: .month)), of: version
            )
            #expect(noneByMonth == AggregateResult(rows: [], matchedRows: 0))
            // Values are bound, never spliced into the SQL.
            let hostile = try await repo.aggregate(
                Query(measures: [.init(.count)], filters: [.equals(column: "구분", value: "가' OR '1'='1")]), of: version)
            #expect(hostile.matchedRows == 0)
        }
    }

    @Test(arguments: StoreKind.available) func regionFiltersTakeTheAreaAndItsDongs(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let (repo, version) = try await Self.version(store.datasets)
            func count(_ code: String) async throws -> Int {
                try await repo.aggregate(Query(measures: [.init(.count)], filters: [.region(code: code)]), of: version).matchedRows
            }
            #expect(try await count("3611025000") == 4)  // rows 1, 2, 8, 12: the 읍면동 itself
            #expect(try await count("3611025") == 6)  // and 3611025300 (rows 5, 11)
            #expect(try await count("36110") == 8)  // 세종시: every 36110… row
            #expect(try await count("3611000000") == 8)  // the same 시군구 written with ten digits
            #expect(try await count("36") == 8)
            #expect(try await count("3600000000") == 8)
            #expect(try await count("30") == 2)  // 대전: rows 4 and 9
            #expect(try await count("3611025001") == 0)
            #expect(try await count("11") == 0)
            let sejong = try await repo.aggregate(
                Query(
                    measures: [.init(.sum, column: "값"), .init(.latest, column: "누계")], filters: [.region(code: "36110")],
                    period: .init(column: "일자", unit: .quarter)),
                of: version)
            // Q2: rows 1, 2, 3, 5 (값 10 + 5 + 3; latest May 15, row 5); Q3: rows 7, 8, 11 (4 + 6; latest Sep 30, row 11).
            #expect(sejong.rows.map(\.period) == ["2020Q2", "2020Q3"])
            #expect(sejong.rows.map(\.values) == [[18, 115], [10, 140]])
        }
    }

    @Test(arguments: StoreKind.available) func dateRangesAreInclusiveDaysForDatesAndDateTimes(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let (repo, version) = try await Self.version(store.datasets)
            let spring = try await repo.aggregate(
                Query(
                    measures: [.init(.count), .init(.sum, column: "값"), .init(.latest, column: "누계")],
                    filters: [.dateRange(column: "일자", from: "2020-05-15", to: "2020-07-09")]),
                of: version)
            // Rows 4, 5 (May 15), 6 and 7 (Jul 1); row 9 (Jul 10) is a day too late. Latest by date: row 7.
            #expect(spring.matchedRows == 4)
            #expect(spring.rows.map(\.values) == [[4, 22, 127]])
            // On a date-time column the last day is whole: 07:00 and 18:00 on May 15.
            let oneDay = try await repo.aggregate(
                Query(measures: [.init(.count)], filters: [.dateRange(column: "시각", from: "2020-05-15", to: "2020-05-15")]), of: version)
            #expect(oneDay.matchedRows == 2)
            let openStart = try await repo.aggregate(
                Query(measures: [.init(.count)], filters: [.dateRange(column: "일자", from: nil, to: "2020-04-30")]), of: version)
            #expect(openStart.matchedRows == 2)  // the undated row is in no range
            let openEnd = try await repo.aggregate(
                Query(measures: [.init(.count)], filters: [.dateRange(column: "시각", from: "2020-09-30", to: nil)]), of: version)
            #expect(openEnd.matchedRows == 2)
        }
    }

    @Test(arguments: StoreKind.available) func groupByColumnsWithinPeriods(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let (repo, version) = try await Self.version(store.datasets)
            let byKind = try await repo.aggregate(
                Query(measures: [.init(.count), .init(.sum, column: "값"), .init(.latest, column: "누계")], groupBy: ["구분"]), of: version)
            // Empty and missing 구분 (rows 6 and 10) are one group, first; latest by stored order within each group.
            #expect(byKind.rows.map(\.keys) == [[nil], ["가"], ["나"], ["다"]])
            #expect(byKind.rows.map(\.values) == [[2, 9, 136], [5, 26, 99], [3, 14, 135], [2, 6, 140]])
            #expect(byKind.matchedRows == 12)
            let both = try await repo.aggregate(
                Query(measures: [.init(.count), .init(.latest, column: "누계")], period: .init(column: "일자", unit: .quarter), groupBy: ["구분"]),
                of: version)
            #expect(
                both.rows.map { [$0.period] + $0.keys } == [
                    ["2020Q2", nil], ["2020Q2", "가"], ["2020Q2", "나"], ["2020Q3", nil], ["2020Q3", "가"], ["2020Q3", "나"], ["2020Q3", "다"],
                ])
            // Q2 가: rows 1, 3, 5 (latest May 15, row 5); Q2 나: rows 2, 4 (May 15, row 4); Q3 다: rows 8, 11 (Sep 30).
            #expect(both.rows.map(\.values) == [[1, 123], [3, 115], [2, 112], [1, 136], [1, 127], [1, 135], [2, 140]])
            #expect(both.matchedRows == 11)
            // A number column groups by its values, written as text.
            let byValue = try await repo.aggregate(
                Query(measures: [.init(.count)], filters: [.region(code: "30")], groupBy: ["값", "일자"]), of: version)
            #expect(byValue.rows.map(\.keys) == [["2", "2020-07-10"], ["7", "2020-05-15"]])
        }
    }

    @Test(arguments: StoreKind.available) func badQueriesAreRefusedWithTheColumnNamed(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let (repo, version) = try await Self.version(store.datasets)
            let cases: [(Query, String)] = [
                (Query(measures: [.init(.sum, column: "구분")]), "'구분'"),
                (Query(measures: [.init(.count, column: "없는열")]), "'없는열'"),
                (Query(measures: [.init(.count)], period: .init(column: "누계", unit: .month)), "'누계'"),
                (Query(measures: [.init(.mean)]), "mean"),
                (Query(measures: []), "measures"),
                (Query(measures: [.init(.count)], filters: [.region(code: "3")]), "'3'"),
                (Query(measures: [.init(.count)], filters: [.dateRange(column: "일자", from: "2020-02-30", to: nil)]), "'2020-02-30'"),
            ]
            for (query, word) in cases {
                await #expect {
                    _ = try await repo.aggregate(query, of: version)
                } throws: { error in
                    guard let error = error as? MokminError else { return false }
                    return error.kind == .invalidInput && error.message.ko.contains(word) && error.message.en.contains(word)
                }
            }
        }
    }

    /// `Benchmarks/aggregate.sh` runs this file in the sqlite3 shell as the SQL Mokmin runs for its query: the test
    /// keeps the two the same.
    @Test func theBenchmarkRunsTheStatementMokminBuilds() throws {
        let columns = [
            DatasetColumn(label: "일자", sqlName: "c1", type: .date, nullCount: 0),
            DatasetColumn(label: "구분", sqlName: "c2", type: .text, nullCount: 0),
            DatasetColumn(label: "값", sqlName: "c3", type: .decimal, nullCount: 0),
            DatasetColumn(label: "건수", sqlName: "c4", type: .integer, nullCount: 0),
        ]
        let version = DatasetVersion(
            id: 1, datasetID: 1, number: 1, tableName: "ds_1_v1", fileName: "aggregate.csv", format: "csv", encoding: "utf8", rowCount: 1_000_000,
            columns: columns, report: "{}", profile: [], createdAt: Date())
        let query = Query(
            measures: [
                .init(.sum, column: "값"), .init(.mean, column: "값"), .init(.count), .init(.distinctCount, column: "구분"), .init(.latest, column: "건수"),
            ],
            period: .init(column: "일자", unit: .month))
        let statement = try AggregateStatement(query, of: version)
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Benchmarks/aggregate.sql")
        let saved = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(saved == statement.sql + ";")
        #expect(statement.arguments.isEmpty)  // nothing to bind: the file runs as it is
    }
}
