import Foundation
import MokminCore

/// Turns field text into typed values, by the rules type inference uses.
///
/// Surrounding spaces and tabs are ignored. A value equal to one of ``missingMarkers`` (or an absent field) is
/// `.null` whatever the column's type.
public enum ValueParser: Sendable {
    /// The texts that mean "no value" in Korean public data.
    public static let missingMarkers: Set<String> = ["", "-", "*", "NULL", "null", "NA", "N/A"]

    /// Whether the field is absent or, trimmed, one of ``missingMarkers``.
    public static func isMissing(_ raw: String?) -> Bool {
        guard let raw else { return true }
        // Only short texts (once trimmed) can be markers, and none of them starts with a digit.
        let cannotBe = withBytes(raw) {
            $0.count > 4 && !isBlank($0[0]) && !isBlank($0[$0.count - 1]) || ($0.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false)
        }
        return !cannotBe && missingMarkers.contains(trimmed(raw))
    }

    /// The value of `raw` as `type`, or why it is not one.
    ///
    /// - integer: optional sign, no leading zeros (`0101` is not an integer), thousands separators allowed when
    ///   grouped by three (`1,234`), within Int64.
    /// - decimal: an integer or a decimal fraction, with optional thousands separators and exponent (`1,234.5`,
    ///   `.5`, `1.5E-3`); an integer too long for Int64 is not a decimal either (it is an identifier).
    /// - boolean: `true`/`false`, `Y`/`N`, `yes`/`no` (any case), `예`/`아니오`/`아니요`.
    /// - date and dateTime: see ``date(_:)`` and ``dateTime(_:)``; a plain date is accepted as a date-time at 00:00.
    /// - longitude / latitude: a decimal within ±180 / ±90.
    /// - regionCode: 10, 8, 5 or 2 digits (spaces and hyphens ignored), as the digits.
    /// - text: the text as it is.
    public static func parse(_ raw: String?, as type: ColumnType) -> Result<TypedValue, RowIssueReason> {
        guard let raw, !isMissing(raw) else { return .success(.null) }
        let value = trimmed(raw)
        switch type {
        case .text:
            return .success(.text(raw))
        case .integer:
            if let number = integer(value) { return .success(.integer(number)) }
            return .failure(.invalid(type, ko: "정수(예: 42, -7, 1,234)가 필요합니다", en: "expected an integer such as 42, -7 or 1,234"))
        case .decimal:
            if let number = decimal(value) { return .success(.decimal(number)) }
            return .failure(.invalid(type, ko: "숫자(예: 3.14, 1,234.5)가 필요합니다", en: "expected a number such as 3.14 or 1,234.5"))
        case .boolean:
            if let flag = boolean(value) { return .success(.boolean(flag)) }
            return .failure(.invalid(type, ko: "true/false, Y/N, 예/아니오 중 하나가 필요합니다", en: "expected true/false, Y/N or 예/아니오"))
        case .date:
            if let iso = date(value) { return .success(.date(iso)) }
            return .failure(.invalid(type, ko: "날짜(예: 20260728, 2026-07-28)가 필요합니다", en: "expected a date such as 20260728 or 2026-07-28"))
        case .dateTime:
            if let iso = dateTime(value) ?? date(value).map({ $0 + "T00:00:00" }) { return .success(.dateTime(iso)) }
            return .failure(.invalid(type, ko: "날짜와 시각(예: 2026-07-28 17:00)이 필요합니다", en: "expected a date and time such as 2026-07-28 17:00"))
        case .longitude, .latitude:
            let limit = type == .longitude ? 180.0 : 90.0
            if let number = decimal(value), abs(number) <= limit { return .success(.decimal(number)) }
            return .failure(.invalid(type, ko: "±\(Int(limit)) 안의 도 단위 숫자가 필요합니다", en: "expected degrees within ±\(Int(limit))"))
        case .regionCode:
            if let digits = RegionCode.digits(value), [10, 8, 5, 2].contains(digits.count) { return .success(.text(digits)) }
            return .failure(.invalid(type, ko: "10, 8, 5 또는 2자리 숫자 코드가 필요합니다", en: "expected a code of 10, 8, 5 or 2 digits"))
        }
    }

