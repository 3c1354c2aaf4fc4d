/// One named value of a Pabulib row kept as written: a META line, or a project's or a vote's other column
/// (category, latitude, age, …), so an imported election is written back with everything it came with.
public struct PBField: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

extension Array where Element == PBField {
    /// The value of the first field with this key.
    public subscript(key: String) -> String? {
        first { $0.key == key }?.value
    }
}
