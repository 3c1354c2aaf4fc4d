import Foundation
import MokminBase

/// The parameter checks, with messages naming the parameter.
enum AnalysisChecks {
    static func hours(_ from: Int, _ to: Int) throws {
        guard (0...23).contains(from), (0...23).contains(to), from <= to else {
            throw MokminError(
                .invalidInput, ko: "시간대는 0~23시이고 시작이 끝보다 늦을 수 없습니다: \(from)~\(to)",
                en: "Hours are 0–23 and the start cannot be after the end: \(from)–\(to)")
        }
    }

    static func positive(_ value: Double, ko: String, en: String, max: Double, min: Double = 0) throws {
        guard value.isFinite, value > min, value <= max else {
            throw MokminError(
                .invalidInput, ko: "\(ko)은(는) \(Int(min))보다 크고 \(Int(max)) 이하여야 합니다: \(value)",
                en: "The \(en) must be above \(Int(min)) and at most \(Int(max)): \(value)")
        }
    }

    static func count(_ value: Int, ko: String, en: String) throws {
        guard (1...500).contains(value) else {
            throw MokminError(.invalidInput, ko: "\(ko)은(는) 1에서 500 사이여야 합니다: \(value)", en: "\(en.prefix(1).uppercased() + en.dropFirst()) must be between 1 and 500: \(value)")
        }
    }
}
