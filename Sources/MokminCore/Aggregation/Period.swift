import Foundation
import MokminBase

/// One reporting period: `2020-05` (a month), `2020Q2` (a quarter) or `2020` (a year). Its text form is also its
/// sort key within one unit, and it is what aggregates, reports and briefings are keyed by.
public struct Period: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let unit: PeriodUnit
    public let year: Int
    /// The month (1–12), the quarter (1–4), or 1 for a year.
    public let index: Int

    /// Years a period may name: wide enough for any plan, narrow enough that arithmetic never overflows.
    public static let years = 1900...2200

    public init?(unit: PeriodUnit, year: Int, index: Int) {
        guard Self.years.contains(year) else { return nil }
        switch unit {
        case .month: guard (1...12).contains(index) else { return nil }
        case .quarter: guard (1...4).contains(index) else { return nil }
        case .year: guard index == 1 else { return nil }
        }
        (self.unit, self.year, self.index) = (unit, year, index)
    }

    /// Parses `2020-05`, `2020Q2` (or `2020-Q2`, `2020q2`) and `2020`; nil for anything else.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let bytes = Array(t.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, !range.isEmpty else { return nil }
            var n = 0
            for b in bytes[range] {
                guard (48...57).contains(b) else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        guard let year = number(0..<4) else { return nil }
        switch bytes.count {
        case 4: self.init(unit: .year, year: year, index: 1)
        case 6 where bytes[4] == UInt8(ascii: "Q"):
            guard let q = number(5..<6) else { return nil }
            self.init(unit: .quarter, year: year, index: q)
        case 7 where bytes[4] == UInt8(ascii: "-") && bytes[5] == UInt8(ascii: "Q"):
            guard let q = number(6..<7) else { return nil }
            self.init(unit: .quarter, year: year, index: q)
        case 7 where bytes[4] == UInt8(ascii: "-"):
            guard let m = number(5..<7) else { return nil }
            self.init(unit: .month, year: year, index: m)
        default: return nil
        }
    }

    /// The period of `unit` that contains the day `iso` (`YYYY-MM-DD…`).
    public init?(containing iso: String, unit: PeriodUnit) {
        guard let day = LocalTime.day(parsing: iso.prefix(10)) else { return nil }
        let d = LocalTime.date(ofDay: day)
        switch unit {
        case .month: self.init(unit: .month, year: d.year, index: d.month)
        case .quarter: self.init(unit: .quarter, year: d.year, index: (d.month + 2) / 3)
        case .year: self.init(unit: .year, year: d.year, index: 1)
        }
    }

    public var description: String {
        switch unit {
        case .month: LocalTime.pad(year, width: 4) + "-" + LocalTime.pad(index)
        case .quarter: LocalTime.pad(year, width: 4) + "Q\(index)"
        case .year: LocalTime.pad(year, width: 4)
        }
    }

    /// As Korean reports write it: `2020년 5월`, `2020년 2분기`, `2020년`.
    public var koreanName: String {
        switch unit {
        case .month: "\(year)년 \(index)월"
        case .quarter: "\(year)년 \(index)분기"
        case .year: "\(year)년"
        }
    }

    /// The first month of the period (1–12).
    public var firstMonth: Int {
        switch unit {
        case .month: index
        case .quarter: (index - 1) * 3 + 1
        case .year: 1
        }
    }

    /// The number of months the period spans.
    public var monthCount: Int {
        switch unit {
        case .month: 1
        case .quarter: 3
        case .year: 12
        }
    }

    /// The first day, `YYYY-MM-DD`.
    public var startDay: String { LocalTime.pad(year, width: 4) + "-" + LocalTime.pad(firstMonth) + "-01" }

    /// The last day, `YYYY-MM-DD`.
    public var endDay: String {
        let lastMonth = firstMonth + monthCount - 1
        let next = lastMonth == 12 ? (year + 1, 1) : (year, lastMonth + 1)
        let firstOfNext = Int(LocalTime.days(year: Int64(next.0), month: Int64(next.1), day: 1))
        return LocalTime.isoString(ofDay: firstOfNext - 1)
    }

    /// Whether the day `iso` (`YYYY-MM-DD…`) falls in this period.
    public func contains(day iso: String) -> Bool {
        let day = String(iso.prefix(10))
        return day >= startDay && day <= endDay
    }

    /// Whether `other` lies wholly inside this period (a month inside its quarter or year, a quarter inside its year).
    public func contains(_ other: Period) -> Bool { other.startDay >= startDay && other.endDay <= endDay }

    /// The period before this one, of the same unit (nil before 1900).
    public var previous: Period? {
        switch unit {
        case .month: index == 1 ? Period(unit: .month, year: year - 1, index: 12) : Period(unit: .month, year: year, index: index - 1)
        case .quarter: index == 1 ? Period(unit: .quarter, year: year - 1, index: 4) : Period(unit: .quarter, year: year, index: index - 1)
        case .year: Period(unit: .year, year: year - 1, index: 1)
        }
    }

    /// The periods of `unit` inside this one, in order (the months of a quarter …); empty when `unit` is longer.
    public func periods(of unit: PeriodUnit) -> [Period] {
        (0..<monthCount).compactMap { offset in
            Period(containing: LocalTime.pad(year, width: 4) + "-" + LocalTime.pad(firstMonth + offset) + "-01", unit: unit)
        }
        .reduce(into: [Period]()) { list, p in if list.last != p { list.append(p) } }
        .filter { self.contains($0) }
    }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.startDay, lhs.endDay) < (rhs.startDay, rhs.endDay)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = Period(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a period: \(text)"))
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
