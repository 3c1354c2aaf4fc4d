import Foundation
import MokminAnalysis

/// What an EV-charger siting run is asked: where people are (a living-population dataset averaged over hours), the
/// existing chargers (national EV charger layout), candidate sites (any dataset with 위도/경도), a radius and p.
public struct EVSitingParameters: Sendable, Hashable, Codable {
    public var population: String
    public var chargers: String
    public var candidates: String
    public var radiusMetres: Double
    public var p: Int
    public var fromHour: Int
    public var toHour: Int
    public var dayType: LivingPopulationCube.DayType
    public var cellMetres: Double
    public var timeLimit: Double

    public init(
        population: String, chargers: String, candidates: String, radiusMetres: Double = 500, p: Int = 10, fromHour: Int = 9, toHour: Int = 21,
        dayType: LivingPopulationCube.DayType = .all, cellMetres: Double = 250, timeLimit: Double = 30
    ) {
        self.population = population
        self.chargers = chargers
        self.candidates = candidates
        self.radiusMetres = radiusMetres
        self.p = p
        self.fromHour = fromHour
        self.toHour = toHour
        self.dayType = dayType
        self.cellMetres = cellMetres
        self.timeLimit = timeLimit
    }

    func check() throws {
        try AnalysisChecks.hours(fromHour, toHour)
        try AnalysisChecks.positive(radiusMetres, ko: "반경", en: "radius", max: 50_000)
        try AnalysisChecks.positive(cellMetres, ko: "격자 크기", en: "grid cell size", max: 5_000, min: 50)
        try AnalysisChecks.count(p, ko: "새 충전소 수(p)", en: "the number of new sites (p)")
        try AnalysisChecks.positive(timeLimit, ko: "시간 제한", en: "time limit", max: 600)
    }
}
