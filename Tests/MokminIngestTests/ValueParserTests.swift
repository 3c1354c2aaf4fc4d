import MokminCore
import Testing

@testable import MokminIngest

@Suite("Value parsing")
struct ValueParserTests {
    private func value(_ raw: String?, _ type: ColumnType) -> TypedValue? {
        try? ValueParser.parse(raw, as: type).get()
    }

    @Test("Missing markers are null for every type")
    func missing() {
        for marker in ["", " ", "-", "*", "NULL", "null", "NA", "N/A", " - "] {
            for type in ColumnType.allCases {
                #expect(value(marker, type) == .null, "\(marker) as \(type)")
            }
        }
        #expect(value(nil, .integer) == .null)
    }

    @Test("Integers: sign, thousands separators, no leading zeros, within Int64")
    func integers() {
        #expect(value("42", .integer) == .integer(42))
        #expect(value(" -7 ", .integer) == .integer(-7))
        #expect(value("+3", .integer) == .integer(3))
        #expect(value("1,234,567", .integer) == .integer(1_234_567))
        #expect(value("0", .integer) == .integer(0))
        #expect(value("9223372036854775807", .integer) == .integer(.max))
        #expect(value("-9223372036854775808", .integer) == .integer(.min))
        for bad in ["0101", "9223372036854775808", "1,23", "12,", ",1", "1.0", "1e3", "abc", "--1", "1 2"] {
            #expect(value(bad, .integer) == nil, "\(bad)")
        }
    }

    @Test("Decimals: fractions, thousands separators, exponents; long digit strings are not decimals")
    func decimals() {
        #expect(value("3.14", .decimal) == .decimal(3.14))
        #expect(value("1,234.5", .decimal) == .decimal(1234.5))
        #expect(value("-0.5", .decimal) == .decimal(-0.5))
        #expect(value(".5", .decimal) == .decimal(0.5))
        #expect(value("1.5E-3", .decimal) == .decimal(0.0015))
        #expect(value("12", .decimal) == .decimal(12))
        for bad in ["01.5", "1.", "1,2345.6", "12345678901234567890", "NaN", "inf", "1.2.3", "."] {
            #expect(value(bad, .decimal) == nil, "\(bad)")
        }
    }

    @Test("Booleans: true/false, Y/N, yes/no, 예/아니오")
    func booleans() {
        for yes in ["true", "TRUE", "Y", "y", "yes", "예"] { #expect(value(yes, .boolean) == .boolean(true)) }
        for no in ["false", "N", "no", "아니오", "아니요"] { #expect(value(no, .boolean) == .boolean(false)) }
        #expect(value("1", .boolean) == nil)
    }

    @Test("Dates in the forms Korean data uses")
    func dates() {
        for raw in ["20260728", "2026-07-28", "2026.07.28", "2026/07/28", "2026. 7. 28.", "2026-7-28"] {
            #expect(value(raw, .date) == .date("2026-07-28"), "\(raw)")
        }
        #expect(value("20240229", .date) == .date("2024-02-29"))
        for bad in ["20250229", "2026-13-01", "2026-07-32", "11110515", "2026-07/28", "2026.07.28.5", "202607"] {
            #expect(value(bad, .date) == nil, "\(bad)")
        }
    }

    @Test("Date-times, with hour 24 meaning the next day's 00:00")
    func dateTimes() {
        let cases = [
            "2026-07-28 17:00": "2026-07-28T17:00:00", "2026/07/28 17:00:00": "2026-07-28T17:00:00",
            "2026-07-28T17:05:09": "2026-07-28T17:05:09", "202607281700": "2026-07-28T17:00:00",
            "20260728170000": "2026-07-28T17:00:00", "2026.07.28 9:30": "2026-07-28T09:30:00",
            "2026-07-28 24:00": "2026-07-29T00:00:00", "2026-12-31 24:00:00": "2027-01-01T00:00:00",
            "2024-02-28 24:00": "2024-02-29T00:00:00", "2026-07-28": "2026-07-28T00:00:00",
        ]
        for (raw, iso) in cases { #expect(value(raw, .dateTime) == .dateTime(iso), "\(raw)") }
        for bad in ["2026-07-28 24:30", "2026-07-28 25:00", "2026-07-28 17:60", "2026-07-28T17:00:00Z", "2026-07-28 17"] {
            #expect(value(bad, .dateTime) == nil, "\(bad)")
        }
    }

    @Test("Coordinates within range, region codes of 10, 8, 5 or 2 digits, text as it is")
    func others() {
        #expect(value("126.9784", .longitude) == .decimal(126.9784))
        #expect(value("181", .longitude) == nil)
        #expect(value("37.5665", .latitude) == .decimal(37.5665))
        #expect(value("91", .latitude) == nil)
        #expect(value("11110-51500", .regionCode) == .text("1111051500"))
        #expect(value("11", .regionCode) == .text("11"))
        #expect(value("111", .regionCode) == nil)
        #expect(value(" 그대로 ", .text) == .text(" 그대로 "))
    }

    @Test("Failures say what was expected, in Korean and English")
    func reasons() throws {
        guard case .failure(let reason) = ValueParser.parse("abc", as: .integer) else {
            Issue.record("abc parsed as an integer")
            return
        }
        #expect(reason.message.ko.contains("정수"))
        #expect(reason.message.en.contains("integer"))
        let issue = RowIssue(line: 7, column: "인구", value: "abc", reason: reason)
        #expect(issue.description.hasPrefix("7번째 줄, 열 '인구': "))
    }
}
