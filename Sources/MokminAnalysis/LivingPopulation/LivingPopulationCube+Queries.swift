import Foundation

extension LivingPopulationCube {
    /// The daytime hour slots of ``dayNightRatio(area:period:)``: 09:00–17:59.
    public static let dayHours: ClosedRange<Int> = 9...17
    /// The night hour slots of ``dayNightRatio(area:period:)`` and ``Metric/nightMean``: 01:00–05:59.
    public static let nightHours: ClosedRange<Int> = 1...5

    /// The mean total of each hour 0–23: for each hour, the mean over the selected days that have that hour.
    ///
    /// An hour that no selected day has is `Double.nan`; an unknown area gives 24 of them.
    public func hourlyProfile(area: String, dayType: DayType = .all, period: Period? = nil) -> [Double] {
        guard let a = areaIndex[area] else { return [Double](repeating: .nan, count: 24) }
        return hourMeans(a, dayType, period)
    }

    /// Area → mean total at `hour` (the mean over the days that have it), or with `hour` nil the mean of the 24 hourly means.
    ///
    /// Areas without data in the selection are left out; an hour outside 0–23 gives an empty map.
    public func choropleth(hour: Int?, dayType: DayType = .all, period: Period? = nil) -> [String: Double] {
        if let hour, !(0...23).contains(hour) { return [:] }
        var map: [String: Double] = [:]
        map.reserveCapacity(areas.count)
        for (a, area) in areas.enumerated() {
            let value = hour.map { hourMeans(a, dayType, period, only: $0)[$0] } ?? Self.mean(hourMeans(a, dayType, period), 0...23)
            if !value.isNaN { map[area] = value }
        }
        return map
    }

    /// Daytime ÷ night population: the mean over hours 09–17 (``dayHours``) divided by the mean over hours 01–05
    /// (``nightHours``), all days of the period. Above 1 for office and shopping districts, below 1 for bedroom towns.
    ///
    /// `nil` when the area is unknown, either part has no data, or the night mean is 0.
    public func dayNightRatio(area: String, period: Period? = nil) -> Double? {
        guard let a = areaIndex[area] else { return nil }
        return Self.dayNightRatio(hourMeans(a, .all, period))
    }

    /// The hour 0–23 with the highest mean total (the earliest on a tie), or `nil` when the area has no data.
    public func peakHour(area: String, dayType: DayType = .all) -> Int? {
        guard let a = areaIndex[area] else { return nil }
        return Self.peak(hourMeans(a, dayType, nil))?.hour
    }

    /// The mean population of each sex and age band over `hours` (default all 24), per band the mean of its hourly means.
    ///
    /// With `area` nil the areas' pyramids are summed (the whole city). Bands without data, and unknown areas, are 0.
    public func pyramid(area: String?, hours: ClosedRange<Int>? = nil, dayType: DayType = .all) -> (male: [Double], female: [Double]) {
        let selected: [Int] = if let area { areaIndex[area].map { [$0] } ?? [] } else { Array(areas.indices) }
        let buckets: [Int] =
            switch dayType {
            case .all: [0, 1]
            case .weekday: [0]
            case .weekend: [1]
            }
        let hourList = (hours ?? 0...23).filter { (0...23).contains($0) }
        var result = [Double](repeating: 0, count: 28)
        var perArea = [Double](repeating: 0, count: 28)
        for a in selected {
            for band in 0..<28 { perArea[band] = 0 }
            var hoursWithData = 0
            for hour in hourList {
                let count = buckets.reduce(0) { $0 + bandCounts[(a * 2 + $1) * 24 + hour] }
                guard count > 0 else { continue }
                hoursWithData += 1
                for band in 0..<28 {
                    let sum = buckets.reduce(0.0) { $0 + bandSums[((a * 2 + $1) * 24 + hour) * 28 + band] }
                    perArea[band] += sum / Double(count)
                }
            }
            guard hoursWithData > 0 else { continue }
            for band in 0..<28 { result[band] += perArea[band] / Double(hoursWithData) }
        }
        return (Array(result[0..<14]), Array(result[14..<28]))
    }

    /// The mean total over `hours` (default all 24) in period `a` and in period `b`, and the change in percent.
    ///
    /// `before` or `after` is `Double.nan` when its period has no data; `percent` is `nil` then, and when `before` is 0.
    public func change(area: String, from a: Period, to b: Period, hours: ClosedRange<Int>? = nil) -> (
        before: Double, after: Double, percent: Double?
    ) {
        guard let index = areaIndex[area] else { return (.nan, .nan, nil) }
        let hourList = hours ?? 0...23
        let before = Self.mean(hourMeans(index, .all, a), hourList)
        let after = Self.mean(hourMeans(index, .all, b), hourList)
        let percent: Double? = before.isNaN || after.isNaN || before == 0 ? nil : (after - before) / before * 100
        return (before, after, percent)
    }

    /// Per hour 0–23, the mean over the selected days that have it (`nan` where none); with `only`, just that hour is filled.
    func hourMeans(_ a: Int, _ dayType: DayType, _ period: Period?, only: Int? = nil) -> [Double] {
        var sums = [Double](repeating: 0, count: 24)
        var counts = [Int](repeating: 0, count: 24)
        let hourRange = only.map { $0..<($0 + 1) } ?? 0..<24
        let dayCount = days.count
        totals.withUnsafeBufferPointer { totals in
            present.withUnsafeBufferPointer { present in
                for d in dayRange(period) where dayType.includes(weekend: weekend[d]) {
                    let base = (a * dayCount + d) * 24
                    for hour in hourRange where present[base + hour] {
                        sums[hour] += totals[base + hour]
                        counts[hour] += 1
                    }
                }
            }
        }
        return (0..<24).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
    }

    /// The indices into `days` of the days in `period` (all days when nil).
    func dayRange(_ period: Period?) -> Range<Int> {
        guard let period else { return days.indices }
        let lower = firstIndex { $0 >= period.from }
        let upper = firstIndex { $0 > period.to }
        return lower..<max(lower, upper)
    }

    /// Binary search: the first index of `days` whose day satisfies `predicate` (which must be monotone), or `days.count`.
    private func firstIndex(_ predicate: (Int) -> Bool) -> Int {
        var low = 0
        var high = days.count
        while low < high {
            let mid = (low + high) / 2
            if predicate(days[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// The mean of the values at `hours`, skipping `nan`; `nan` when none is left.
    static func mean(_ values: [Double], _ hours: some Sequence<Int>) -> Double {
        var sum = 0.0
        var count = 0
        for hour in hours where (0...23).contains(hour) && !values[hour].isNaN {
            sum += values[hour]
            count += 1
        }
        return count > 0 ? sum / Double(count) : .nan
    }

    static func dayNightRatio(_ means: [Double]) -> Double? {
        let day = mean(means, dayHours)
        let night = mean(means, nightHours)
        guard !day.isNaN, !night.isNaN, night != 0 else { return nil }
        return day / night
    }

    static func peak(_ means: [Double]) -> (hour: Int, value: Double)? {
        var best: (hour: Int, value: Double)?
        for (hour, value) in means.enumerated() where !value.isNaN && value > (best?.value ?? -.infinity) {
            best = (hour, value)
        }
        return best
    }
}
