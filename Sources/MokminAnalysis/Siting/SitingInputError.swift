import Foundation
import MokminBase
import MokminGeo

/// Input the siting analyses (`ShelterAdequacy`, `ShelterSiting`, `EVChargerSiting`) cannot use, said in Korean and English.
///
/// `LocationInputError` is not reused because its `Code` has no case for an empty list or a missing capacity, and
/// borrowing an unrelated code would mislead callers that branch on it.
public struct SitingInputError: BilingualError, Sendable, Hashable {
    public var message: LocalizedText

    public init(ko: String, en: String) {
        message = LocalizedText(ko: ko, en: en)
    }
}

extension SitingInputError {
    /// What a list holds, for messages: "인구 지점" / "population place" / "population places".
    struct Role: Sendable {
        let ko: String
        let en: String
        let enPlural: String

        static let population = Role(ko: "인구 지점", en: "population place", enPlural: "population places")
        static let demand = Role(ko: "수요 지점", en: "demand place", enPlural: "demand places")
        static let shelter = Role(ko: "대피소", en: "shelter", enPlural: "shelters")
        static let candidateShelter = Role(ko: "후보 대피소", en: "candidate shelter", enPlural: "candidate shelters")
        static let allShelters = Role(ko: "기존·후보 대피소", en: "shelter", enPlural: "existing and candidate shelters")
        static let charger = Role(ko: "기존 충전소", en: "existing charger", enPlural: "existing chargers")
        static let candidateCharger = Role(ko: "충전소 후보지", en: "candidate charger site", enPlural: "candidate charger sites")
        static let allChargers = Role(ko: "기존 충전소·후보지", en: "charger", enPlural: "existing chargers and candidate sites")
    }

    static func emptyList(_ role: Role) -> SitingInputError {
        SitingInputError(ko: "\(role.ko) 목록이 비어 있습니다", en: "the list of \(role.enPlural) is empty")
    }

    static func walkDistance(_ value: Double) -> SitingInputError {
        SitingInputError(
            ko: "도보 거리(walkMetres)는 0보다 큰 유한한 미터 값이어야 합니다 (입력값 \(format(value)))",
            en: "the walking distance (walkMetres) must be a finite number of metres above 0, not \(format(value))"
        )
    }

    static func radius(_ value: Double) -> SitingInputError {
        SitingInputError(
            ko: "충전 반경(radiusMetres)은 0보다 큰 유한한 미터 값이어야 합니다 (입력값 \(format(value)))",
            en: "the coverage radius (radiusMetres) must be a finite number of metres above 0, not \(format(value))"
        )
    }

    /// `letter` is the parameter (k, p); `ko`/`en` name what is counted ("대피소" / "shelters").
    static func countTooSmall(_ letter: String, _ value: Int, ko: String, en: String) -> SitingInputError {
        SitingInputError(
            ko: "새로 고를 \(ko) 수 \(letter)(\(value))는 1 이상이어야 합니다",
            en: "\(letter) (\(value)), the number of new \(en) to choose, must be at least 1"
        )
    }

    static func countTooLarge(_ letter: String, _ value: Int, available: Int, ko: String, en: String) -> SitingInputError {
        SitingInputError(
            ko: "새로 고를 \(ko) 수 \(letter)(\(value))가 후보지 수(\(available))보다 많습니다",
            en: "\(letter) (\(value)), the number of new \(en) to choose, is more than the \(available) candidate sites"
        )
    }

    static func missingCapacity(_ facility: Facility, _ role: Role) -> SitingInputError {
        SitingInputError(
            ko: "\(role.ko) \"\(facility.name)\"(\(facility.id))에 수용 인원(capacity)이 없습니다",
            en: "\(role.en) \"\(facility.name)\" (\(facility.id)) has no capacity"
        )
    }

    static func invalidCapacity(_ facility: Facility, _ role: Role, _ value: Double) -> SitingInputError {
        SitingInputError(
            ko: "\(role.ko) \"\(facility.name)\"(\(facility.id))의 수용 인원은 0보다 큰 유한한 값이어야 합니다 (입력값 \(format(value)))",
            en: "\(role.en) \"\(facility.name)\" (\(facility.id)) must have a finite capacity above 0, not \(format(value))"
        )
    }

    static func negativeWeight(_ place: WeightedPlace, _ role: Role) -> SitingInputError {
        SitingInputError(
            ko: "\(role.ko) \(place.id)의 가중치가 음수입니다 (\(format(place.weight)))",
            en: "\(role.en) \(place.id) has a negative weight (\(format(place.weight)))"
        )
    }

    static func invalidWeight(_ place: WeightedPlace, _ role: Role) -> SitingInputError {
        SitingInputError(
            ko: "\(role.ko) \(place.id)의 가중치가 NaN 또는 무한대입니다",
            en: "the weight of \(role.en) \(place.id) is NaN or infinite"
        )
    }

    static func invalidLocation(_ id: String, _ role: Role, _ point: GeoPoint) -> SitingInputError {
        // Not `GeoPoint.description`, which traps on coordinates too large for an Int.
        let location = "\(format(point.lon)),\(format(point.lat))"
        return SitingInputError(
            ko: "\(role.ko) \(id)의 경위도(\(location))가 NaN이거나 범위를 벗어났습니다",
            en: "\(role.en) \(id) has a longitude/latitude (\(location)) that is NaN or out of range"
        )
    }

    static func duplicateID(_ id: String, _ role: Role) -> SitingInputError {
        SitingInputError(
            ko: "\(role.ko) id \"\(id)\"가 두 번 이상 나옵니다",
            en: "id \"\(id)\" appears more than once among the \(role.enPlural)"
        )
    }

    static func timeLimit(_ value: Double) -> SitingInputError {
        SitingInputError(
            ko: "시간 제한(timeLimit)은 0 이상의 유한한 초 값이어야 합니다 (입력값 \(format(value)))",
            en: "the time limit (timeLimit) must be a finite number of seconds, at least 0, not \(format(value))"
        )
    }

    /// Whole numbers without ".0"; everything else as Swift prints it.
    static func format(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
