/// Why a GeoJSON file could not be read, in Korean and English, with the feature it concerns.
import MokminBase
public struct GeoJSONError: BilingualError, Sendable {
    /// The 0-based index into `features`, or nil when the problem is with the whole file.
    public var featureIndex: Int?
    public var message: LocalizedText

    /// Creates an error.
    public init(featureIndex: Int?, message: LocalizedText) {
        self.featureIndex = featureIndex
        self.message = message
    }

    /// Creates an error about one feature, prefixing both languages with its ordinal and index:
    /// "3번째 피처(features[2])의 … / feature 3 (features[2]): …".
    init(feature index: Int, korean: String, english: String) {
        featureIndex = index
        message = LocalizedText(ko: "\(index + 1)번째 피처(features[\(index)])의 \(korean)", en: "feature \(index + 1) (features[\(index)]): \(english)")
    }

    /// Creates an error about the whole file.
    init(korean: String, english: String) {
        featureIndex = nil
        message = LocalizedText(ko: korean, en: english)
    }
}
