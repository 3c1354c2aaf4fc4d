import Foundation
import Hummingbird
import MokminCore
import NIOCore

/// The name–value pairs of a query string or a url-encoded form, read only through declared ``Parameter``s.
///
/// An empty value counts as absent (a form's blank optional field). A value given twice for a parameter that is not
/// ``Parameter/repeatable`` is refused, never silently picked.
public struct ParameterValues: Sendable {
    public let location: Parameter.Location
    let pairs: [(name: String, value: String)]

    /// The most pairs one query string or form may hold.
    static let maxPairs = 1_000

    init(location: Parameter.Location, pairs: [(name: String, value: String)]) {
        self.location = location
        self.pairs = pairs
    }


    /// A url-encoded body (`a=1&b=%ED%95%9C`), `+` read as a space.
    public init(location: Parameter.Location, encoded: String) {
        var pairs: [(String, String)] = []
        for piece in encoded.split(separator: "&", omittingEmptySubsequences: true).prefix(Self.maxPairs) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            pairs.append((Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : ""))
        }
        self.init(location: location, pairs: pairs)
    }

    static func decode(_ s: Substring) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    // MARK: Reading

    /// The one non-empty value of `parameter`, checked against its kind (``Parameter/check(_:name:)``) and trimmed;
    /// nil when absent or empty (and, for a text, when it is white space alone).
    public func value(_ parameter: Parameter) throws -> String? {
        DeclaredParameters.assertDeclared(parameter)
        let found = pairs.filter { $0.name == parameter.name }
        guard let last = found.last else { return nil }
        if found.count > 1 && !parameter.repeatable {
            throw parameter.refusal(("두 번 이상 주어졌습니다", "was given more than once"))
        }
        if last.value.isEmpty { return nil }
        let trimmed = try parameter.check(last.value).trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    public func integer(_ parameter: Parameter) throws -> Int? {
        guard case .integer(let range) = parameter.kind else { preconditionFailure("\(parameter) is not an integer parameter") }
        return try value(parameter).map { try parameter.integerValue($0, range: range) }
    }

    public func number(_ parameter: Parameter) throws -> Double? {
        guard case .number(let range) = parameter.kind else { preconditionFailure("\(parameter) is not a number parameter") }
        return try value(parameter).map { try parameter.numberValue($0, range: range) }
    }

    public func text(_ parameter: Parameter) throws -> String? {
        try value(parameter)
    }

    /// A checkbox or a true/false word: nil when absent.
    public func flag(_ parameter: Parameter) throws -> Bool? {
        guard case .flag = parameter.kind else { preconditionFailure("\(parameter) is not a flag parameter") }
        return try value(parameter).map { Parameter.trueWords.contains($0.lowercased()) }
    }

    /// Every non-empty value of a repeatable parameter, each checked (at most ``Parameter/maxFamily``).
    public func all(_ parameter: Parameter) throws -> [String] {
        DeclaredParameters.assertDeclared(parameter)
        let values = pairs.filter { $0.name == parameter.name && !$0.value.isEmpty }.map(\.value)
        guard values.count <= Parameter.maxFamily else {
            throw parameter.refusal(("\(Parameter.maxFamily)개를 넘을 수 없습니다", "at most \(Parameter.maxFamily) values"))
        }
        return try values.map { try parameter.check($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// The members of a family: `filter.측정소명=아름동` gives `("측정소명", "아름동")`, each value checked. A member
    /// named twice is refused; so is a family of more than ``Parameter/maxFamily`` members.
    public func family(_ parameter: Parameter) throws -> [(suffix: String, value: String)] {
        precondition(parameter.isFamily, "\(parameter) is not a family")
        DeclaredParameters.assertDeclared(parameter)
        var seen = Set<String>()
        var members: [(String, String)] = []
        for pair in pairs where pair.name.hasPrefix(parameter.name) && pair.name.count > parameter.name.count {
            let suffix = String(pair.name.dropFirst(parameter.name.count))
            guard seen.insert(suffix).inserted else {
                throw parameter.refusal(("두 번 이상 주어졌습니다", "was given more than once"), name: pair.name)
            }
            guard suffix.count <= 200 else {
                throw parameter.refusal(("이름이 너무 깁니다", "the name is too long"), name: parameter.name + "…")
            }
            members.append((suffix, try parameter.check(pair.value, name: pair.name)))
        }
        guard members.count <= Parameter.maxFamily else {
            throw parameter.refusal(("\(Parameter.maxFamily)개를 넘을 수 없습니다", "at most \(Parameter.maxFamily) members"), name: parameter.name + "*")
        }
        return members
    }

    /// Checks every declared parameter of this location that is present, and that each required one is (before a
    /// handler runs).
    func validate(_ declared: [Parameter]) throws {
        for parameter in declared where parameter.location == location {
            let present: Bool
            if parameter.isFamily {
                present = try !family(parameter).isEmpty
            } else if parameter.repeatable {
                present = try !all(parameter).isEmpty
            } else {
                switch parameter.kind {
                case .integer: present = try integer(parameter) != nil
                case .number: present = try number(parameter) != nil
                case .flag: present = try flag(parameter) != nil
                case .text, .pattern, .choice: present = try value(parameter) != nil
                }
            }
            if parameter.isRequired && !present {
                throw parameter.refusal(("값이 필요합니다", "is required"))
            }
        }
    }

    /// The first value of `name`, unchecked: for middleware that reads a parameter shared by every route
    /// (``Parameter/globals``) before any route is chosen.
    func first(_ name: String) -> String? { pairs.first { $0.name == name }?.value }
}

extension Request {
    /// The query string's parameters.
    public var query: ParameterValues { ParameterValues(location: .query, encoded: uri.query ?? "") }

    /// The fields of a url-encoded form body (any other body has none). The body is read once, up to `limit` bytes.
    public mutating func form(limit: Int = Request.maxFormBytes) async throws -> ParameterValues {
        guard headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            return ParameterValues(location: .form, pairs: [])
        }
        let body = try await collectBody(upTo: limit)
        return ParameterValues(location: .form, encoded: String(buffer: body))
    }

    /// The largest url-encoded form Mokmin reads (files go through the upload, not forms).
    public static let maxFormBytes = 1 << 20
}

extension Request {
    /// The fields of a url-encoded form body (see ``form(limit:)``), read from a copy of the request.
    public func formFields() async throws -> ParameterValues {
        var copy = self
        return try await copy.form()
    }
}
