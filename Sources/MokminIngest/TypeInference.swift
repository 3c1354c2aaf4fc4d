import MokminCore

/// Infers each column's type from every row, fed in one streaming pass.
///
/// Missing values (absent fields and ``ValueParser/missingMarkers``) are counted and otherwise ignored; a column
/// with no other value is text. A type is chosen only if every non-missing value fits it (values that disagree
/// fall back to text), in this order of precedence:
/// 1. **date** — every value is a date (``ValueParser/date(_:)``); when the values are also all integers
///    (`20260728`), only if the name looks like a date (`기준일ID`, `일자`, `STDR_DE`, `date`, …).
/// 2. **dateTime** — every value is a date-time or a date, at least one a date-time; same name rule for digits.
/// 3. **regionCode** — every value is 10, 8, 5 or 2 digits, and: with an `isRegionCode` predicate, every value
///    passes it and the name says code (`코드`, `code`, `cd`) or the codes are 8 or 10 digits long; without one,
///    the name says code.
/// 4. **boolean** — true/false, Y/N, yes/no, 예/아니오.
/// 5. **longitude** — every value a decimal, and either the name says longitude (`경도`, `lon`, `lng`, `x좌표`,
///    `x`, `LO`, …) with values within ±180, or the values are within 124–132 (Korea), at least one has a
///    fraction, and another column is a latitude by name or range (so lone numbers are not taken for degrees).
/// 6. **latitude** — the same with `위도`, `lat`, `y좌표`, `y`, `LA`, … and 33–39.
/// 7. **integer**, then 8. **decimal** (see ``ValueParser/parse(_:as:)``), else 9. **text** (so codes with a
///    leading zero such as `0101` are text).
public struct TypeInference: Sendable {
    private var columns: [Evidence]
    private let isRegionCode: (@Sendable (String) -> Bool)?

    /// - Parameter isRegionCode: optional check of a code's digits against the region registry.
    public init(header: [String], isRegionCode: (@Sendable (String) -> Bool)? = nil) {
        columns = header.map(Evidence.init(name:))
        self.isRegionCode = isRegionCode
    }

    /// Takes one row into account (fields beyond the header are ignored, missing ones count as missing).
    public mutating func observe(_ row: RawRow) {
        for index in columns.indices {
            let raw = index < row.fields.count ? row.fields[index] : nil
            columns[index].observe(raw, isRegionCode: isRegionCode)
        }
    }

    /// The inferred columns, in header order.
    public func result() -> [InferredColumn] {
        let latitudeByRange = columns.map { $0.hints.latitude && $0.latWorld || $0.latKorea && $0.anyFraction }
        let longitudeByRange = columns.map { $0.hints.longitude && $0.lonWorld || $0.lonKorea && $0.anyFraction }
        return columns.enumerated().map { index, column in
            let otherLatitude = latitudeByRange.enumerated().contains { $0.offset != index && $0.element }
            let otherLongitude = longitudeByRange.enumerated().contains { $0.offset != index && $0.element }
            let type = column.type(
                pairedLatitude: otherLatitude, pairedLongitude: otherLongitude, predicate: isRegionCode != nil)
            return InferredColumn(
                name: column.hints.name, type: type, nullCount: column.nullCount, sampleValues: column.samples,
                numericRange: column.decimal && column.low <= column.high ? column.low...column.high : nil)
        }
    }
}

/// What the values of one column seen so far allow.
private struct Evidence: Sendable {
    struct Named: Sendable {
        var name: String
        var date, code, longitude, latitude: Bool
    }

    var hints: Named
    var nullCount = 0
    var valueCount = 0
    var samples: [String] = []
    var integer = true, decimal = true, boolean = true
    var date = true, dateOrDateTime = true, sawDateTime = false
    var code = true, codeShortLengths = false, registry = true
    var lonKorea = true, latKorea = true, lonWorld = true, latWorld = true, anyFraction = false
    /// Codes the registry already knows (checked once each).
    var knownCodes: Set<String> = []
    /// The smallest and largest value while every value is a number.
    var low = Double.infinity, high = -Double.infinity

    init(name: String) {
        let hints = ColumnNameHints(name)
        self.hints = Named(name: name, date: hints.date, code: hints.code, longitude: hints.longitude, latitude: hints.latitude)
    }

    mutating func observe(_ raw: String?, isRegionCode: (@Sendable (String) -> Bool)?) {
        guard let raw, !ValueParser.isMissing(raw) else {
            nullCount += 1
            return
        }
        valueCount += 1
        let value = ValueParser.trimmed(raw)
        if samples.count < 5 && !samples.contains(raw) { samples.append(raw) }
        if integer || decimal {
            let number = ValueParser.number(value)
            integer = integer && number.integer
            decimal = decimal && number.decimal
            anyFraction = anyFraction || (decimal && number.hasFraction)
            if decimal, let value = number.value, value.isFinite {
                low = min(low, value)
                high = max(high, value)
                if lonWorld || latWorld {
                    lonKorea = lonKorea && (124...132).contains(value)
                    latKorea = latKorea && (33...39).contains(value)
                    lonWorld = lonWorld && abs(value) <= 180
                    latWorld = latWorld && abs(value) <= 90
                }
            }
        }
        if boolean { boolean = ValueParser.boolean(value) != nil }
        if dateOrDateTime {
            let isDate = ValueParser.date(value) != nil
            date = date && isDate
            if !isDate {
                let isDateTime = ValueParser.dateTime(value) != nil
                sawDateTime = sawDateTime || isDateTime
                dateOrDateTime = isDateTime
            }
        }
        if code {
            let digits = value.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            let length = value.utf8.count
            code = digits && [10, 8, 5, 2].contains(length)
            codeShortLengths = codeShortLengths || length == 5 || length == 2
            if code, registry, let isRegionCode, !knownCodes.contains(value) {
                registry = isRegionCode(value)
                if registry && knownCodes.count < 4096 { knownCodes.insert(value) }
            }
        }
    }

    func type(pairedLatitude: Bool, pairedLongitude: Bool, predicate: Bool) -> ColumnType {
        guard valueCount > 0 else { return .text }
        let digitsNeedName = integer && !hints.date
        if date && !digitsNeedName { return .date }
        if dateOrDateTime && sawDateTime && !digitsNeedName { return .dateTime }
        if code {
            if predicate ? registry && (hints.code || !codeShortLengths) : hints.code { return .regionCode }
        }
        if boolean { return .boolean }
        if decimal {
            if (hints.longitude && lonWorld) || (lonKorea && anyFraction && pairedLatitude) { return .longitude }
            if (hints.latitude && latWorld) || (latKorea && anyFraction && pairedLongitude) { return .latitude }
        }
        if integer { return .integer }
        if decimal { return .decimal }
        return .text
    }
}
