import MokminBase
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
        /// A text up to this many characters that matches the regular expression as a whole (the same expression
        /// `/openapi.json` states as the value's `pattern`).
        case pattern(String, maxLength: Int)
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
    /// Must be given (a non-empty value): refused before the handler runs otherwise. See ``required``.
    public let isRequired: Bool
    /// The OpenAPI `format` of a text the handler reads further (`date-time`), for the document only.
    public let format: String?

    /// How many members of a family one request may carry.
    public static let maxFamily = 64

    public init(
        _ name: String, _ kind: Kind, in location: Location = .query, repeatable: Bool = false, family: Bool = false, required: Bool = false,
        format: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.location = location
        self.repeatable = repeatable
        self.isFamily = family
        self.isRequired = required
        self.format = format
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

    /// A text matching `pattern` as a whole (anchors are added), at most `max` characters.
    public static func pattern(_ name: String, _ pattern: String, max: Int, in location: Location = .query) -> Parameter {
        Parameter(name, .pattern(pattern, maxLength: max), in: location)
    }

    public static func choice(_ name: String, _ words: [String], in location: Location = .query) -> Parameter {
        Parameter(name, .choice(words), in: location)
    }

    public static func flag(_ name: String, in location: Location = .query) -> Parameter {
        Parameter(name, .flag, in: location)
    }

    /// The same parameter read from a form body instead of the query string.
    public var inForm: Parameter { Parameter(name, kind, in: .form, repeatable: repeatable, family: isFamily, required: isRequired, format: format) }

    /// The same parameter, which must be given: a request without it (or with only an empty value) is refused before
    /// the handler runs, and `/openapi.json` marks it `required`.
    public var required: Parameter { Parameter(name, kind, in: location, repeatable: repeatable, family: isFamily, required: true, format: format) }

    /// The same parameter, documented in `/openapi.json` with this `format` (the handler checks it).
    public func documented(format: String) -> Parameter {
        Parameter(name, kind, in: location, repeatable: repeatable, family: isFamily, required: isRequired, format: format)
    }

    public var description: String { "\(location.rawValue) \(name)\(isFamily ? "*" : "")" }

    /// C0 controls other than tab, line feed and carriage return, and DEL: nothing a person types, and NUL cuts a
    /// text short in SQLite's functions.
    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0x7F }
    }

    /// Whether the whole of `text` matches `pattern` (a regular expression in the common subset of ICU's and
    /// ECMAScript's, as JSON Schema reads it).
    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let expression = compiled(pattern) else { return false }
        let range = NSRange(text.startIndex..., in: text)
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }

    /// The anchored expressions of the declared patterns, compiled once each (a route's patterns are fixed in code).
    private static let expressions = Mutex<[String: NSRegularExpression]>([:])

    private static func compiled(_ pattern: String) -> NSRegularExpression? {
        if let cached = expressions.withLock({ $0[pattern] }) { return cached }
        guard let expression = try? NSRegularExpression(pattern: "^(?:\(pattern))$") else { return nil }
        expressions.withLock { $0[pattern] = expression }
        return expression
    }

    static let trueWords: Set<String> = ["1", "true", "yes", "on"]
    static let falseWords: Set<String> = ["0", "false", "no", "off"]

    // MARK: Checking one value

    /// The refusal for a value of this parameter, in both languages.
    func refusal(_ what: (ko: String, en: String), name shown: String? = nil) -> MokminError {
        let label = shown ?? name
        return MokminError(.invalidInput, ko: "\(label): \(what.ko)", en: "\(label): \(what.en)")
    }

    /// Checks `raw` against the kind and returns it unchanged. Throws a 400-kind error that names the parameter.
    ///
    /// Whatever the kind, a value with a control character (``hasControlCharacters(_:)``) is refused, wherever the
    /// character stands. A text's length is counted on the value as given, in Unicode code points (what JSON Schema's
    /// `maxLength` counts, so `/openapi.json` states the limit exactly); numbers, choices and flags are read with the
    /// surrounding white space trimmed, so a value of white space alone is not a number.
    func check(_ raw: String, name shown: String? = nil) throws -> String {
        guard !Self.hasControlCharacters(raw) else {
            throw refusal(("제어 문자(NUL 등)를 쓸 수 없습니다", "must not contain control characters (such as NUL)"), name: shown)
        }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        switch kind {
        case .integer(let range):
            _ = try integerValue(trimmed, range: range, name: shown)
        case .number(let range):
            _ = try numberValue(trimmed, range: range, name: shown)
        case .text(let maxLength):
            let length = raw.unicodeScalars.count
            guard length <= maxLength else {
                throw refusal(("\(maxLength)자를 넘을 수 없습니다 (\(length)자)", "at most \(maxLength) characters (got \(length))"), name: shown)
            }
        case .pattern(let pattern, let maxLength):
            let length = raw.unicodeScalars.count
            guard length <= maxLength else {
                throw refusal(("\(maxLength)자를 넘을 수 없습니다 (\(length)자)", "at most \(maxLength) characters (got \(length))"), name: shown)
            }
            guard Self.matches(raw, pattern) else {
                throw refusal(("형식이 맞지 않습니다 (\(pattern))", "does not have the expected form (\(pattern))"), name: shown)
            }
        case .choice(let words):
            guard words.contains(trimmed) else {
                let list = words.joined(separator: ", ")
                throw refusal(("\(list) 중 하나여야 합니다", "must be one of \(list)"), name: shown)
            }
        case .flag:
            guard Self.trueWords.contains(trimmed.lowercased()) || Self.falseWords.contains(trimmed.lowercased()) else {
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
import Synchronization
