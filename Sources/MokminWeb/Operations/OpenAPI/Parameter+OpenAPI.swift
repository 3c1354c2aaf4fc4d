import Foundation

extension Parameter {
    /// The control characters every value refuses (``hasControlCharacters(_:)``), as a regular-expression class body.
    static let controlClass = #"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F"#
    /// What a required text must hold besides white space and controls: the white space trimming removes (Unicode's
    /// space separators, tab, line and paragraph separators, U+000A–U+000D, U+0085) and every control.
    static let blankClass = #"\u0000-\u0020\u007F\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"#

    /// A text with no control character.
    static let textPattern = "^[^\(controlClass)]*$"
    /// A text with no control character and something besides white space (trimmed, nothing else would remain).
    static let requiredTextPattern = "^[^\(controlClass)]*[^\(blankClass)][^\(controlClass)]*$"

    /// The parameter as an OpenAPI 3.0 parameter object: `required` when it must be given, else `allowEmptyValue` (an
    /// empty value counts as absent); a repeatable one is an array sent as repeated names (`tag=a&tag=b`).
    var openAPIObject: [String: Any] {
        var object: [String: Any] = ["name": name, "in": location.rawValue, "required": isRequired, "schema": openAPISchema]
        if !isRequired { object["allowEmptyValue"] = true }
        if repeatable {
            object["style"] = "form"
            object["explode"] = true
        }
        return object
    }

    /// The JSON Schema of a value, from the kind: the same ranges, lengths (in code points), choices and refused
    /// characters ``check(_:name:)`` applies.
    var openAPISchema: [String: Any] {
        let value: [String: Any]
        switch kind {
        case .integer(let range):
            value = ["type": "integer", "format": "int64", "minimum": range.lowerBound, "maximum": range.upperBound]
        case .number(let range):
            value = ["type": "number", "minimum": range.lowerBound, "maximum": range.upperBound]
        case .text(let maxLength):
            value =
                isRequired
                ? ["type": "string", "minLength": 1, "maxLength": maxLength, "pattern": Self.requiredTextPattern]
                : ["type": "string", "maxLength": maxLength, "pattern": Self.textPattern]
        case .pattern(let pattern, let maxLength):
            value = ["type": "string", "maxLength": maxLength, "pattern": "^(?:\(pattern))$"]
        case .choice(let words):
            value = ["type": "string", "enum": words]
        case .flag:
            value = ["type": "boolean"]
        }
        var described = value
        if let format { described["format"] = format }
        guard repeatable else { return described }
        return ["type": "array", "items": described, "maxItems": Self.maxFamily]
    }
}
