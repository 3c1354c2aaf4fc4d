import MokminCore

/// Coding keys of a type that keeps its reason as two flat strings, `reasonKo` and `reasonEn` (the shape import
/// reports and feed issues were stored in).
protocol FlatReasonKeys: CodingKey {
    static var reasonKo: Self { get }
    static var reasonEn: Self { get }
}

extension KeyedDecodingContainer where K: FlatReasonKeys {
    func decodeReason() throws -> LocalizedText {
        LocalizedText(ko: try decode(String.self, forKey: .reasonKo), en: try decode(String.self, forKey: .reasonEn))
    }
}

extension KeyedEncodingContainer where K: FlatReasonKeys {
    mutating func encodeReason(_ reason: LocalizedText) throws {
        try encode(reason.ko, forKey: .reasonKo)
        try encode(reason.en, forKey: .reasonEn)
    }
}
