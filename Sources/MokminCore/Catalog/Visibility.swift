import Foundation

/// Who may see a dataset.
public enum Visibility: String, Sendable, Codable, CaseIterable {
    /// Anyone, including anonymous visitors and CKAN clients without a token.
    case `public`
    /// Signed-in officials (and API tokens) only.
    case `internal`
}
