/// The central government's innovation evaluation (정부혁신 평가) for one year: areas, each with indicators worth points.
public struct EvaluationFramework: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var year: Int
    public var title: String
    public var areas: [EvaluationArea]

    public init(id: Int64, year: Int, title: String, areas: [EvaluationArea]) {
        self.id = id
        self.year = year
        self.title = title
        self.areas = areas
    }

    /// Every indicator of every area, in order.
    public var indicators: [EvaluationIndicator] { areas.flatMap(\.indicators) }

    /// The points of all indicators.
    public var totalPoints: Double { indicators.reduce(0) { $0 + $1.points } }
}

/// An area of the evaluation (평가영역).
public struct EvaluationArea: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var title: String
    public var indicators: [EvaluationIndicator]

    public init(id: Int64, title: String, indicators: [EvaluationIndicator]) {
        self.id = id
        self.title = title
        self.indicators = indicators
    }
}

/// An indicator of the evaluation (평가지표) with its points and the evidence it asks for.
public struct EvaluationIndicator: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    /// The framework's numbering (`1-2`), unique within the framework.
    public var code: String
    public var title: String
    public var points: Double
    public var evidence: String

    public init(id: Int64, code: String, title: String, points: Double, evidence: String) {
        self.id = id
        self.code = code
        self.title = title
        self.points = points
        self.evidence = evidence
    }
}
