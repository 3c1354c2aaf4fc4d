import Foundation

/// Any JSON value, as found in GeoJSON `properties`.
public enum JSONValue: Hashable, Sendable, Codable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    /// Decodes any JSON value. Numbers and arrays are tried first because GeoJSON coordinates are made of them.
    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(Double.self) {
            self = .number(value)
        } else if var list = try? decoder.unkeyedContainer() {
            var values: [JSONValue] = []
            if let count = list.count { values.reserveCapacity(count) }
            while !list.isAtEnd { values.append(try list.decode(JSONValue.self)) }
            self = .array(values)
        } else if let value = try? single.decode(String.self) {
            self = .string(value)
        } else if let value = try? single.decode(Bool.self) {
            self = .bool(value)
        } else {
            self = .object(try single.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value as text for display: strings as they are, numbers without a trailing ".0" when integral
    /// (`3611025000`, `2.5`), booleans as `true`/`false`; nil for null, arrays and objects.
    public var stringValue: String? {
        switch self {
        case .string(let value): return value
        case .number(let value):
            if value == value.rounded(), abs(value) < 9.0e15 { return String(Int64(value)) }
            return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }

    /// The number, or a string that parses as one (`"12.5"`), else nil.
    public var doubleValue: Double? {
        switch self {
        case .number(let value): value
        case .string(let value): Double(value.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    /// The object's members, or nil.
    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The array's elements, or nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The Korean name of the JSON type for error messages.
    public var koreanKindName: String {
        switch self {
        case .string: "문자열"
        case .number: "숫자"
        case .bool: "참/거짓 값"
        case .null: "null"
        case .array: "배열"
        case .object: "객체"
        }
    }

    /// A short name of the JSON type for error messages.
    public var kindName: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        case .array: "array"
        case .object: "object"
        }
    }
}
