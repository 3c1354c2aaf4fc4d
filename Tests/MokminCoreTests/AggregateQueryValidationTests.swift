import MokminBase
import MokminCore
import Testing

@Suite struct AggregateQueryValidationTests {
    static let columns = [
        DatasetColumn(label: "일자", sqlName: "c1", type: .date, nullCount: 0),
        DatasetColumn(label: "구분", sqlName: "c2", type: .text, nullCount: 0),
        DatasetColumn(label: "값", sqlName: "c3", type: .integer, nullCount: 0),
        DatasetColumn(label: "비율", sqlName: "c4", type: .decimal, nullCount: 0),
        DatasetColumn(label: "시각", sqlName: "c5", type: .dateTime, nullCount: 0),
        DatasetColumn(label: "정상", sqlName: "c6", type: .boolean, nullCount: 0),
        DatasetColumn(label: "행정동코드", sqlName: "c7", type: .regionCode, nullCount: 0),
    ]

    typealias Query = AggregateQuery

    @Test func everyFunctionOnAColumnItTakes() throws {
        let query = Query(
            measures: [
                .init(.count), .init(.count, column: "구분"), .init(.sum, column: "값"), .init(.mean, column: "비율"),
                .init(.min, column: "값"), .init(.max, column: "비율"), .init(.distinctCount, column: "구분"), .init(.latest, column: "구분"),
            ],
            filters: [
                .equals(column: "구분", value: "가"), .region(code: "36"), .region(code: "3611025000"),
                .dateRange(column: "일자", from: "2020-02-29", to: "2020-02-29"), .dateRange(column: "시각", from: nil, to: "2021-12-31"),
                .dateRange(column: "일자", from: nil, to: nil),
            ],
            period: .init(column: "시각", unit: .quarter), groupBy: ["구분", "정상", "행정동코드"])
        try query.validate(columns: Self.columns)
        try Query(measures: [.init(.latest, column: "정상")], period: .init(column: "일자", unit: .month)).validate(columns: Self.columns)
    }

    static let eight = Array(repeating: AggregateQuery.Measure(.count), count: AggregateQuery.maxParts)

    /// Each bad query, with words its error must hold in both languages (the column, the value, or the part).
    static let invalidQueries: [(Query, [String])] = [
        (Query(measures: []), ["measures"]),
        (Query(measures: eight + [.init(.count)]), ["measures", "8", "9"]),
        (Query(measures: [.init(.count)], filters: Array(repeating: .region(code: "36"), count: 9)), ["filters", "8", "9"]),
        (Query(measures: [.init(.count)], groupBy: Array(repeating: "구분", count: 9)), ["groupBy", "8", "9"]),
        (Query(measures: [.init(.sum, column: "없는열")]), ["'없는열'", "일자, 구분"]),
        (Query(measures: [.init(.count, column: "없는열")]), ["'없는열'"]),
        (Query(measures: [.init(.sum, column: "구분")]), ["sum", "'구분'"]),
        (Query(measures: [.init(.mean, column: "일자")]), ["mean", "'일자'"]),
        (Query(measures: [.init(.min, column: "정상")]), ["min", "'정상'"]),
        (Query(measures: [.init(.max, column: "행정동코드")]), ["max", "'행정동코드'"]),
        (Query(measures: [.init(.sum)]), ["sum"]),
        (Query(measures: [.init(.mean)]), ["mean"]),
        (Query(measures: [.init(.distinctCount)]), ["distinct_count"]),
        (Query(measures: [.init(.latest)]), ["latest"]),
        (Query(measures: [.init(.count)], period: .init(column: "구분", unit: .month)), ["'구분'"]),
        (Query(measures: [.init(.count)], period: .init(column: "없는열", unit: .year)), ["'없는열'"]),
        (Query(measures: [.init(.count)], groupBy: ["구분", "없는열"]), ["'없는열'"]),
        (Query(measures: [.init(.count)], filters: [.equals(column: "없는열", value: "1")]), ["'없는열'"]),
        (Query(measures: [.init(.count)], filters: [.region(code: "3")]), ["'3'", "2"]),
        (Query(measures: [.init(.count)], filters: [.region(code: "36110250001")]), ["'36110250001'"]),
        (Query(measures: [.init(.count)], filters: [.region(code: "3611O")]), ["'3611O'"]),
        (Query(measures: [.init(.count)], filters: [.region(code: "")]), ["''"]),
        (Query(measures: [.init(.count)], filters: [.region(code: "３６")]), ["'３６'"]),  // full-width digits
        (Query(measures: [.init(.count)], filters: [.dateRange(column: "값", from: "2020-01-01", to: nil)]), ["'값'"]),
        (Query(measures: [.init(.count)], filters: [.dateRange(column: "일자", from: "2020-5-1", to: nil)]), ["'일자'", "'2020-5-1'", "from"]),
        (Query(measures: [.init(.count)], filters: [.dateRange(column: "일자", from: nil, to: "20200501")]), ["'20200501'", "to"]),
        (Query(measures: [.init(.count)], filters: [.dateRange(column: "일자", from: nil, to: "2021-02-29")]), ["'2021-02-29'"]),
        (Query(measures: [.init(.count)], filters: [.dateRange(column: "시각", from: "2020-05-01T00:00:00", to: nil)]), ["'시각'"]),
        (
            Query(measures: [.init(.count)], filters: [.dateRange(column: "일자", from: "2020-06-01", to: "2020-05-31")]),
            ["'일자'", "2020-06-01", "2020-05-31"]
        ),
    ]

    @Test(arguments: invalidQueries)
    func invalidQueriesSayWhatAndWhere(query: Query, words: [String]) {
        #expect {
            try query.validate(columns: Self.columns)
        } throws: { error in
            guard let error = error as? MokminError, error.kind == .invalidInput else { return false }
            let hangul = error.message.ko.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
            return hangul && words.allSatisfy { error.message.ko.contains($0) && error.message.en.contains($0) }
        }
    }

    @Test func regionPrefixesOfShortAndAreaCodes() {
        #expect(AggregateFilter.regionPrefix("36") == "36")
        #expect(AggregateFilter.regionPrefix("36110") == "36110")
        #expect(AggregateFilter.regionPrefix("36110250") == "36110250")
        #expect(AggregateFilter.regionPrefix("3600000000") == "36")  // a 시도 written with ten digits
        #expect(AggregateFilter.regionPrefix("3611000000") == "36110")  // a 시군구
        #expect(AggregateFilter.regionPrefix("3611025000") == "3611025000")  // a 읍면동
    }

    @Test func theDayAfterCrossesMonthsAndLeapDays() {
        #expect(AggregateFilter.dayAfter("2020-02-28") == "2020-02-29")
        #expect(AggregateFilter.dayAfter("2020-02-29") == "2020-03-01")
        #expect(AggregateFilter.dayAfter("2021-02-28") == "2021-03-01")
        #expect(AggregateFilter.dayAfter("2020-12-31") == "2021-01-01")
        #expect(AggregateFilter.dayAfter("2021-02-29") == nil)
        #expect(AggregateFilter.dayAfter("2020/12/31") == nil)
    }
}
