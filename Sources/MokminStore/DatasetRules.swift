import MokminCore

/// What catalog metadata must look like; checked before anything is written.
public enum DatasetRules {
    public static func check(_ m: DatasetMetadata) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard (2...100).contains(m.slug.count), m.slug.allSatisfy({ allowed.contains($0) }), !m.slug.hasPrefix("-") else {
            throw MokminError(
                .invalidInput,
                ko: "데이터셋 이름(slug)은 2~100자의 영문 소문자, 숫자, '-'여야 합니다: '\(m.slug)'",
                en: "A dataset slug is 2–100 lowercase letters, digits or '-': '\(m.slug)'")
        }
        guard !m.title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw MokminError(.invalidInput, ko: "제목이 비어 있습니다", en: "The title is empty")
        }
        for tag in m.tags where tag.trimmingCharacters(in: .whitespaces).isEmpty || tag.count > 50 {
            throw MokminError(.invalidInput, ko: "태그는 1~50자여야 합니다: '\(tag)'", en: "A tag must be 1–50 characters: '\(tag)'")
        }
    }
}

import Foundation
