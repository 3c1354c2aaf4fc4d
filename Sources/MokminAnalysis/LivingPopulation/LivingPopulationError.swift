import Foundation

/// A living-population file or row that cannot be read. The message says what and where, in Korean first, then English.
///
/// Errors from ``LivingPopulationColumns/locate(header:)`` name every missing column; errors from
/// ``LivingPopulationParser/record(_:columns:)`` name the field and the value that was rejected.
public struct LivingPopulationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message in Korean.
    public var ko: String
    /// The same message in English.
    public var en: String

    public init(ko: String, en: String) {
        self.ko = ko
        self.en = en
    }

    /// `"한국어 / English"`.
    public var description: String { "\(ko) / \(en)" }
}
