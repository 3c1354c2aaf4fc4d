import Foundation
import MokminBase

/// One line of a resident roster: the city's identifier (hashed on import, never stored), the 읍면동 and the age.
public struct RosterEntry: Sendable, Hashable {
    public var identifier: String
    public var profile: ResidentProfile
    public var line: Int

    public init(identifier: String, profile: ResidentProfile, line: Int) {
        self.identifier = identifier
        self.profile = profile
        self.line = line
    }
}

/// A roster file: CSV (UTF-8, optional BOM) with a header naming `identifier`, `emd_code` and `birth_year` or `age_band`
/// (Korean headers 식별번호, 읍면동코드, 출생연도, 연령대 are read too). Every bad line is reported with its number and field.
public enum RosterFile {
    public static let maxRows = 1_000_000
    public static let maxIdentifier = 100

    static let headers: [String: String] = [
        "identifier": "identifier", "식별번호": "identifier", "emd_code": "emd_code", "읍면동코드": "emd_code",
        "birth_year": "birth_year", "출생연도": "birth_year", "age_band": "age_band", "연령대": "age_band",
    ]

    public static func parse(_ text: String, fileName: String, currentYear: Int) throws -> [RosterEntry] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard let header = lines.first else {
            throw MokminError(.invalidInput, ko: "\(fileName): 빈 파일입니다", en: "\(fileName): the file is empty")
        }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map {
            headers[$0.trimmingCharacters(in: .whitespaces).lowercased()] ?? $0.trimmingCharacters(in: .whitespaces)
        }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        guard let idColumn = column("identifier"), let emdColumn = column("emd_code") else {
            throw MokminError(
                .invalidInput, ko: "\(fileName) 1행: identifier(식별번호)와 emd_code(읍면동코드) 열이 필요합니다",
                en: "\(fileName) line 1: the columns identifier and emd_code are required")
        }
        let yearColumn = column("birth_year"), bandColumn = column("age_band")
        guard yearColumn != nil || bandColumn != nil else {
            throw MokminError(
                .invalidInput, ko: "\(fileName) 1행: birth_year(출생연도) 또는 age_band(연령대) 열이 필요합니다",
                en: "\(fileName) line 1: a birth_year or age_band column is required")
        }
        guard lines.count - 1 <= maxRows else {
            throw MokminError(
                .invalidInput, ko: "\(fileName): 한 번에 \(maxRows)명까지 가져올 수 있습니다", en: "\(fileName): at most \(maxRows) residents per file")
        }
        var seen: [String: Int] = [:]
        var entries: [RosterEntry] = []
        entries.reserveCapacity(lines.count - 1)
        for (index, text) in lines.enumerated().dropFirst() {
            let line = index + 1
            func fail(_ field: String, ko: String, en: String) -> MokminError {
                MokminError(.invalidInput, ko: "\(fileName) \(line)행 \(field): \(ko)", en: "\(fileName) line \(line), field \(field): \(en)")
            }
            if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == names.count else {
                throw fail("", ko: "열이 \(names.count)개여야 하는데 \(fields.count)개입니다", en: "\(fields.count) fields where the header has \(names.count)")
            }
            let identifier = fields[idColumn]
            guard (1...maxIdentifier).contains(identifier.count) else {
                throw fail("identifier", ko: "식별번호는 1–\(maxIdentifier)자입니다", en: "an identifier has 1–\(maxIdentifier) characters")
            }
            if let earlier = seen[identifier] {
                throw fail("identifier", ko: "\(earlier)행과 같은 식별번호입니다", en: "the same identifier as line \(earlier)")
            }
            seen[identifier] = line
            let emd = fields[emdColumn]
            guard emd.count == 10, emd.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw fail("emd_code", ko: "읍면동 코드는 숫자 10자리입니다: \(emd.prefix(20))", en: "a 읍면동 code has 10 digits: \(emd.prefix(20))")
            }
            var birthYear: Int?
            var band: AgeBand?
            if let yearColumn, !fields[yearColumn].isEmpty {
                guard let year = Int(fields[yearColumn]), (1900...currentYear).contains(year) else {
                    throw fail(
                        "birth_year", ko: "출생연도는 1900–\(currentYear) 사이의 정수입니다: \(fields[yearColumn].prefix(20))",
                        en: "a birth year is a whole number in 1900–\(currentYear): \(fields[yearColumn].prefix(20))")
                }
                birthYear = year
            }
            if let bandColumn, !fields[bandColumn].isEmpty {
                guard let parsed = AgeBand(text: fields[bandColumn]) else {
                    throw fail(
                        "age_band", ko: "연령대는 0, 10, …, 70(20대, 70+)입니다: \(fields[bandColumn].prefix(20))",
                        en: "an age band is 0, 10, …, 70 (20s, 70+): \(fields[bandColumn].prefix(20))")
                }
                band = parsed
            }
            guard birthYear != nil || band != nil else {
                throw fail("birth_year", ko: "출생연도나 연령대가 필요합니다", en: "a birth year or an age band is required")
            }
            entries.append(
                RosterEntry(identifier: identifier, profile: ResidentProfile(emdCode: emd, birthYear: birthYear, ageBand: band), line: line))
        }
        guard !entries.isEmpty else {
            throw MokminError(.invalidInput, ko: "\(fileName): 주민이 한 명도 없습니다", en: "\(fileName): no residents in the file")
        }
        return entries
    }
}
