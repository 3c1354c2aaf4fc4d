import Foundation

extension JSONValue {
    /// Converts the output of `JSONSerialization.jsonObject(with:)`; nil for anything JSON cannot hold.
    ///
    /// JSONSerialization is used for reading files because it is an order of magnitude faster than decoding
    /// ``JSONValue`` through `JSONDecoder`. It reports booleans as `NSNumber`s of the same class as
    /// `NSNumber(value: true)`, which is how they are told apart from the numbers 1 and 0.
    public init?(jsonObject: Any) {
        // Arrays first, as most values in a GeoJSON file are coordinate arrays; casting an array to NSNumber is slow.
        switch jsonObject {
        case let array as [Any]:
            var values: [JSONValue] = []
            values.reserveCapacity(array.count)
            for element in array {
                guard let value = JSONValue(jsonObject: element) else { return nil }
                values.append(value)
            }
            self = .array(values)
        case let number as NSNumber:
            if type(of: number) == JSONValue.booleanClass {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        case let string as String:
            self = .string(string)
        case let object as [String: Any]:
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(object.count)
            for (key, element) in object {
                guard let value = JSONValue(jsonObject: element) else { return nil }
                members[key] = value
            }
            self = .object(members)
        case is NSNull:
            self = .null
        default:
            return nil
        }
    }

    /// The runtime class of boolean NSNumbers (`__NSCFBoolean`).
    private static let booleanClass: AnyClass = type(of: NSNumber(value: true))
}
