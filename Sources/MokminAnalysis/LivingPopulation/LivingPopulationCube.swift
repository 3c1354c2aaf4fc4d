import Foundation
import MokminBase

/// Everything the living-population analyses need, built once from the records; then every query is fast.
///
/// Two dense tables are kept:
/// - the total of every area × day × hour (with a flag for the cells that have a record), for profiles, maps,
///   periods and changes;
/// - per area × hour of day × (weekday, weekend), the sums of the 28 sex and age bands and how many records went
///   into them, for population pyramids.
///
/// The day axis holds only the days that have data, so a stray far-off date costs one column, not years of them.
///
/// Means are taken the way a reader expects from "the population at 10:00": for each hour, the mean over the days
/// that have that hour (a missing row neither counts as zero nor drags the mean down); a figure over several
/// hours is then the mean of those hourly means. A query whose selection has no data gives `Double.nan`
/// (profiles) or leaves the area out (maps, rankings).
///
/// Weekends are Saturdays and Sundays. There is no holiday calendar: 공휴일 that fall on weekdays count as weekdays.
public struct LivingPopulationCube: Sendable {
    /// The dong codes that have data, sorted.
    public let areas: [String]
    /// The first day with data, as days since 1970-01-01 (0 when there are no records).
    public let firstDay: Int
    /// The last day with data, as days since 1970-01-01 (0 when there are no records).
    public let lastDay: Int
    /// The distinct days that have data, ascending.
    public let days: [Int]
    /// How many records went into the cube.
    public let recordCount: Int
    /// Records left out because an earlier record had the same area, day and hour (the first one is kept).
    public let duplicateCount: Int
    /// Records left out because their hour is not 0–23, a band list does not have 14 entries, or a number is not finite.
    public let invalidCount: Int

    /// Labels of the 14 age bands, in the order of the record's `male` and `female` arrays.
    public static let bandLabels: [String] = [
        "0–9", "10–14", "15–19", "20–24", "25–29", "30–34", "35–39", "40–44", "45–49", "50–54", "55–59", "60–64", "65–69", "70+",
    ]

    let areaIndex: [String: Int]
    /// Per day index: whether it is a Saturday or Sunday.
    let weekend: [Bool]
    /// Index `(area * days.count + day) * 24 + hour`.
    let totals: [Double]
    let present: [Bool]
    /// Index `((area * 2 + bucket) * 24 + hour) * 28 + band`; bucket 0 = weekday, 1 = weekend; bands male then female.
    let bandSums: [Double]
    /// Index `(area * 2 + bucket) * 24 + hour`.
    let bandCounts: [Int]

    /// Builds the cube. Records with the same area, day and hour after the first, and invalid records, are counted and left out.
    public init(_ records: some Sequence<LivingPopulationRecord>) {
        let list = Array(records)
        var areaSet = Set<String>()
        var daySet = Set<Int>()
        var invalid = 0
        for record in list {
            if Self.isValid(record) {
                areaSet.insert(record.area)
                daySet.insert(record.day)
            } else {
                invalid += 1
            }
        }
        let areas = areaSet.sorted()
        let days = daySet.sorted()
        let areaIndex = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1, $0) })
        let dayIndex = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1, $0) })
        let weekend = days.map(LocalTime.isWeekend(day:))
        let dayCount = days.count

        var totals = [Double](repeating: 0, count: areas.count * dayCount * 24)
        var present = [Bool](repeating: false, count: totals.count)
        var bandSums = [Double](repeating: 0, count: areas.count * 2 * 24 * 28)
        var bandCounts = [Int](repeating: 0, count: areas.count * 2 * 24)
        var kept = 0
        var duplicates = 0
        for record in list where Self.isValid(record) {
            let a = areaIndex[record.area]!
            let d = dayIndex[record.day]!
            let cell = (a * dayCount + d) * 24 + record.hour
            if present[cell] {
                duplicates += 1
                continue
            }
            present[cell] = true
            totals[cell] = record.total
            kept += 1
            let slot = (a * 2 + (weekend[d] ? 1 : 0)) * 24 + record.hour
            bandCounts[slot] += 1
            let base = slot * 28
            for band in 0..<14 {
                bandSums[base + band] += record.male[band]
                bandSums[base + 14 + band] += record.female[band]
            }
        }

        self.areas = areas
        self.days = days
        self.firstDay = days.first ?? 0
        self.lastDay = days.last ?? 0
        self.recordCount = kept
        self.duplicateCount = duplicates
        self.invalidCount = invalid
        self.areaIndex = areaIndex
        self.weekend = weekend
        self.totals = totals
        self.present = present
        self.bandSums = bandSums
        self.bandCounts = bandCounts
    }

    private static func isValid(_ record: LivingPopulationRecord) -> Bool {
        (0...23).contains(record.hour) && record.male.count == 14 && record.female.count == 14 && record.total.isFinite
            && record.male.allSatisfy(\.isFinite) && record.female.allSatisfy(\.isFinite)
    }
}

extension LivingPopulationCube {
    /// Which days a query looks at. Weekends are Saturdays and Sundays; public holidays are not known and count as weekdays.
    public enum DayType: String, Sendable, CaseIterable, Codable {
        case all, weekday, weekend

        func includes(weekend: Bool) -> Bool {
            switch self {
            case .all: true
            case .weekday: !weekend
            case .weekend: weekend
            }
        }
    }

    /// An inclusive range of days (days since 1970-01-01). A period whose `from` is after its `to` holds no days.
    public struct Period: Sendable, Hashable, Codable {
        public var from: Int
        public var to: Int

        public init(from: Int, to: Int) {
            self.from = from
            self.to = to
        }

        /// The period of one day.
        public static func day(_ day: Int) -> Period { Period(from: day, to: day) }
    }

    /// What ``ranking(_:dayType:period:)`` orders the areas by.
    public enum Metric: String, Sendable, CaseIterable, Codable {
        /// The mean over the 24 hourly means.
        case meanTotal
        /// The highest hourly mean.
        case peak
        /// ``dayNightRatio(area:period:)``, for the chosen day type.
        case dayNightRatio
        /// The mean over the night hours (``nightHours``).
        case nightMean
    }
}
