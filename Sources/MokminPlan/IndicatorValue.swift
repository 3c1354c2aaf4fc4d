import Foundation
import MokminCore

/// One value of an indicator for one period, with where it came from: a dataset version (computed) or a report (typed).
public struct IndicatorValue: Sendable, Hashable, Codable {
    public var indicatorID: Int64
    public var period: Period
    public var value: Double
    /// The dataset version it was computed from; nil when typed in a report.
    public var datasetVersionID: Int64?
    /// That version's number, for showing ("v3").
    public var datasetVersionNumber: Int?
    public var recordedAt: Date

    public init(indicatorID: Int64, period: Period, value: Double, datasetVersionID: Int64? = nil, datasetVersionNumber: Int? = nil, recordedAt: Date)
    {
        self.indicatorID = indicatorID
        self.period = period
        self.value = value
        self.datasetVersionID = datasetVersionID
        self.datasetVersionNumber = datasetVersionNumber
        self.recordedAt = recordedAt
    }
}
