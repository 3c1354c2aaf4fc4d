import Foundation
import MokminBase

/// Reads rows of the living-population layout into ``LivingPopulationRecord``s.
public enum LivingPopulationParser {
    /// One row's text fields → a record.
    ///
    /// - The date is `YYYYMMDD` or `YYYY-MM-DD` (also with `.` or `/`) and must exist.
    /// - The hour is a whole number 0–23.
    /// - The dong code is digits only (8 in Seoul's files).
    /// - Counts are non-negative decimals (`1234.5678`). A lone `*`, which the portals write for a masked small
    ///   estimate, reads as 0.
    ///
    /// Surrounding white space and quotes are ignored. A `nil` field, or an index past the end of `fields`, is a missing value.
    ///
    /// - Throws: ``LivingPopulationError`` naming the field and the value, e.g.
    ///   `시간대구분(TMZON_PD_SE) 값 '25'은(는) 0~23 사이의 정수여야 합니다 / hour (TMZON_PD_SE) '25' must be a whole number from 0 to 23`.
    public static func record(_ fields: [String?], columns: LivingPopulationColumns) throws(LivingPopulationError) -> LivingPopulationRecord {
        guard columns.male.count == 14, columns.female.count == 14 else {
            throw LivingPopulationError(
                ko: "성별 연령대 열은 14개씩이어야 합니다 (남자 \(columns.male.count), 여자 \(columns.female.count))",
                en: "there must be 14 age-band columns per sex (male \(columns.male.count), female \(columns.female.count))")
        }
        let fieldsTable = LivingPopulationColumns.Field.all
        func text(_ index: Int, _ field: Int) throws(LivingPopulationError) -> Substring {
            let raw = index >= 0 && index < fields.count ? fields[index] : nil
            let value = trimmed(raw ?? "")
            guard !value.isEmpty else {
                let f = fieldsTable[field]
                throw LivingPopulationError(ko: "\(f.label) 값이 없습니다", en: "\(f.english) (\(f.api)) is missing")
            }
            return value
        }

        let dateText = try text(columns.date, 0)
        guard let day = LocalTime.day(parsing: dateText) else {
            throw invalid(0, dateText, ko: "올바른 날짜가 아닙니다 (YYYYMMDD 또는 YYYY-MM-DD)", en: "is not a valid date (YYYYMMDD or YYYY-MM-DD)")
        }
        let hourText = try text(columns.hour, 1)
        guard hourText.utf8.count <= 2, hourText.utf8.allSatisfy(isDigit), let hour = Int(hourText), (0...23).contains(hour) else {
            throw invalid(1, hourText, ko: "0~23 사이의 정수여야 합니다", en: "must be a whole number from 0 to 23")
        }
        let areaText = try text(columns.area, 2)
        guard areaText.utf8.allSatisfy(isDigit) else {
            throw invalid(2, areaText, ko: "숫자로만 된 코드여야 합니다", en: "must be a code of digits only")
        }
        func count(_ index: Int, _ field: Int) throws(LivingPopulationError) -> Double {
            let value = try text(index, field)
            if value == "*" { return 0 }
            guard let number = decimal(value), number.isFinite else {
                throw invalid(field, value, ko: "숫자가 아닙니다", en: "is not a number")
            }
            guard number >= 0 else { throw invalid(field, value, ko: "음수일 수 없습니다", en: "must not be negative") }
            return number == 0 ? 0 : number  // no -0
        }
        let total = try count(columns.total, 3)
        var male = [Double](repeating: 0, count: 14)
        var female = [Double](repeating: 0, count: 14)
        for band in 0..<14 { male[band] = try count(columns.male[band], 4 + band) }
        for band in 0..<14 { female[band] = try count(columns.female[band], 18 + band) }
        return LivingPopulationRecord(day: day, hour: hour, area: String(areaText), total: total, male: male, female: female)
    }

    private static func invalid(_ field: Int, _ value: Substring, ko: String, en: String) -> LivingPopulationError {
        let f = LivingPopulationColumns.Field.all[field]
        let shown = value.count > 40 ? value.prefix(40) + "…" : String(value)
        return LivingPopulationError(ko: "\(f.label) 값 '\(shown)'은(는) \(ko)", en: "\(f.english) (\(f.api)) '\(shown)' \(en)")
    }

    /// The text without surrounding ASCII white space, quotes, byte order marks or no-break spaces (byte-wise: this runs per field).
    private static func trimmed(_ text: String) -> Substring {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end {
            let byte = utf8[start]
            if isPadding(byte) {
                start = utf8.index(after: start)
            } else if byte == 0xEF, utf8[start...].starts(with: [0xEF, 0xBB, 0xBF]) {
                start = utf8.index(start, offsetBy: 3)
            } else if byte == 0xC2, utf8[start...].starts(with: [0xC2, 0xA0]) {
                start = utf8.index(start, offsetBy: 2)
            } else {
                break
            }
        }
        while start < end {
            let before = utf8.index(before: end)
            if isPadding(utf8[before]) {
                end = before
            } else if utf8[before] == 0xA0, utf8[start..<end].count >= 2, utf8[utf8.index(before: before)] == 0xC2 {
                end = utf8.index(before: before)
            } else {
                break
            }
        }
        return text[start..<end]
    }

    private static func isPadding(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// A plain decimal (`1234.5678`, `-3`, `1e3`); `nil` for anything else, including `inf`, `nan` and hex.
    ///
    /// Up to 15 significant digits are read exactly by hand (an integer divided by a power of ten, both exact, rounds
    /// correctly); longer numbers and exponents go to `Double(_:)`, which is several times slower.
    static func decimal(_ text: Substring) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var point = false
        var negative = false
        var simple = true
        for (offset, byte) in text.utf8.enumerated() {
            if isDigit(byte) {
                mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                digits += 1
                if point { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !point {
                point = true
            } else if offset == 0, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                negative = byte == UInt8(ascii: "-")
            } else if isNumberByte(byte) {
                simple = false
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        guard simple, digits <= 15 else { return Double(text) }
        let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
    }

    private static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { acc, _ in acc * 10 } }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Digits, a sign, a decimal point or an exponent: what a plain decimal may contain (no `inf`, `nan` or hex).
    private static func isNumberByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }
}
