import HTTPTypes
import Hummingbird
import MokminCore

/// Who may use a route. Every route is registered with one (see `SecuredRouter`), and a test walks the router to
/// prove each is enforced.
public enum Access: String, Sendable, CaseIterable {
    /// Anyone, signed in or not: the public pages.
    case `public`
    /// The status board: any signed-in person, and display tokens.
    case board
    /// Any signed-in official (every role); display tokens are refused.
    case official
    /// The data team and admins.
    case analyst
    /// Admins only.
    case admin

    var minimumRole: Role? {
        switch self {
        case .public, .board: nil
        case .official: .official
        case .analyst: .analyst
        case .admin: .admin
        }
    }

    /// Throws 401 (not signed in) or 403 (signed in, not allowed) unless `principal` may use a route of this access.
    func authorize(_ principal: Principal?) throws {
        if self == .public { return }
        guard let principal else {
            throw HTTPError(.unauthorized, message: "로그인이 필요합니다 / Sign-in required")
        }
        if principal.isDisplayOnly && self != .board {
            throw HTTPError(.forbidden, message: "표시 전용 토큰은 상황판만 볼 수 있습니다 / A display token may open only the board")
        }
        if let minimum = minimumRole, principal.role < minimum {
            throw HTTPError(
                .forbidden, message: "\(minimum.koreanName) 권한이 필요합니다 / The \(minimum.rawValue) role is required")
        }
    }
}
