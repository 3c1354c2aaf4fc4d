/// A JSON value that keeps its object members in file order and its numbers as written.
///
/// Foundation's parsers return dictionaries, whose order is lost; a dataset's columns should come out in the order
/// the file gives them, and `3611025000` or `0.10` should stay as written.
public enum OrderedJSON: Sendable, Equatable {
    case object([(key: String, value: OrderedJSON)])
    case array([OrderedJSON])
    case string(String)
    /// The number's literal text.
    case number(String)
    case bool(Bool)
    case null

    public static func == (lhs: OrderedJSON, rhs: OrderedJSON) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)), (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// The first member named `key` of an object, or nil.
    public subscript(key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The value as a field: strings as they are, numbers as written, `true`/`false`, nil for null, and arrays and
    /// objects as compact JSON text.
    public var fieldText: String? {
        switch self {
        case .string(let s): s
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        case .null: nil
        case .array, .object: jsonText
        }
    }

    /// Compact JSON text, members in order.
    public var jsonText: String {
        switch self {
        case .string(let s): Self.quoted(s)
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        case .array(let values): "[" + values.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let members): "{" + members.map { Self.quoted($0.key) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count) + String(c.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The English and Korean names of the value's JSON type, for messages.
    var kindNames: (en: String, ko: String) {
        switch self {
        case .object: ("object", "객체")
        case .array: ("array", "배열")
        case .string: ("string", "문자열")
        case .number: ("number", "숫자")
        case .bool: ("boolean", "참/거짓 값")
        case .null: ("null", "null")
        }
    }
}
