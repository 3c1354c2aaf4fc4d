import Foundation

extension LivingPopulationCube {
    /// The areas ordered by `metric`, highest first (ties by dong code). Areas without a value are left out.
    ///
    /// Every metric is taken from the hourly means of the chosen days: ``Metric/meanTotal`` is their mean,
    /// ``Metric/peak`` their maximum, ``Metric/nightMean`` their mean over ``nightHours`` and
    /// ``Metric/dayNightRatio`` as in ``dayNightRatio(area:period:)`` but for `dayType`.
    public func ranking(_ metric: Metric, dayType: DayType = .all, period: Period? = nil) -> [(area: String, value: Double)] {
        var rows: [(area: String, value: Double)] = []
        rows.reserveCapacity(areas.count)
        for (a, area) in areas.enumerated() {
            let means = hourMeans(a, dayType, period)
            let value: Double? =
                switch metric {
                case .meanTotal: Self.mean(means, 0...23)
                case .peak: Self.peak(means)?.value
                case .dayNightRatio: Self.dayNightRatio(means)
                case .nightMean: Self.mean(means, Self.nightHours)
                }
            if let value, !value.isNaN { rows.append((area, value)) }
        }
        rows.sort { $0.value != $1.value ? $0.value > $1.value : $0.area < $1.area }
        return rows
    }
}
