import MokminCore

/// A value a person can type into a query string or a form, with the bounded range it must fall in.
///
/// Every route declares the parameters it reads when it is registered (``SecuredRouter``); the query parameters are
/// checked before the handler runs, and handlers read values only through ``ParameterValues`` with these
/// declarations, so no number a person types can overflow, no text can be unbounded, and a test can walk every
/// route sending hostile values to every parameter it declares.
public struct Parameter: Sendable, Hashable, CustomStringConvertible {
    /// What a value must look like.
    public enum Kind: Sendable, Hashable {
        /// A whole number in the range (written in decimal digits, optionally signed).
        case integer(ClosedRange<Int>)
        /// A finite decimal number in the range (NaN and infinities are refused).
        case number(ClosedRange<Double>)
        /// Any text up to this many characters.
        case text(maxLength: Int)
        /// One of these words.
        case choice([String])
        /// On or off: `1`, `true`, `yes`, `on` or `0`, `false`, `no`, `off` (a checkbox sends `on`).
        case flag
    }

    /// Where the value comes from.
    public enum Location: String, Sendable, Hashable {
        case query
        case form
    }

    /// The parameter's name; for a family (``isFamily``) the prefix before the column name (`filter.`).
    public let name: String
    public let kind: Kind
    public let location: Location
    /// May be given more than once (`tag=a&tag=b`); otherwise a repeated name is refused.
    public let repeatable: Bool
    /// A family of parameters named `<name><suffix>` (`filter.측정소명=…`, `type.코드=text`), at most ``maxFamily``.
    public let isFamily: Bool

    /// How many members of a family one request may carry.
    public static let maxFamily = 64

    public init(_ name: String, _ kind: Kind, in location: Location = .query, repeatable: Bool = false, family: Bool = false) {
        self.name = name
        self.kind = kind
        self.location = location
        self.repeatable = repeatable
        self.isFamily = family
    }

    public static func integer(_ name: String, _ range: ClosedRange<Int>, in location: Location = .query) -> Parameter {
        Parameter(name, .integer(range), in: location)
    }

    public static func number(_ name: String, _ range: ClosedRange<Double>, in location: Location = .query) -> Parameter {
        Parameter(name, .number(range), in: location)
    }

    public static func text(_ name: String, max: Int = 200, in location: Location = .query, repeatable: Bool = false) -> Parameter {
        Parameter(name, .text(maxLength: max), in: location, repeatable: repeatable)
    }

    public static func choice(_ name: String, _ words: [String], in location: Location = .query) -> Parameter {
        Parameter(name, .choice(words), in: location)
    }

    public static func flag(_ name: String, in location: Location = .query) -> Parameter {
        Parameter(name, .flag, in: location)
    }

    /// The same parameter read from a form body instead of the query string.
    public var inForm: Parameter { Parameter(name, kind, in: .form, repeatable: repeatable, family: isFamily) }

    public var description: String { "\(location.rawValue) \(name)\(isFamily ? "*" : "")" }

    /// C0 controls other than tab, line feed and carriage return, and DEL: nothing a person types, and NUL cuts a
    /// text short in SQLite's functions.
    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0x7F }
    }

    static let trueWords: Set<String> = ["1", "true", "yes", "on"]
    static let falseWords: Set<String> = ["0", "false", "no", "off"]

    // MARK: Checking one value

    /// The refusal for a value of this parameter, in both languages.
    func refusal(_ what: (ko: String, en: String), name shown: String? = nil) -> MokminError {
        let label = shown ?? name
        return MokminError(.invalidInput, ko: "\(label): \(what.ko)", en: "\(label): \(what.en)")
    }

    /// Checks `raw` against the kind; the value as text, trimmed. Throws a 400-kind error that names the parameter.
    func check(_ raw: String, name shown: String? = nil) throws -> String {
        switch kind {
        case .integer(let range):
            _ = try integerValue(raw, range: range, name: shown)
        case .number(let range):
            _ = try numberValue(raw, range: range, name: shown)
        case .text(let maxLength):
            guard raw.count <= maxLength else {
                throw refusal(("\(maxLength)자를 넘을 수 없습니다 (\(raw.count)자)", "at most \(maxLength) characters (got \(raw.count))"), name: shown)
            }
            guard !Self.hasControlCharacters(raw) else {
                throw refusal(("제어 문자(NUL 등)를 쓸 수 없습니다", "must not contain control characters (such as NUL)"), name: shown)
            }
        case .choice(let words):
            guard words.contains(raw) else {
                let list = words.joined(separator: ", ")
                throw refusal(("\(list) 중 하나여야 합니다", "must be one of \(list)"), name: shown)
            }
        case .flag:
            guard Self.trueWords.contains(raw.lowercased()) || Self.falseWords.contains(raw.lowercased()) else {
                throw refusal(("1/0, true/false, on/off 중 하나여야 합니다", "must be 1/0, true/false or on/off"), name: shown)
            }
        }
        return raw
    }

    func integerValue(_ raw: String, range: ClosedRange<Int>, name shown: String? = nil) throws -> Int {
        let text = raw.trimmingCharacters(in: .whitespaces)
        // Digits only (an optional sign): `Int(_:)` refuses what does not fit, so nothing here can overflow.
        guard text.count <= 24, let value = Int(text), range.contains(value) else {
            throw refusal(
                ("\(range.lowerBound)에서 \(range.upperBound) 사이의 정수여야 합니다", "must be a whole number from \(range.lowerBound) to \(range.upperBound)"),
                name: shown)
        }
        return value
    }

    func numberValue(_ raw: String, range: ClosedRange<Double>, name shown: String? = nil) throws -> Double {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard text.count <= 32, let value = Double(text), value.isFinite, range.contains(value) else {
            let low = Self.format(range.lowerBound), high = Self.format(range.upperBound)
            throw refusal(("\(low)에서 \(high) 사이의 숫자여야 합니다", "must be a number from \(low) to \(high)"), name: shown)
        }
        return value
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

import Foundation
