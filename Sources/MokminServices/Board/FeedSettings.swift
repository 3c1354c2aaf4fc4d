import Foundation
import MokminBase
import MokminCore
import MokminIngest

/// A feed's own configuration, stored as JSON with the feed.
///
/// - AirKorea and traffic feeds take their stations' or links' positions from a data-hub dataset that the analyst maps:
///   ``locationDataset`` (its slug), ``keyColumn`` (the station name or link id) and either ``longitudeColumn`` and
///   ``latitudeColumn`` (WGS84 degrees) or, when those are absent, each row's geometry (a GeoJSON import; a link's
///   line is drawn on the board).
/// - Disaster message feeds keep the messages for ``regions`` (default: the served city's name).
/// - Generic feeds need a ``mapping``.
/// - ``query`` adds fixed query parameters to every call (`sidoName=세종`, `returnType=json`, `ver=1.3`, …).
public struct FeedSettings: Sendable, Hashable, Codable {
    public var locationDataset: String?
    public var keyColumn: String?
    public var longitudeColumn: String?
    public var latitudeColumn: String?
    /// A column naming each station or link for people (a link's road name), shown on the board.
    public var labelColumn: String?
    public var regions: [String]?
    public var mapping: GenericFeedMapping?
    public var query: [String: String]?

    public init(
        locationDataset: String? = nil, keyColumn: String? = nil, longitudeColumn: String? = nil, latitudeColumn: String? = nil,
        labelColumn: String? = nil, regions: [String]? = nil, mapping: GenericFeedMapping? = nil, query: [String: String]? = nil
    ) {
        self.locationDataset = locationDataset
        self.keyColumn = keyColumn
        self.longitudeColumn = longitudeColumn
        self.latitudeColumn = latitudeColumn
        self.labelColumn = labelColumn
        self.regions = regions
        self.mapping = mapping
        self.query = query
    }

    /// Reads stored settings; `{}` or an empty text is no settings.
    public static func decode(_ text: String) throws -> FeedSettings {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return FeedSettings() }
        do {
            return try JSONDecoder().decode(FeedSettings.self, from: Data(text.utf8))
        } catch {
            throw MokminError(
                .invalidInput, ko: "피드 설정(JSON)을 읽을 수 없습니다: \(Self.describe(error))",
                en: "The feed settings (JSON) cannot be read: \(Self.describe(error))")
        }
    }

    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }

    /// The checks that need no database, per kind.
    func check(for kind: FeedKind) throws {
        if locationDataset != nil || keyColumn != nil {
            guard kind == .airKorea || kind == .traffic else {
                throw MokminError(
                    .invalidInput, ko: "위치 데이터셋은 대기질과 교통 피드에만 씁니다", en: "A location dataset is only for air-quality and traffic feeds")
            }
            guard locationDataset?.isEmpty == false, keyColumn?.isEmpty == false else {
                throw MokminError(
                    .invalidInput, ko: "위치 데이터셋(locationDataset)과 키 열(keyColumn)을 함께 지정하세요",
                    en: "Give both locationDataset and keyColumn")
            }
        }
        guard (longitudeColumn == nil) == (latitudeColumn == nil) else {
            throw MokminError(.invalidInput, ko: "경도 열과 위도 열은 함께 지정해야 합니다", en: "Give both longitudeColumn and latitudeColumn, or neither")
        }
        switch kind {
        case .generic:
            guard let mapping else {
                throw MokminError(
                    .invalidInput, ko: "일반 피드에는 필드 매핑(mapping)이 필요합니다", en: "A generic feed needs a field mapping (mapping)")
            }
            try mapping.validate()
        case .disaster:
            if let regions, regions.isEmpty || regions.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw MokminError(.invalidInput, ko: "지역 이름(regions)이 비어 있습니다", en: "A region name (regions) is empty")
            }
        case .airKorea, .traffic:
            break
        }
        if mapping != nil && kind != .generic {
            throw MokminError(.invalidInput, ko: "필드 매핑은 일반 피드에만 씁니다", en: "A field mapping is only for generic feeds")
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return (context.codingPath + [key]).map(\.stringValue).joined(separator: ".") + ": missing / 없음"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default:
            return String(describing: error)
        }
    }
}
