/// The published formats a live feed can read.
public enum FeedKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// AirKorea real-time measurements by province (`getCtprvnRltmMesureDnsty`).
    case airKorea = "airkorea"
    /// Disaster text messages from the safety data portal (`DSSP-IF-00247`).
    case disaster
    /// Traffic speed per road link (national ITS `trafficInfo`, or a city's detectors in the same shape).
    case traffic
    /// Any JSON or CSV endpoint whose fields an analyst maps.
    case generic

    /// 대기질 (에어코리아), 재난문자, 교통 소통, 일반 피드.
    public var koreanName: String {
        switch self {
        case .airKorea: "대기질 (에어코리아)"
        case .disaster: "재난문자"
        case .traffic: "교통 소통"
        case .generic: "일반 피드"
        }
    }

    public var englishName: String {
        switch self {
        case .airKorea: "Air quality (AirKorea)"
        case .disaster: "Disaster messages"
        case .traffic: "Traffic speed"
        case .generic: "Generic feed"
        }
    }
}
