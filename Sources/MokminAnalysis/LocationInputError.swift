import Foundation
import MokminBase

/// A location instance that cannot be solved as given. The message names the problem in Korean and English.
///
/// `mokmin solve` prints `description` on standard error and exits with status 2.
public struct LocationInputError: BilingualError, Sendable, Equatable {
    /// What kind of problem the input has; stable for callers that branch on it.
    public enum Code: String, Sendable, Equatable {
        case pTooLarge
        case pInvalid
        case negativeWeight
        case invalidNumber
        case duplicateID
        case unknownExisting
        case unknownMetric
        case missingRadius
        case invalidDistance
        case shapeMismatch
        case disconnectedGraph
        case malformedLine
        case malformedJSON
        case tooLarge
        case unreachableDemand
    }

    public let code: Code
    public let message: LocalizedText

    public init(_ code: Code, korean: String, english: String) {
        self.code = code
        self.message = LocalizedText(ko: korean, en: english)
    }
}

extension LocationInputError {
    static func pTooLarge(p: Int, available: Int) -> LocationInputError {
        LocationInputError(
            .pTooLarge,
            korean: "p(\(p))가 새로 고를 수 있는 후보지 수(\(available))보다 큽니다",
            english: "p (\(p)) is larger than the number of candidate sites that can be chosen (\(available))"
        )
    }

    static func negativeWeight(id: String, weight: Double) -> LocationInputError {
        LocationInputError(
            .negativeWeight,
            korean: "수요 지점 \(id)의 가중치(\(weight))가 음수입니다",
            english: "demand point \(id) has a negative weight (\(weight))"
        )
    }

    static func invalidNumber(_ what: String, id: String) -> LocationInputError {
        LocationInputError(
            .invalidNumber,
            korean: "\(id)의 \(what) 값이 NaN 또는 무한대입니다",
            english: "\(what) of \(id) is NaN or infinite"
        )
    }

    static func duplicateID(_ id: String, among: String) -> LocationInputError {
        LocationInputError(
            .duplicateID,
            korean: "\(among) id \"\(id)\"가 두 번 이상 나옵니다",
            english: "\(among) id \"\(id)\" appears more than once"
        )
    }

    static func unknownExisting(_ id: String) -> LocationInputError {
        LocationInputError(
            .unknownExisting,
            korean: "기존 시설 \"\(id)\"가 후보지 목록에 없습니다",
            english: "existing facility \"\(id)\" is not one of the candidate sites"
        )
    }

    static func unknownMetric(_ name: String) -> LocationInputError {
        LocationInputError(
            .unknownMetric,
            korean: "알 수 없는 거리 척도 \"\(name)\" (euclidean 또는 geodesic만 가능)",
            english: "unknown metric \"\(name)\" (expected euclidean or geodesic)"
        )
    }

    static func missingRadius(_ kind: ProblemKind) -> LocationInputError {
        LocationInputError(
            .missingRadius,
            korean: "\(kind.rawValue) 문제에는 0 이상의 유한한 radius가 필요합니다",
            english: "\(kind.rawValue) needs a finite radius of at least 0"
        )
    }
}
