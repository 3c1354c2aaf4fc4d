import Foundation
import MokminCore
import Testing

@Suite struct ColumnProfileBuilderTests {
    /// Profiles of one column fed `values`, binned with `range`.
    static func profile(
        _ type: ColumnType, _ values: [TypedValue], range: ClosedRange<Double>? = nil, limit: Int = 65_536
    ) -> (profile: ColumnProfile, needsPass: Bool) {
        var builder = ColumnProfileBuilder(columns: [(label: "c", type: type)], histogramRanges: [range], exactDistinctLimit: limit)
        for value in values { builder.add(value, column: 0) }
        return (builder.profiles()[0], !builder.columnsNeedingHistogramPass.isEmpty)
    }

    @Test func integersOnePerBin() {
        let (p, needsPass) = Self.profile(.integer, (0...11).map { .integer(Int64($0)) } + [.null], range: 0...11)
        #expect(!needsPass)
        #expect(p.nonNullCount == 12 && p.distinctCount == 12 && !p.estimated)
        #expect(p.minimum == "0" && p.maximum == "11" && p.mean == 5.5)
        #expect(p.histogram == Array(repeating: 1, count: 12))
        #expect(p.topValues.isEmpty)
    }

    @Test func equalValuesFallInTheFirstBin() {
        let (p, needsPass) = Self.profile(.integer, Array(repeating: .integer(7), count: 3), range: 7...7)
        #expect(!needsPass)
        #expect(p.nonNullCount == 3 && p.distinctCount == 1)
        #expect(p.minimum == "7" && p.maximum == "7" && p.mean == 7)
        #expect(p.histogram == [3] + Array(repeating: 0, count: 11))
    }

    @Test func decimalsAreFormattedWithAtMostFourDecimals() {
        let (p, _) = Self.profile(.decimal, [.decimal(2.5), .decimal(3.0), .decimal(1.23456)], range: 1.23456...3)
        #expect(p.minimum == "1.2346" && p.maximum == "3")
        #expect(p.mean == (2.5 + 3.0 + 1.23456) / 3)
        #expect(p.histogram.reduce(0, +) == 3 && p.histogram.first == 1 && p.histogram.last == 1)
        #expect(ColumnProfileBuilder.decimalText(2.5) == "2.5")
        #expect(ColumnProfileBuilder.decimalText(3.0) == "3")
        #expect(ColumnProfileBuilder.decimalText(-2.10) == "-2.1")
        #expect(ColumnProfileBuilder.decimalText(100.00001) == "100")
        #expect(ColumnProfileBuilder.decimalText(-0.00001) == "-0")
        #expect(ColumnProfileBuilder.decimalText(1e15) == "1000000000000000")
        #expect(ColumnProfileBuilder.decimalText(127.123) == "127.123")
    }

    @Test func fiveAndFivePointZeroAndSignedZerosAreOneValueEach() {
        let (decimals, _) = Self.profile(.decimal, [.integer(5), .decimal(5.0), .decimal(-0.0), .decimal(0.0), .decimal(.nan)])
        #expect(decimals.nonNullCount == 4 && decimals.distinctCount == 2)
        #expect(decimals.minimum == "0" && decimals.maximum == "5")
        let (integers, _) = Self.profile(.integer, [.integer(5), .decimal(5.0), .integer(0), .decimal(-0.0)])
        #expect(integers.distinctCount == 2)
        #expect(DistinctCounter.hash(Int64(5)) == DistinctCounter.hash(5.0))
        // Beyond 2^53 an integer is not the Double it rounds to.
        #expect(DistinctCounter.hash(Int64.max) != DistinctCounter.hash(Double(Int64.max)))
    }

    @Test func textTopValuesBreakTiesByBytes() {
        let words = ["b", "a", "b", "c", "a", "가", "b", "a", "c", "d", "e", "f"]
        let (p, _) = Self.profile(.text, words.map(TypedValue.text) + [.null])
        #expect(p.nonNullCount == 12 && p.distinctCount == 7)
        #expect(p.minimum == "a" && p.maximum == "가")
        #expect(p.topValues.map(\.value) == ["a", "b", "c", "d", "e"])
        #expect(p.topValues.map(\.count) == [3, 3, 2, 1, 1])
        #expect(p.mean == nil && p.histogram.isEmpty)
    }

