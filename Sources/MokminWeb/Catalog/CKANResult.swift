import Foundation
import MokminBase

/// An action's result: a JSON value, and members already written as JSON text that belong to it (an object).
struct CKANResult {
    var value: JSONValue
    var raw: [(key: String, json: [UInt8])]

    init(_ value: JSONValue, raw: [(key: String, json: [UInt8])] = []) {
        self.value = value
        self.raw = raw
    }

    /// The result's JSON text, with the raw members added to the object.
    func write(into out: inout [UInt8]) {
        guard case .object = value, !raw.isEmpty else { return value.write(into: &out) }
        var head = value.jsonBytes
        head.removeLast()  // the closing brace
        out.append(contentsOf: head)
        for (i, member) in raw.enumerated() {
            if head.count > 1 || i > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(member.key, into: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: member.json)
        }
        out.append(UInt8(ascii: "}"))
    }
}
