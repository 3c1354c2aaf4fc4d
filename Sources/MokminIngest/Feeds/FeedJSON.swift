import Foundation

/// What the feed parsers share: parsing a body, checking the API's result code, finding the item list.
enum FeedJSON {
    static var okCodes: Set<String> { PublicAPIEnvelope.okCodes }
    static var noDataCodes: Set<String> { PublicAPIEnvelope.noDataCodes }

    /// Parses a body as JSON. An empty body, a syntax error (with line and column) or XML is ``FeedError/Code/notJSON``;
    /// the XML error answer of data.go.kr (`<returnReasonCode>30</returnReasonCode>`) is an API error.
    static func parse(_ data: Data) throws(FeedError) -> OrderedJSON {
        let bytes = [UInt8](data)
        guard let first = bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }) else {
            throw FeedError(.notJSON, ko: "응답이 비어 있습니다", en: "the response is empty")
        }
        if first == UInt8(ascii: "<") { throw xmlError(String(decoding: bytes, as: UTF8.self)) }
        do {
            return try OrderedJSONParser.parse(bytes)
        } catch {
            throw FeedError(
                .notJSON, ko: "JSON이 아닙니다: \(error.line)번째 줄 \(error.column)번째 글자에서 \(error.expected.ko)이(가) 필요합니다",
                en: "not JSON: line \(error.line), column \(error.column): expected \(error.expected.en)")
        }
    }

    /// The error for an XML body: the portal's error answer when it is one, else a request for JSON.
    private static func xmlError(_ text: String) -> FeedError {
        func element(_ name: String) -> String? {
            guard let open = text.range(of: "<\(name)>"), let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex) else {
                return nil
            }
            return text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let code = element("returnReasonCode") {
            return .apiError(code, element("returnAuthMsg") ?? element("errMsg") ?? "")
        }
        if let code = element("resultCode"), !okCodes.contains(code), !noDataCodes.contains(code) {
            return .apiError(code, element("resultMsg") ?? "")
        }
        return FeedError(
            .notJSON, ko: "JSON이 아니라 XML입니다. 요청에 returnType=json(또는 dataType=JSON)을 붙이세요",
            en: "this is XML, not JSON: add returnType=json (or dataType=JSON) to the request")
    }

    /// Checks a `header` object's `resultCode`: throws an API error for a failure code; false when the code says
    /// there is no data; true otherwise (also when there is no header or no code).
    static func checkHeader(_ header: OrderedJSON?) throws(FeedError) -> Bool {
        switch PublicAPIEnvelope.status(of: header) {
        case .ok: return true
        case .noData: return false
        case .failed(let code, let message): throw .apiError(code, message)
        }
    }

    /// The items of the public-API envelopes: `{"response": {"header", "body": {"items"}}}`, the same without
    /// `response` (`{"header", "body": {"items"}}`, national ITS), a `body` that is itself the array (safety data),
    /// or a bare array. Nil when none of these is there.
    static func envelopeItems(_ root: OrderedJSON) throws(FeedError) -> [OrderedJSON]? {
        if case .array(let list) = root { return list }
        let container = root["response"] ?? root
        guard try checkHeader(container["header"]) else { return [] }
        guard let body = container["body"] else { return nil }
        switch body {
        case .array(let list): return list
        case .null: return []
        default: return body["items"].flatMap(itemList)
        }
    }

    /// An `items` value as a list: an array, `{"item": [...]}`, `{"item": {...}}` (one item), one item object,
    /// or `""`/null (none).
    static func itemList(_ node: OrderedJSON) -> [OrderedJSON]? {
        switch node {
        case .array(let list): return list
        case .null: return []
        case .string(let text): return text.trimmingCharacters(in: .whitespaces).isEmpty ? [] : nil
        case .object:
            guard let item = node["item"] else { return [node] }
            switch item {
            case .array(let list): return list
            case .null: return []
            case .string(let text) where text.trimmingCharacters(in: .whitespaces).isEmpty: return []
            default: return [item]
            }
        default: return nil
        }
    }
}

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
