import Foundation
import MokminAnalysis
import MokminCore

/// The saved result of a living-population run: per 읍면동 profiles and the choropleth of every hour.
public struct LivingPopulationOutcome: Sendable, Codable {
    public struct Area: Sendable, Codable {
        public var code: String
        public var regionCode: String?
        public var name: String
        public var meanTotal: Double
        /// 24 hourly means over the chosen day type, and separately weekdays and weekends.
        public var profile: [Double?]
        public var weekday: [Double?]
        public var weekend: [Double?]
        public var dayNightRatio: Double?
        public var peakHour: Int?
        public var pyramidMale: [Double]
        public var pyramidFemale: [Double]
    }

    public var parameters: LivingPopulationParameters
    public var versions: [String: Int]
    public var firstDay: String
    public var lastDay: String
    public var records: Int
    public var areas: [Area]
    /// Hour (0–23) → dong code → mean population; index 24 is the mean over all hours.
    public var choropleth: [[String: Double]]
    public var unmatchedCodes: [String]
    /// Seconds spent reading the rows from the store, parsing them, and aggregating (cube, profiles, choropleths).
    public var readSeconds: Double?
    public var parseSeconds: Double?
    public var aggregateSeconds: Double?
}
