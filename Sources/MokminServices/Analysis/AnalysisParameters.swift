import Foundation
import MokminAnalysis
import MokminBase
import MokminCore

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

/// What an earthquake-shelter run is asked: night-time population, the shelters (지진옥외대피장소 layout), optional
/// candidate sites with a capacity, the walking distance and how many new shelters to choose.
public struct ShelterParameters: Sendable, Hashable, Codable {
    public var population: String
    public var shelters: String
    public var candidates: String?
    public var k: Int
    public var walkMetres: Double
    public var fromHour: Int
    public var toHour: Int
    /// Candidate capacity: this column times ``peoplePerUnit`` (default: 주차구획수 × 15, 12.5 m² per space ÷ 0.825 m² per person).
    public var candidateCapacityColumn: String
    public var peoplePerUnit: Double
    public var cellMetres: Double
    public var timeLimit: Double

    public init(
        population: String, shelters: String, candidates: String? = nil, k: Int = 3, walkMetres: Double = 500, fromHour: Int = 2, toHour: Int = 4,
        candidateCapacityColumn: String = "주차구획수", peoplePerUnit: Double = 15, cellMetres: Double = 250, timeLimit: Double = 30
    ) {
        self.population = population
        self.shelters = shelters
        self.candidates = candidates
        self.k = k
        self.walkMetres = walkMetres
        self.fromHour = fromHour
        self.toHour = toHour
        self.candidateCapacityColumn = candidateCapacityColumn
        self.peoplePerUnit = peoplePerUnit
        self.cellMetres = cellMetres
        self.timeLimit = timeLimit
    }

    func check() throws {
        try AnalysisChecks.hours(fromHour, toHour)
        try AnalysisChecks.positive(walkMetres, ko: "도보 거리", en: "walking distance", max: 10_000)
        try AnalysisChecks.positive(cellMetres, ko: "격자 크기", en: "grid cell size", max: 5_000, min: 50)
        try AnalysisChecks.positive(peoplePerUnit, ko: "단위당 수용 인원", en: "people per unit", max: 100_000)
        try AnalysisChecks.positive(timeLimit, ko: "시간 제한", en: "time limit", max: 600)
        if candidates?.isEmpty == false { try AnalysisChecks.count(k, ko: "새 대피소 수(k)", en: "the number of new shelters (k)") }
    }
}

/// What a living-population run is asked: the dataset, and optionally the day type and a period of days.
public struct LivingPopulationParameters: Sendable, Hashable, Codable {
    public var dataset: String
    public var dayType: LivingPopulationCube.DayType

    public init(dataset: String, dayType: LivingPopulationCube.DayType = .all) {
        self.dataset = dataset
        self.dayType = dayType
    }
}

/// The parameter checks, with messages naming the parameter.
enum AnalysisChecks {
    static func hours(_ from: Int, _ to: Int) throws {
        guard (0...23).contains(from), (0...23).contains(to), from <= to else {
            throw MokminError(
                .invalidInput, ko: "시간대는 0~23시이고 시작이 끝보다 늦을 수 없습니다: \(from)~\(to)",
                en: "Hours are 0–23 and the start cannot be after the end: \(from)–\(to)")
        }
    }

    static func positive(_ value: Double, ko: String, en: String, max: Double, min: Double = 0) throws {
        guard value.isFinite, value > min, value <= max else {
            throw MokminError(
                .invalidInput, ko: "\(ko)은(는) \(Int(min))보다 크고 \(Int(max)) 이하여야 합니다: \(value)",
                en: "The \(en) must be above \(Int(min)) and at most \(Int(max)): \(value)")
        }
    }

    static func count(_ value: Int, ko: String, en: String) throws {
        guard (1...500).contains(value) else {
            throw MokminError(.invalidInput, ko: "\(ko)은(는) 1에서 500 사이여야 합니다: \(value)", en: "\(en.prefix(1).uppercased() + en.dropFirst()) must be between 1 and 500: \(value)")
        }
    }
}

/// The ranges of the numbers an analyst types, for forms and APIs to state (the checks above enforce them).
public enum AnalysisLimits {
    public static let radiusMetres: ClosedRange<Double> = 1...50_000
    public static let walkMetres: ClosedRange<Double> = 1...10_000
    public static let facilities: ClosedRange<Int> = 1...500
    public static let timeLimitSeconds: ClosedRange<Double> = 1...600
}
