import Foundation
import MokminBase

/// The x axis of a ``TimeSeriesChart``: ticks at round local times, 4–8 of them over the window when the window allows.
///
/// Ticks fall on multiples of the step counted from local midnight (every 1, 2, 3, 4, 6 or 12 hours; minutes for windows
/// under four hours, days beyond four days), so a 6-hour step ticks at 00, 06, 12 and 18 local time.
struct ChartTimeAxis {
    struct Tick: Equatable {
        /// The instant, seconds since 1970.
        let time: Double
        /// `HH:mm` in local time.
        let label: String
        /// `M/d` in local time, under the first tick and every tick at local midnight.
        let date: String?
    }

    /// Steps tried in order, in minutes; each at most about twice the one before, so the first with ≤ 8 ticks has ≥ 4.
    static let stepMinutes = [5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 5760, 10080, 20160, 40320]
    static let maximumTicks = 8

    /// Seconds between ticks.
    let step: Int64
    let ticks: [Tick]

    /// Ticks for `start`...`end` (seconds since 1970, `start < end`, both finite) with local time `offset` seconds from UTC.
    init(start: Double, end: Double, offset: Int) {
        let localStart = start + Double(offset), localEnd = end + Double(offset)
        func range(_ step: Int64) -> ClosedRange<Int64>? {
            let first = Int64((localStart / Double(step)).rounded(.up)), last = Int64((localEnd / Double(step)).rounded(.down))
            return first <= last ? first...last : nil
        }
        let longest = Int64(ChartTimeAxis.stepMinutes.last! * 60)
        var step =
            ChartTimeAxis.stepMinutes.lazy.map { Int64($0 * 60) }.first { (range($0)?.count ?? 0) <= ChartTimeAxis.maximumTicks }
            ?? longest * Int64(((end - start) / Double(longest * Int64(ChartTimeAxis.maximumTicks - 1))).rounded(.up))
        step = max(step, 60)
        self.step = step
        var ticks: [Tick] = []
        for index in range(step) ?? 0...(-1) {
            let local = index * step
            let secondOfDay = ChartTimeAxis.floorMod(local, 86_400)
            let label = ChartTimeAxis.twoDigits(secondOfDay / 3600) + ":" + ChartTimeAxis.twoDigits(secondOfDay % 3600 / 60)
            let date = ticks.isEmpty || secondOfDay == 0 ? ChartTimeAxis.monthDay(local) : nil
            ticks.append(Tick(time: Double(local - Int64(offset)), label: label, date: date))
        }
        self.ticks = ticks
    }

    /// `M/d` of the local day that holds `local` seconds.
    static func monthDay(_ local: Int64) -> String {
        let date = LocalTime.date(ofDay: Int((local - floorMod(local, 86_400)) / 86_400))
        return "\(date.month)/\(date.day)"
    }

    private static func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
        let r = a % b
        return r < 0 ? r + b : r
    }

    private static func twoDigits(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
