import MokminBase
extension AlertRule {
    /// The longest ``name`` allowed, in characters.
    public static let maxNameLength = 100
    /// The longest ``durationMinutes`` allowed: one year.
    public static let maxDurationMinutes = 525_600
    /// The largest threshold, in either direction: far past any reading a feed gives, and small enough to be shown,
    /// compared and stored exactly.
    public static let maxMagnitude = 1e9

    /// Checks the rule, throwing an ``MokminError/Kind/invalidInput`` error that names the field (in Korean and English)
    /// at the first problem.
    ///
    /// - ``name`` is not blank and at most ``maxNameLength`` characters; ``target`` is not blank (except for disaster).
    /// - threshold: ``direction`` and ``threshold`` are given, and ``clearThreshold`` lies on the clearing side (for
    ///   above: clear ≤ threshold; for below: clear ≥ threshold).
    /// - grade: ``minGrade`` is in 1...4. disaster: ``minLevel`` is given (``durationMinutes``, if given, is in
    ///   1...``maxDurationMinutes``).
    /// - slowLink: ``threshold`` > 0, ``durationMinutes`` in 1...``maxDurationMinutes``, ``direction`` absent or below.
    ///   staleFeed: ``durationMinutes`` in 1...``maxDurationMinutes``.
    /// - Every number given is finite and at most ``maxMagnitude`` in size.
    public func validate() throws(MokminError) {
        let trimmedName = AlertText.trimmed(name)
        guard !trimmedName.isEmpty else { throw Self.invalid(ko: "규칙 이름(name)이 비어 있습니다.", en: "The rule name (name) is empty.") }
        guard name.count <= Self.maxNameLength else {
            throw Self.invalid(
                ko: "규칙 이름(name)은 \(Self.maxNameLength)자 이하여야 합니다 (현재 \(name.count)자).",
                en: "The rule name (name) must be at most \(Self.maxNameLength) characters (it has \(name.count)).")
        }
        if kind != .disaster, AlertText.trimmed(target).isEmpty {
            throw Self.invalid(
                ko: "대상(target)이 비어 있습니다: 시계열 id 또는 `air/*/pm25` 같은 패턴을 입력하세요.",
                en: "The target (target) is empty: give a series id or a pattern such as `air/*/pm25`.")
        }
        for (field, number) in [("threshold", threshold), ("clearThreshold", clearThreshold)] {
            if let number, !number.isFinite || abs(number) > Self.maxMagnitude {
                throw Self.invalid(
                    ko: "\(field) 값은 -10억에서 10억 사이의 숫자여야 합니다.", en: "\(field) must be a number from -1,000,000,000 to 1,000,000,000.")
            }
        }
        switch kind {
        case .threshold: try validateThreshold()
        case .grade:
            guard let minGrade else {
                throw Self.invalid(ko: "등급 규칙에는 최소 등급(minGrade)이 필요합니다.", en: "A grade rule needs a minimum grade (minGrade).")
            }
            guard (1...4).contains(minGrade) else {
                throw Self.invalid(
                    ko: "최소 등급(minGrade)은 1(좋음)~4(매우나쁨)이어야 합니다 (입력: \(minGrade)).",
                    en: "The minimum grade (minGrade) must be 1 (good) to 4 (very bad); got \(minGrade).")
            }
        case .disaster:
            guard minLevel != nil else {
                throw Self.invalid(
                    ko: "재난문자 규칙에는 최소 단계(minLevel)가 필요합니다: 안전안내, 긴급재난 또는 위급재난.",
                    en: "A disaster rule needs a minimum level (minLevel): 안전안내, 긴급재난 or 위급재난.")
            }
            if durationMinutes != nil { try requireDuration() }
        case .slowLink:
            guard let threshold, threshold > 0 else {
                throw Self.invalid(
                    ko: "정체 구간 규칙에는 0보다 큰 속도 기준(threshold, km/h)이 필요합니다.",
                    en: "A slow-link rule needs a speed limit (threshold, km/h) greater than 0.")
            }
            if direction == .above {
                throw Self.invalid(
                    ko: "정체 구간 규칙의 방향(direction)은 below(미만)뿐입니다.", en: "A slow-link rule's direction (direction) can only be below.")
            }
            try requireDuration()
        case .staleFeed: try requireDuration()
        }
    }

    private func validateThreshold() throws(MokminError) {
        guard let direction else {
            throw Self.invalid(
                ko: "임계값 규칙에는 방향(direction)이 필요합니다: above(이상) 또는 below(이하).",
                en: "A threshold rule needs a direction (direction): above or below.")
        }
        guard let threshold else {
            throw Self.invalid(ko: "임계값 규칙에는 임계값(threshold)이 필요합니다.", en: "A threshold rule needs a threshold (threshold).")
        }
        guard let clearThreshold else { return }
        switch direction {
        case .above where clearThreshold > threshold:
            throw Self.invalid(
                ko: "해제 기준(clearThreshold) \(AlertText.number(clearThreshold))은 임계값(threshold) \(AlertText.number(threshold)) 이하여야 합니다 (above 규칙).",
                en: "The clear bound (clearThreshold) \(AlertText.number(clearThreshold)) must be at most the threshold (threshold) "
                    + "\(AlertText.number(threshold)) for an above rule.")
        case .below where clearThreshold < threshold:
            throw Self.invalid(
                ko: "해제 기준(clearThreshold) \(AlertText.number(clearThreshold))은 임계값(threshold) \(AlertText.number(threshold)) 이상이어야 합니다 (below 규칙).",
                en: "The clear bound (clearThreshold) \(AlertText.number(clearThreshold)) must be at least the threshold (threshold) "
                    + "\(AlertText.number(threshold)) for a below rule.")
        default: return
        }
    }

    private func requireDuration() throws(MokminError) {
        guard let durationMinutes, (1...Self.maxDurationMinutes).contains(durationMinutes) else {
            throw Self.invalid(
                ko: "\(kind.koreanName) 규칙에는 1~\(Self.maxDurationMinutes)분(1년)의 지속 시간(durationMinutes)이 필요합니다.",
                en: "A \(kind.englishName.lowercased()) rule needs a duration (durationMinutes) of 1 to \(Self.maxDurationMinutes) minutes (a year).")
        }
    }

    private static func invalid(ko: String, en: String) -> MokminError { MokminError(.invalidInput, ko: ko, en: en) }
}
