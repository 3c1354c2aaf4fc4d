import Foundation
import MokminBase
import MokminCore
import MokminStore
import MokminTestSupport
import Testing

/// The aggregation engine (plan indicators, dashboards) on a 12-row table whose every answer is computed by hand.
@Suite struct AggregateTests {
    static let columns = [
        DatasetColumn(label: "날짜", sqlName: "c1", type: .date, nullCount: 1),
        DatasetColumn(label: "노선", sqlName: "c2", type: .text, nullCount: 0),
        DatasetColumn(label: "이용객", sqlName: "c3", type: .integer, nullCount: 1),
        DatasetColumn(label: "누계", sqlName: "c4", type: .integer, nullCount: 0),
    ]

    /// (date, route, riders, running total, 읍면동).
    static let rows: [(String?, String, Int64?, Int64, String?)] = [
        ("2020-01-05", "A", 10, 10, "3611025000"), ("2020-01-20", "B", 20, 30, "3611031000"), ("2020-01-20", "A", 5, 35, "3611025000"),
        ("2020-02-03", "A", 30, 65, "3611025000"), ("2020-02-28", "B", nil, 65, "3611031000"), ("2020-03-15", "B", 40, 105, "3611031000"),
        ("2020-04-01", "A", 50, 155, "3611025000"), ("2020-05-10", "A", 60, 215, "3611025000"), ("2020-05-10", "B", 70, 285, "3611031000"),
        ("2020-06-30", "B", 80, 365, "3611031000"), (nil, "A", 100, 465, nil), ("2021-01-02", "A", 1, 466, "3611025000"),
    ]

    /// The rows published as version 1 into `repo` (on either store).
    static func version(_ repo: any DatasetRepository) async throws -> (any DatasetRepository, DatasetVersion) {
        let version = try await repo.publish(
            DatasetMetadata(slug: "rides", title: "이용객"),
            version: NewDatasetVersion(fileName: "rides.csv", format: "csv", encoding: "utf8", columns: columns, report: "{}", createdBy: nil),
            audit: AuditEvent(actor: nil, action: "dataset.publish")
        ) { writer in
            for (i, row) in rows.enumerated() {
                try writer.append(
                    [row.0.map(TypedValue.date) ?? .null, .text(row.1), row.2.map(TypedValue.integer) ?? .null, .integer(row.3)], line: i + 2,
                    region: row.4,
                    geometry: nil)
            }
            return nil
        }
        return (repo, version)
    }

    func q(_ measures: [AggregateQuery.Measure], _ unit: PeriodUnit? = nil, filters: [AggregateFilter] = [], groupBy: [String] = []) -> AggregateQuery
    {
        AggregateQuery(measures: measures, filters: filters, period: unit.map { .init(column: "날짜", unit: $0) }, groupBy: groupBy)
    }

    @Test(arguments: StoreKind.available) func everyFunctionByMonthQuarterAndYear(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let (repo, version) = try await Self.version(store.datasets)
            let monthly = try await repo.aggregate(
                q(
                    [
                        .init(.sum, column: "이용객"), .init(.count), .init(.mean, column: "이용객"), .init(.distinctCount, column: "노선"),
                        .init(.latest, column: "누계"),
                    ], .month),
                of: version)
            #expect(monthly.rows.map(\.period) == ["2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06", "2021-01"])
            // January: 10 + 20 + 5 = 35 riders in 3 rows, mean 35/3, routes A and B, the latest row (2020-01-20, stored last) has 35.
            #expect(
                monthly.rows[0].values[0] == 35 && monthly.rows[0].values[1] == 3 && monthly.rows[0].values[3] == 2 && monthly.rows[0].values[4] == 35
            )
            #expect(abs(monthly.rows[0].values[2]! - 35.0 / 3) < 1e-12)
            // February: one rider count is empty: sum 30, 2 rows, mean 30 (over the one value), the latest total 65.
            #expect(monthly.rows[1].values == [30, 2, 30, 2, 65])
            // The undated row is left out of every period; the rest are counted.
            #expect(monthly.matchedRows == 11)