    @Test func textIsComparedByItsBytes() {
        // "é" precomposed and decomposed are equal Swift strings but different stored texts.
        let (p, _) = Self.profile(.text, [.text("\u{E9}"), .text("e\u{301}"), .text("\u{E9}")])
        let bytes = { (text: String?) in text.map { Array($0.utf8) } }
        #expect(p.distinctCount == 2)
        #expect(p.topValues.map { bytes($0.value) } == [bytes("\u{E9}"), bytes("e\u{301}")])
        #expect(p.topValues.map(\.count) == [2, 1])
        #expect(bytes(p.minimum) == bytes("e\u{301}") && bytes(p.maximum) == bytes("\u{E9}"))
    }

    @Test func booleansHaveTopValuesButNoRange() {
        let (tie, _) = Self.profile(.boolean, [.boolean(true), .boolean(false), .boolean(true), .boolean(false), .null])
        #expect(tie.nonNullCount == 4 && tie.distinctCount == 2)
        #expect(tie.minimum == nil && tie.maximum == nil && tie.mean == nil && tie.histogram.isEmpty)
        #expect(tie.topValues == [.init(value: "false", count: 2), .init(value: "true", count: 2)])
        let (mostlyTrue, _) = Self.profile(.boolean, [.boolean(true), .boolean(false), .boolean(true)])
        #expect(mostlyTrue.topValues == [.init(value: "true", count: 2), .init(value: "false", count: 1)])
    }

    @Test func nullsOnly() {
        for type in ColumnType.allCases {
            let (p, needsPass) = Self.profile(type, [.null, .null], range: nil)
            #expect(!needsPass)
            #expect(p.nonNullCount == 0 && p.distinctCount == 0 && !p.estimated)
            #expect(p.minimum == nil && p.maximum == nil && p.mean == nil)
            #expect(p.histogram.isEmpty && p.topValues.isEmpty)
        }
    }

    @Test func datesSortAsText() {
        let (dates, _) = Self.profile(.date, ["2026-07-29", "2025-12-31", "2026-01-05", "2026-07-29"].map(TypedValue.date))
        #expect(dates.minimum == "2025-12-31" && dates.maximum == "2026-07-29")
        #expect(dates.topValues.first == ColumnProfile.ValueCount(value: "2026-07-29", count: 2))
        let times = ["2026-07-28T09:00:00", "2026-07-28T17:30:00", "2026-07-27T23:59:59"].map(TypedValue.dateTime)
        let (dateTimes, _) = Self.profile(.dateTime, times)
        #expect(dateTimes.minimum == "2026-07-27T23:59:59" && dateTimes.maximum == "2026-07-28T17:30:00")
        #expect(dateTimes.mean == nil && dateTimes.histogram.isEmpty)
    }

    @Test func valuesOutsideTheRangeAreBinnedInASecondPass() {
        let columns: [(label: String, type: ColumnType)] = [("wide", .integer), ("known", .integer), ("loose", .decimal)]
        var builder = ColumnProfileBuilder(columns: columns, histogramRanges: [0...12, 0...11, 0...100])
        let rows: [[TypedValue]] = (0...24).map { [.integer(Int64($0)), .integer(Int64($0 % 12)), .decimal(Double($0 % 12))] }
        for row in rows { builder.add(row: row) }
        // "wide" strays beyond its range; "loose" stays within a range wider than its values (0 to 11).
        #expect(builder.columnsNeedingHistogramPass == [0, 2])
        #expect(builder.profiles()[0].histogram.isEmpty)
        builder.prepareHistogramPass()
        #expect(builder.columnsNeedingHistogramPass == [0, 2])
        for row in rows {
            for (column, value) in row.enumerated() {
                if case .integer(let i) = value { builder.addHistogramValue(Double(i), column: column) }
                if case .decimal(let d) = value { builder.addHistogramValue(d, column: column) }
            }
        }
        let profiles = builder.profiles()
        // 0...24 in bins of width 2; 24 is clamped into the last bin.
        #expect(profiles[0].histogram == Array(repeating: 2, count: 11) + [3])
        #expect(profiles[0].minimum == "0" && profiles[0].maximum == "24" && profiles[0].mean == 12)
        // 0...11 in bins of width 11/12: one value per bin, 0 three times.
        #expect(profiles[1].histogram == [3] + Array(repeating: 2, count: 11))
        #expect(profiles[2].histogram == [3] + Array(repeating: 2, count: 11))
    }

