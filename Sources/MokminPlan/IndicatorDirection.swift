/// Whether a higher or a lower value is better.
public enum IndicatorDirection: String, Sendable, Hashable, Codable, CaseIterable {
    case higher
    case lower

    public var koreanName: String { self == .higher ? "높을수록 좋음" : "낮을수록 좋음" }
}
