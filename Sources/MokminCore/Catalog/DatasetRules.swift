
/// What catalog metadata must look like; checked before anything is written, whichever way it came in (command line,
/// upload form, edit form, JSON API, harvest).
public enum DatasetRules {
    public static let maxTitle = 200
    public static let maxDescription = 10_000
    /// Organization, frequency, source, coverage and contact.
    public static let maxShortText = 500
    public static let maxTags = 30
    public static let maxTag = 50

    public static func check(_ m: DatasetMetadata) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard (2...100).contains(m.slug.count), m.slug.allSatisfy({ allowed.contains($0) }), !m.slug.hasPrefix("-") else {
            throw MokminError(
                .invalidInput,
                ko: "데이터셋 이름(slug)은 2~100자의 영문 소문자, 숫자, '-'여야 합니다: '\(m.slug)'",
                en: "A dataset slug is 2–100 lowercase letters, digits or '-': '\(m.slug)'")
        }
        if isReserved(m.slug) {
            throw MokminError(
                .invalidInput, ko: "'\(m.slug)'은(는) CKAN 식별자(ds-번호, res-번호)와 겹쳐 쓸 수 없습니다",
                en: "'\(m.slug)' cannot be used: it looks like a CKAN id (ds-<number>, res-<number>)")
        }
        let title = m.title.trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty else {
            throw MokminError(.invalidInput, ko: "제목이 비어 있습니다", en: "The title is empty")
        }
        try checkLength(m.title, max: maxTitle, ko: "제목", en: "The title")
        try checkLength(m.description, max: maxDescription, ko: "설명", en: "The description")
        for (text, ko, en) in [
            (m.organization, "기관", "The organization"), (m.frequency, "갱신 주기", "The frequency"), (m.source, "출처", "The source"),
            (m.temporalCoverage, "시간 범위", "The temporal coverage"), (m.spatialCoverage, "공간 범위", "The spatial coverage"),
            (m.contact, "연락처", "The contact"),
        ] {
            try checkLength(text, max: maxShortText, ko: ko, en: en)
        }
        guard m.tags.count <= maxTags else {
            throw MokminError(.invalidInput, ko: "태그는 \(maxTags)개까지입니다 (\(m.tags.count)개)", en: "At most \(maxTags) tags (got \(m.tags.count))")
        }
        for tag in m.tags where tag.trimmingCharacters(in: .whitespaces).isEmpty || tag.count > maxTag {
            throw MokminError(.invalidInput, ko: "태그는 1~\(maxTag)자여야 합니다: '\(tag)'", en: "A tag must be 1–\(maxTag) characters: '\(tag)'")
        }
    }

    /// `ds-12` and `res-34` are the ids the CKAN API gives datasets and versions: a slug like them would shadow one.
    public static func isReserved(_ slug: String) -> Bool {
        for prefix in ["ds-", "res-"] where slug.hasPrefix(prefix) {
            let rest = slug.dropFirst(prefix.count)
            if !rest.isEmpty && rest.allSatisfy(\.isASCIIDigit) { return true }
        }
        return false
    }

    /// Tags as people type them: comma-separated, trimmed, blanks and repeats dropped, in order.
    public static func tags(_ text: String) -> [String] {
        var seen = Set<String>()
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    private static func checkLength(_ text: String, max: Int, ko: String, en: String) throws {
        guard text.count <= max else {
            throw MokminError(.invalidInput, ko: "\(ko)은(는) \(max)자를 넘을 수 없습니다 (\(text.count)자)", en: "\(en) must not exceed \(max) characters (got \(text.count))")
        }
    }
}

import Foundation
import MokminBase
