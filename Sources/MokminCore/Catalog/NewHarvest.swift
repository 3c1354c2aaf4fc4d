import Foundation

/// What a person gives to create a harvest.
public struct NewHarvest: Sendable {
    public var datasetSlug: String
    public var url: String
    public var format: String
    public var serviceKey: String?
    public var keyParameter: String
    public var intervalMinutes: Int
    public var uniqueKey: [String]

    public init(
        datasetSlug: String, url: String, format: String, serviceKey: String?, keyParameter: String = "serviceKey", intervalMinutes: Int,
        uniqueKey: [String]
    ) {
        self.datasetSlug = datasetSlug
        self.url = url
        self.format = format
        self.serviceKey = serviceKey
        self.keyParameter = keyParameter
        self.intervalMinutes = intervalMinutes
        self.uniqueKey = uniqueKey
    }
}