            let quarterly = try await repo.aggregate(
                q([.init(.sum, column: "이용객"), .init(.max, column: "이용객"), .init(.latest, column: "누계")], .quarter), of: version)
            #expect(quarterly.rows.map(\.period) == ["2020Q1", "2020Q2", "2021Q1"])
            #expect(quarterly.rows.map(\.values) == [[105, 40, 105], [260, 80, 365], [1, 1, 466]])
            // `latest` alone reads its row in the same pass: ties on a date go to the row stored last.
            let latestAlone = try await repo.aggregate(q([.init(.latest, column: "누계"), .init(.latest, column: "이용객")], .month), of: version)
            #expect(latestAlone.rows.map(\.values) == [[35, 5], [65, nil], [105, 40], [155, 50], [285, 70], [365, 80], [466, 1]])
            #expect(latestAlone.matchedRows == 11)
            let yearly = try await repo.aggregate(q([.init(.min, column: "이용객")], .year), of: version)
            #expect(yearly.rows.map(\.period) == ["2020", "2021"] && yearly.rows.map(\.values) == [[5], [1]])
        }
    }

    @Test(arguments: StoreKind.available) func filtersAndGroups(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let (repo, version) = try await Self.version(store.datasets)
            let routeA = try await repo.aggregate(
                q([.init(.sum, column: "이용객")], .quarter, filters: [.equals(column: "노선", value: "A")]), of: version)
            #expect(routeA.rows.map(\.values) == [[45], [110], [1]])
            let region = try await repo.aggregate(q([.init(.count)], filters: [.region(code: "3611031000")]), of: version)
            #expect(region.rows.map(\.values) == [[5]] && region.matchedRows == 5)
            let sgg = try await repo.aggregate(q([.init(.count)], filters: [.region(code: "36110")]), of: version)
            #expect(sgg.rows.first?.values == [11])
            let sggTenDigits = try await repo.aggregate(q([.init(.count)], filters: [.region(code: "3611000000")]), of: version)
            #expect(sggTenDigits.rows.first?.values == [11])
            let range = try await repo.aggregate(
                q([.init(.sum, column: "이용객")], filters: [.dateRange(column: "날짜", from: "2020-02-01", to: "2020-05-10")]), of: version)
            #expect(range.rows.first?.values == [250])
            let grouped = try await repo.aggregate(q([.init(.sum, column: "이용객")], .year, groupBy: ["노선"]), of: version)
            #expect(grouped.rows.map { "\($0.period!) \($0.keys[0]!) \(Int($0.values[0]!))" } == ["2020 A 155", "2020 B 210", "2021 A 1"])
            // Without a date column, latest is the last stored row.
            #expect(try await repo.aggregate(q([.init(.latest, column: "누계")]), of: version).rows.first?.values == [466])
            // Nothing matches: no rows, and an integer filter on text never matches.
            #expect(try await repo.aggregate(q([.init(.count)], filters: [.equals(column: "노선", value: "Z")]), of: version).rows.isEmpty)
            #expect(try await repo.aggregate(q([.init(.count)], filters: [.equals(column: "이용객", value: "열")]), of: version).matchedRows == 0)
        }
    }

    @Test(arguments: StoreKind.available) func badQueriesNameTheColumnAndTheProblem(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let (repo, version) = try await Self.version(store.datasets)
            let cases: [(AggregateQuery, String)] = [
                (q([.init(.sum, column: "없는열")]), "없는열"),
                (q([.init(.sum, column: "노선")]), "숫자가 아니어서"),
                (q([.init(.mean)]), "열이 필요합니다"),
                (AggregateQuery(measures: [.init(.count)], period: .init(column: "노선", unit: .month)), "날짜가 아닙니다"),
                (q([]), "집계할 값(measures)이 없습니다"),
                (q([.init(.count)], filters: [.region(code: "36x")]), "2–10자리"),
                (q([.init(.count)], filters: [.dateRange(column: "날짜", from: "2020-13-01", to: nil)]), "YYYY-MM-DD"),
                (q(Array(repeating: .init(.count), count: 9)), "8개까지"),
            ]
            for (query, words) in cases {
                do {
                    _ = try await repo.aggregate(query, of: version)
                    Issue.record("accepted: \(query)")
                } catch let error as MokminError {
                    #expect(error.kind == .invalidInput && error.message.ko.contains(words), "\(error.message)")
                }
            }
        }
    }
}
