import Foundation

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