    @Test func aColumnWithoutRangeNeedsTheSecondPass() {
        let values: [Double] = [1.5, -2.5, 9.5, 3.5]
        var builder = ColumnProfileBuilder(columns: [(label: "x", type: .longitude)], histogramRanges: [nil])
        for v in values { builder.add(.decimal(v), column: 0) }
        #expect(builder.columnsNeedingHistogramPass == [0])
        builder.prepareHistogramPass()
        for v in values { builder.addHistogramValue(v, column: 0) }
        let p = builder.profiles()[0]
        // Width (9.5 + 2.5) / 12 = 1.
        #expect(p.histogram == [1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1])
        #expect(p.minimum == "-2.5" && p.maximum == "9.5" && p.mean == 3)
    }

    @Test func manyDistinctValuesAreEstimatedInBoundedMemory() throws {
        let n = 300_000
        let columns: [(label: String, type: ColumnType)] = [("id", .integer), ("group", .integer), ("code", .text), ("kind", .text)]
        var builder = ColumnProfileBuilder(
            columns: columns, histogramRanges: [0...Double(n - 1), 0...49, nil, nil], exactDistinctLimit: 10_000)
        var row: [TypedValue] = []
        for i in 0..<n {
            row = [.integer(Int64(i)), .integer(Int64(i % 50)), .text("code-\(i)"), .text(i % 3 == 0 ? "common" : "rare-\(i)")]
            builder.add(row: row)
        }
        let p = builder.profiles()
        #expect(builder.columnsNeedingHistogramPass.isEmpty)
        for column in [0, 2, 3] {
            let expected = column == 3 ? 200_001 : n
            #expect(p[column].estimated)
            #expect(abs(Double(p[column].distinctCount - expected)) / Double(expected) < 0.02)
        }
        #expect(p[0].nonNullCount == n && p[0].histogram == Array(repeating: n / 12, count: 12))
        #expect(p[1].distinctCount == 50 && !p[1].estimated && p[1].mean == 24.5)
        // The heavy hitter keeps its counter through the summary, so its count stays exact; counts are never overstated.
        let top = try #require(p[3].topValues.first)
        #expect(top.value == "common" && top.count == n / 3)
        #expect(p[2].topValues.allSatisfy { $0.count == 1 })
    }

    @Test func meansOfManyValuesStayAccurate() {
        var builder = ColumnProfileBuilder(columns: [(label: "x", type: .decimal)], histogramRanges: [0.1...0.1])
        for _ in 0..<1_000_000 { builder.add(.decimal(0.1), column: 0) }
        let p = builder.profiles()[0]
        // A plain running sum drifts to 0.10000000000133288.
        #expect(p.mean == 0.1)
        #expect(p.histogram.first == 1_000_000)
    }

    @Test func storedProfilesWithoutTheFlagDecodeAsExact() throws {
        let old = #"{"label":"a","type":"text","nonNullCount":1,"distinctCount":1,"topValues":[],"histogram":[]}"#
        let decoded = try JSONDecoder().decode(ColumnProfile.self, from: Data(old.utf8))
        #expect(!decoded.estimated && decoded.minimum == nil)
        var estimated = decoded
        estimated.estimated = true
        let again = try JSONDecoder().decode(ColumnProfile.self, from: JSONEncoder().encode(estimated))
        #expect(again == estimated)
    }
}
