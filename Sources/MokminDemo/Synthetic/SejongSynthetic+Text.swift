import Foundation
import MokminBase
import MokminCore
import MokminGeo

extension SejongSynthetic {
    /// CSV text: the header, then one line per row, CRLF line ends as the portals write them; a field holding a comma, a
    /// quote or a line break is quoted (RFC 4180).
    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        var text = csvLine(header)
        for row in rows { text += csvLine(row) }
        return text
    }

    /// One CSV line with its CRLF.
    static func csvLine(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A coordinate in degrees with 7 decimals (about 1 cm), as the portals write them.
    static func degrees(_ value: Double) -> String {
        String(format: "%.7f", value)
    }

    /// A count in ten-thousandths as a decimal with four places (`12345` → `1.2345`).
    static func fixed4(_ tenThousandths: Int) -> String {
        let fraction = String(tenThousandths % 10_000)
        return String(tenThousandths / 10_000) + "." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    /// `value` with leading zeros to `width` digits.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Days since 1970-01-01 of a `YYYYMMDD` date, or nil when the text is not a valid date.
    static func dayNumber(_ yyyymmdd: String) -> Int64? {
        guard yyyymmdd.count == 8 else { return nil }
        return LocalTime.day(parsing: yyyymmdd).map(Int64.init)
    }

    /// The `YYYYMMDD` text of a day number.
    static func dateDigits(_ dayNumber: Int64) -> String {
        let date = LocalTime.date(ofDay: Int(dayNumber))
        return pad(date.year, 4) + pad(date.month, 2) + pad(date.day, 2)
    }

    /// 0 for Sunday … 6 for Saturday (1970-01-01 was a Thursday).
    static func weekday(_ dayNumber: Int64) -> Int {
        LocalTime.isoWeekday(ofDay: Int(dayNumber)) % 7
    }

    /// A whole number in `range`, from a number in [0, 1).
    static func pick(_ unit: Double, _ range: ClosedRange<Int>) -> Int {
        range.lowerBound + min(range.count - 1, Int(unit * Double(range.count)))
    }

    /// A Sejong city-hall style telephone number (044-300-xxxx), from a number in [0, 1).
    static func cityPhone(_ unit: Double) -> String {
        "044-300-" + pad(pick(unit, 2000...7999), 4)
    }
}