    static func trimmed(_ raw: String) -> String {
        let padded = withBytes(raw) { !$0.isEmpty && (isBlank($0[0]) || isBlank($0[$0.count - 1])) }
        return padded ? raw.trimmingCharacters(in: .whitespaces) : raw
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Calls `body` with the string's UTF-8 bytes, without copying native strings.
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The shape of a number as text: `[+-]? digits? (. digits)? ([eE] [+-]? digits)?`, where the integer digits
    /// have no leading zero (except a lone `0`) and may be grouped by three with commas (`1,234,567`).
    struct NumberShape {
        var negative = false
        var integerDigits = 0
        var fractionDigits = 0
        var hasComma = false
        var hasExponent = false
        /// The digits read as one number, ignoring the decimal point (meaningful up to 19 digits).
        var mantissa: UInt64 = 0
        var isInteger: Bool { fractionDigits == 0 && !hasExponent }
    }

    static func numberShape(_ b: UnsafeBufferPointer<UInt8>) -> NumberShape? {
        var shape = NumberShape()
        var i = 0
        let n = b.count
        if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            shape.negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        let firstDigit = i
        var group = 0
        while i < n {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                shape.integerDigits += 1
                shape.mantissa = shape.mantissa &* 10 &+ UInt64(c &- 0x30)
                group += 1
            } else if c == UInt8(ascii: ",") {
                guard shape.integerDigits > 0, shape.hasComma ? group == 3 : group <= 3 else { return nil }
                shape.hasComma = true
                group = 0
            } else {
                break
            }
            i += 1
        }
        if shape.hasComma && group != 3 { return nil }
        if shape.integerDigits > 1 && b[firstDigit] == 0x30 { return nil }
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, b[i] >= 0x30 && b[i] <= 0x39 {
                shape.mantissa = shape.mantissa &* 10 &+ UInt64(b[i] &- 0x30)
                i += 1
                shape.fractionDigits += 1
            }
            guard shape.fractionDigits > 0 else { return nil }
        }
        guard shape.integerDigits + shape.fractionDigits > 0 else { return nil }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            let start = i
            while i < n, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            guard i > start else { return nil }
            shape.hasExponent = true
        }
        return i == n ? shape : nil
    }

    static func integer(_ text: String) -> Int64? {
        withBytes(text) { b in
            guard let shape = numberShape(b), shape.isInteger else { return nil }
            if shape.integerDigits <= 18 { return shape.negative ? -Int64(shape.mantissa) : Int64(shape.mantissa) }
            var value: Int64 = 0
            for c in b where c >= 0x30 && c <= 0x39 {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = shape.negative ? m.subtractingReportingOverflow(Int64(c - 0x30)) : m.addingReportingOverflow(Int64(c - 0x30))
                if o1 || o2 { return nil }
                value = s
            }
            return value
        }
    }

    /// Whether `text` is a decimal by ``parse(_:as:)``'s rule, without computing its value.
    static func isDecimal(_ text: String) -> (valid: Bool, hasFraction: Bool) {
        withBytes(text) { b in
            guard let shape = numberShape(b) else { return (false, false) }
            if shape.isInteger && shape.integerDigits > 18 && integer(text) == nil { return (false, false) }
            return (true, shape.fractionDigits > 0)
        }
    }

    /// What type inference asks of a value, in one reading: whether it is an integer and a decimal by
    /// ``parse(_:as:)``'s rules, whether it has a fraction, and its value as a decimal.
    static func number(_ text: String) -> (integer: Bool, decimal: Bool, hasFraction: Bool, value: Double?) {
        let shape: NumberShape? = withBytes(text) { numberShape($0) }
        guard let shape else { return (false, false, false, nil) }
        if shape.isInteger && shape.integerDigits > 18 {
            let fits = integer(text) != nil
            return (fits, fits, false, fits ? decimal(text) : nil)
        }
        return (shape.isInteger, true, shape.fractionDigits > 0, exactDecimal(shape) ?? decimal(text))
    }

    static func decimal(_ text: String) -> Double? {
        let fast: Double?? = withBytes(text) { b in
            guard let shape = numberShape(b) else { return .some(nil) }
            if shape.isInteger && shape.integerDigits > 18 && integer(text) == nil { return .some(nil) }
            return exactDecimal(shape).map { .some($0) }
        }
        if let fast { return fast }
        // Many digits or a large exponent: let the C library round it.
        var digits = text
        digits.removeAll { $0 == "," }
        return Double(digits)
    }

    /// Powers of ten that a Double holds exactly.
    private static let exactPowers: [Double] = (0...22).map { p in (0..<p).reduce(1.0) { r, _ in r * 10 } }

    /// The value of a number of `shape` when it can be computed exactly by one multiplication or division of two
    /// exact Doubles (at most 15 significant digits, a power of ten up to 10^22: Clinger's fast path, so the
    /// result is the correctly rounded value, as `strtod` gives); nil otherwise.
    private static func exactDecimal(_ shape: NumberShape) -> Double? {
        guard !shape.hasExponent, shape.integerDigits + shape.fractionDigits <= 15, shape.fractionDigits <= 22 else { return nil }
        let magnitude = Double(shape.mantissa) / exactPowers[shape.fractionDigits]
        return shape.negative ? -magnitude : magnitude
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "y", "yes", "예": true
        case "false", "n", "no", "아니오", "아니요": false
        default: nil
        }
    }
}
