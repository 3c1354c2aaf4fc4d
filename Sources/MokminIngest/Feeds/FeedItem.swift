import Foundation

/// One item of a feed response, with its position for issues.
struct FeedItem {
    let index: Int
    let json: OrderedJSON

    /// Whether the item is a JSON object (anything else is an issue).
    var isObject: Bool {
        if case .object = json { return true }
        return false
    }

    /// The item at `index` when it is an object; anything else becomes an issue (in item order) and nil.
    static func object(_ json: OrderedJSON, at index: Int, issues: inout [FeedIssue]) -> FeedItem? {
        let item = FeedItem(index: index, json: json)
        guard item.isObject else {
            issues.append(item.notAnObject)
            return nil
        }
        return item
    }

    /// The issue for an item that is not an object.
    var notAnObject: FeedIssue {
        let kind = json.kindNames
        return FeedIssue(index: index, ko: "항목이 객체가 아니라 \(kind.ko)입니다", en: "the item is a JSON \(kind.en), not an object")
    }

    /// The field's text, trimmed; nil when the key is absent or null. A key is matched exactly first, then
    /// ignoring case (some portals lower-case their field names).
    func text(_ key: String) -> String? {
        guard case .object(let members) = json else { return nil }
        let member = members.first { $0.key == key } ?? Self.ignoringCase(key, in: members)
        return member.flatMap { $0.value.fieldText }.map(Self.trimmed)
    }

    /// Whether the item has the key at all (even as null).
    func has(_ key: String) -> Bool {
        guard case .object(let members) = json else { return false }
        return members.contains { $0.key == key } || Self.ignoringCase(key, in: members) != nil
    }

    /// The member whose key equals `key` ignoring case (the slow path, taken only when no key matches exactly).
    private static func ignoringCase(_ key: String, in members: [(key: String, value: OrderedJSON)]) -> (key: String, value: OrderedJSON)? {
        let lower = key.lowercased()
        return members.first { $0.key.utf8.count == key.utf8.count && $0.key.lowercased() == lower }
    }

    /// The text without surrounding white space; most values have none, and those are returned as they are.
    static func trimmed(_ text: String) -> String {
        guard let first = text.first, let last = text.last, first.isWhitespace || last.isWhitespace else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The field as a number: nil when absent or missing (`-`, empty, see ``ValueParser/missingMarkers``); when it
    /// is text that is not a number, nil and an issue.
    func number(_ key: String, issues: inout [FeedIssue]) -> Double? {
        guard let raw = text(key), !ValueParser.isMissing(raw) else { return nil }
        if let value = ValueParser.decimal(raw), value.isFinite { return value }
        issues.append(.invalid(key, raw, at: index, expectedKo: "숫자", expectedEn: "a number"))
        return nil
    }

    /// The field as a local date-time (`YYYY-MM-DDTHH:MM:SS`, `24:00` as the next day), or an issue.
    func dateTime(_ key: String, issues: inout [FeedIssue]) -> String? {
        guard let raw = text(key), !ValueParser.isMissing(raw) else {
            issues.append(.missing(key, at: index))
            return nil
        }
        if let iso = ValueParser.dateTime(raw) { return iso }
        issues.append(.invalid(key, raw, at: index, expectedKo: "날짜와 시각", expectedEn: "a date and time"))
        return nil
    }

    /// The field's text when present and not a missing marker, else an issue naming the field.
    func required(_ key: String, issues: inout [FeedIssue]) -> String? {
        guard let raw = text(key), !ValueParser.isMissing(raw) else {
            issues.append(.missing(key, at: index))
            return nil
        }
        return raw
    }
}
