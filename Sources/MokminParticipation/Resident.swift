import Foundation
import MokminBase

/// How a resident was verified: from the city's roster, or with a one-time code the city issued.
public enum ResidentSource: String, Sendable, Codable {
    case roster
    case code
}

/// A ten-year age band (the breakdown results are shown by): 0 means under 10 … 70 means 70 and older.
public struct AgeBand: RawRepresentable, Sendable, Hashable, Comparable, Codable {
    public let rawValue: Int
    public static let all: [AgeBand] = stride(from: 0, through: 70, by: 10).map { AgeBand(rawValue: $0)! }

    public init?(rawValue: Int) {
        guard rawValue >= 0, rawValue <= 70, rawValue % 10 == 0 else { return nil }
        self.rawValue = rawValue
    }

    /// The band an age falls in (70 and older in the last).
    public init(age: Int) { rawValue = min(max(age, 0) / 10 * 10, 70) }

    /// Reads `20`, `20대`, `20s`, `70+`, `70대 이상`.
    public init?(text: String) {
        let digits = text.trimmingCharacters(in: .whitespaces).prefix { $0.isASCII && $0.isNumber }
        guard let value = Int(digits), let band = AgeBand(rawValue: value) else { return nil }
        let rest = text.trimmingCharacters(in: .whitespaces).dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard ["", "대", "s", "+", "대 이상", "세 이상"].contains(rest) else { return nil }
        self = band
    }

    public var label: LocalizedText {
        switch rawValue {
        case 0: LocalizedText(ko: "10세 미만", en: "under 10")
        case 70: LocalizedText(ko: "70대 이상", en: "70 and over")
        default: LocalizedText(ko: "\(rawValue)대", en: "\(rawValue)s")
        }
    }

    public static func < (a: AgeBand, b: AgeBand) -> Bool { a.rawValue < b.rawValue }
}

/// A verified resident: where they live and how old they are, nothing else. The city's identifier is kept only as a
/// salted hash (roster residents); a code resident has none.
public struct Resident: Sendable, Hashable {
    public var id: Int64
    public var source: ResidentSource
    /// The 읍면동's 10-digit code.
    public var emdCode: String
    public var birthYear: Int?
    /// The roster's band, when it gives a band and not a birth year.
    public var ageBand: AgeBand?
    public var isDemo: Bool

    public init(id: Int64, source: ResidentSource, emdCode: String, birthYear: Int?, ageBand: AgeBand?, isDemo: Bool = false) {
        self.id = id
        self.source = source
        self.emdCode = emdCode
        self.birthYear = birthYear
        self.ageBand = ageBand
        self.isDemo = isDemo
    }

    /// The age band in `year`: from the birth year (연 나이, this year minus the birth year) when known, else the band.
    public func band(inYear year: Int) -> AgeBand {
        if let birthYear { return AgeBand(age: year - birthYear) }
        return ageBand ?? AgeBand(age: 0)
    }

    /// Whether the resident is at least `age` in `year`. With only a band, the band's lowest age counts (a resident of
    /// the 10s band is not taken to be 18).
    public func isAtLeast(_ age: Int, inYear year: Int) -> Bool {
        if age <= 0 { return true }
        if let birthYear { return year - birthYear >= age }
        return (ageBand?.rawValue ?? 0) >= age
    }
}

/// The parts of a resident that do not depend on how they were verified.
public struct ResidentProfile: Sendable, Hashable {
    public var emdCode: String
    public var birthYear: Int?
    public var ageBand: AgeBand?

    public init(emdCode: String, birthYear: Int?, ageBand: AgeBand?) {
        self.emdCode = emdCode
        self.birthYear = birthYear
        self.ageBand = ageBand
    }
}

/// A one-time code: twelve characters a person can read off paper and type on a phone (no 0/O, 1/I/L), in three
/// groups, from the system's secure generator (about 59 bits).
public enum ResidentCode {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }
        return [raw[0..<4], raw[4..<8], raw[8..<12]].map { String($0) }.joined(separator: "-")
    }

    /// What a person typed, as the code is stored: upper case, without spaces and dashes; nil when it cannot be a code.
    public static func normalize(_ typed: String) -> String? {
        let kept = typed.uppercased().filter { $0 != "-" && $0 != " " }
        guard kept.count == 12, kept.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return kept
    }
}
