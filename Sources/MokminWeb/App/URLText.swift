import Foundation

/// Percent-encoding of a query-string value (RFC 3986 unreserved characters pass, everything else is encoded).
enum URLText {
    static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    static func component(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s
    }
}
