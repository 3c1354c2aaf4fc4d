import Foundation

/// The ranges of the numbers an analyst types, for forms and APIs to state (the checks above enforce them).
public enum AnalysisLimits {
    public static let radiusMetres: ClosedRange<Double> = 1...50_000
    public static let walkMetres: ClosedRange<Double> = 1...10_000
    public static let facilities: ClosedRange<Int> = 1...500
    public static let timeLimitSeconds: ClosedRange<Double> = 1...600
}
