import Foundation
import MokminBase

/// A living-population file or row that cannot be read. The message says what and where, in Korean first, then English.
///
/// Errors from ``LivingPopulationColumns/locate(header:)`` name every missing column; errors from
/// ``LivingPopulationParser/record(_:columns:)`` name the field and the value that was rejected.
public struct LivingPopulationError: BilingualError, Sendable, Hashable {
    public var message: LocalizedText

    public init(ko: String, en: String) {
        message = LocalizedText(ko: ko, en: en)
    }
}
