/// Reading administrative codes as people and files write them.
///
/// MOIS codes are accepted with 10 digits, 8 digits (the first 8, as Seoul's living-population data writes them),
/// 5 digits (시군구) and 2 digits (시도). KOSTAT codes are only read when asked for explicitly, because some 8-digit
/// KOSTAT codes are the same digits as the first 8 of a different dong's MOIS code (KOSTAT `11110530` is 노원구 월계3동,
/// MOIS `1111053000` is 종로구 사직동).
public enum RegionCodeSystem: String, Sendable, Codable, CaseIterable {
    case mois
    case kostat
}
