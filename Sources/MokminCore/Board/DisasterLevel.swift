/// The three emergency levels of Korean cell broadcast messages, ordered by severity.
public enum DisasterLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// 안전안내: safety guidance (heat, fine dust, traffic control, …).
    case safetyGuidance = "안전안내"
    /// 긴급재난: an emergency (heavy rain warning, earthquake, …).
    case emergency = "긴급재난"
    /// 위급재난: an extreme emergency (air raid, major earthquake).
    case extremeEmergency = "위급재난"

    /// 1 for 안전안내, 2 for 긴급재난, 3 for 위급재난.
    public var severity: Int {
        switch self {
        case .safetyGuidance: 1
        case .emergency: 2
        case .extremeEmergency: 3
        }
    }

    /// The Korean name as the portal writes it.
    public var koreanName: String { rawValue }

    /// Safety guidance, Emergency, Extreme emergency.
    public var englishName: String {
        switch self {
        case .safetyGuidance: "Safety guidance"
        case .emergency: "Emergency"
        case .extremeEmergency: "Extreme emergency"
        }
    }

    /// Reads the portal's text, ignoring spaces (`긴급 재난` is 긴급재난).
    public init?(text: String) {
        self.init(rawValue: text.filter { !$0.isWhitespace })
    }

    public static func < (lhs: DisasterLevel, rhs: DisasterLevel) -> Bool { lhs.severity < rhs.severity }
}
