/// A measure of a task's progress (성과지표) from a baseline towards a target.
public struct Indicator: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var taskID: Int64
    public var name: String
    public var unit: String
    public var baseline: Double
    public var target: Double
    public var direction: IndicatorDirection
    /// Its share in the task's progress, relative to the task's other indicators (positive).
    public var weight: Double
    public var source: IndicatorSource

    public init(
        id: Int64, taskID: Int64, name: String, unit: String, baseline: Double, target: Double, direction: IndicatorDirection,
        weight: Double, source: IndicatorSource
    ) {
        self.id = id
        self.taskID = taskID
        self.name = name
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.direction = direction
        self.weight = weight
        self.source = source
    }

    /// How far `value` has come from the baseline to the target, between 0 and 1:
    /// `clamp((value − baseline) / (target − baseline), 0, 1)`, the same with signs reversed when lower is better. When
    /// the target equals the baseline, 1 if the value meets it and 0 if not.
    public func progress(of value: Double) -> Double {
        guard value.isFinite else { return 0 }
        let span = target - baseline
        if span == 0 || !span.isFinite {
            switch direction {
            case .higher: return value >= target ? 1 : 0
            case .lower: return value <= target ? 1 : 0
            }
        }
        // (value − baseline) / (target − baseline) reads the same for both directions: when lower is better the target
        // lies below the baseline and both differences change sign together. A target on the wrong side of the
        // baseline is refused when the plan is stored.
        return min(max((value - baseline) / span, 0), 1)
    }
}
