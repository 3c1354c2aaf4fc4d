/// What a signed-in person may do. Roles are ordered: each role may do everything the roles below it may do.
///
/// - `official`: every public servant; reads everything internal.
/// - `analyst`: the data team; loads data and runs analyses.
/// - `admin`: manages accounts and settings.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case official
    case analyst
    case admin

    /// Rank used for comparisons: a higher rank includes the rights of lower ranks.
    public var rank: Int {
        switch self {
        case .official: 1
        case .analyst: 2
        case .admin: 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// The role's name as Korean officials say it.
    public var koreanName: String {
        switch self {
        case .official: "공무원"
        case .analyst: "데이터 분석가"
        case .admin: "관리자"
        }
    }
}
