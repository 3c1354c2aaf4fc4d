import Foundation

/// One row of living-population data: the people estimated in one dong during one hour of one day.
public struct LivingPopulationRecord: Sendable, Hashable {
    /// The date as days since 1970-01-01 (see ``LivingPopulationCalendar``).
    public var day: Int
    /// The hour slot, 0–23 (0 = 00:00–00:59).
    public var hour: Int
    /// The dong code (행정동코드) as written in the file, e.g. `11110515`.
    public var area: String
    /// The total (총생활인구수).
    public var total: Double
    /// The 14 male bands, in the order of ``LivingPopulationCube/bandLabels``.
    public var male: [Double]
    /// The 14 female bands, in the order of ``LivingPopulationCube/bandLabels``.
    public var female: [Double]

    public init(day: Int, hour: Int, area: String, total: Double, male: [Double], female: [Double]) {
        self.day = day
        self.hour = hour
        self.area = area
        self.total = total
        self.male = male
        self.female = female
    }
}
