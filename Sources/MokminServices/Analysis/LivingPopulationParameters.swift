import Foundation
import MokminAnalysis

/// What a living-population run is asked: the dataset, and optionally the day type and a period of days.
public struct LivingPopulationParameters: Sendable, Hashable, Codable {
    public var dataset: String
    public var dayType: LivingPopulationCube.DayType

    public init(dataset: String, dayType: LivingPopulationCube.DayType = .all) {
        self.dataset = dataset
        self.dayType = dayType
    }
}
