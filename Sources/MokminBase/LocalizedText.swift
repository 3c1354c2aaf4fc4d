/// A sentence a person reads, in Korean first and English second.
public struct LocalizedText: Sendable, Hashable, Codable, CustomStringConvertible {
    public var ko: String
    public var en: String

    public init(ko: String, en: String) {
        self.ko = ko
        self.en = en
    }

    /// The text in the given language (`en` for English, anything else Korean).
    public func text(_ language: String) -> String { language == "en" ? en : ko }

    /// Both languages on one line, Korean first: what the command line prints.
    public var description: String { "\(ko) / \(en)" }
}
