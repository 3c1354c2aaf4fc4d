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
