import Foundation
import MokminBase
import MokminCore
import MokminIngest
import MokminStore

/// Reads a feed's answer by the feed's kind: AirKorea and traffic answers placed through their location dataset,
/// generic answers through the feed's field mapping, disaster messages kept for the served regions.
struct FeedAnswerReader: Sendable {
    let datasets: any DatasetRepository
    /// The region names of the served city, for the disaster-message filter when a feed names none.
    let servedRegions: @Sendable () async -> [String]

    func read(_ data: Data, feed: Feed, settings: FeedSettings) async throws -> FeedAnswer {
        do {
            switch feed.kind {
            case .airKorea:
                let locations = try await SourceLocations.load(settings, datasets: datasets)
                let result = try AirKoreaRealtimeFeed.parse(data, stationLocations: locations.points)
                return FeedAnswer(content: .readings(result.items), issues: result.issues)
            case .traffic:
                let locations = try await SourceLocations.load(settings, datasets: datasets)
                let result = try TrafficSpeedFeed.parse(data, linkLocations: locations.points)
                return FeedAnswer(content: .readings(result.items), issues: result.issues)
            case .generic:
                guard let mapping = settings.mapping else {
                    throw MokminError(.invalidInput, ko: "필드 매핑이 없습니다", en: "The feed has no field mapping")
                }
                let result = try GenericFeed.parse(data, mapping: mapping)
                return FeedAnswer(content: .readings(result.items), issues: result.issues)
            case .disaster:
                let result = try DisasterMessageFeed.parse(data)
                var regions = settings.regions ?? []
                if regions.isEmpty { regions = await servedRegions() }
                let kept = DisasterMessageFilter.forRegions(regions).filter(DisasterMessage.deduplicated(result.items))
                return FeedAnswer(content: .messages(kept), issues: result.issues)
            }
        } catch let error as FeedError {
            throw error.mokminError
        }
    }
}

/// What a feed's answer held, read by the feed's kind.
struct FeedAnswer {
    enum Content {
        case readings([FeedReading])
        case messages([DisasterMessage])
    }
    var content: Content
    var issues: [FeedIssue]
    var count: Int {
        switch content {
        case .readings(let r): r.count
        case .messages(let m): m.count
        }
    }
    var sample: [String] {
        switch content {
        case .readings(let r):
            r.prefix(5).map { "\($0.series) \($0.time) \($0.value.map { String($0) } ?? ($0.flagged ? "flagged" : "-"))" }
        case .messages(let m): m.prefix(5).map { "\($0.serial) \($0.createdAt) [\($0.level.rawValue)] \($0.text)" }
        }
    }
}
