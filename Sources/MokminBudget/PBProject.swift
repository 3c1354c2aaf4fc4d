/// A project on a participatory-budgeting ballot: its id (compared as a string, as pabutools does), its exact cost,
/// its name and any other column of the file's PROJECTS section.
public struct PBProject: Sendable, Hashable {
    public var id: String
    public var cost: Rational
    public var name: String?
    /// The other columns in the file's order; a `none` column is absent.
    public var extra: [PBField]

    public init(id: String, cost: Rational, name: String? = nil, extra: [PBField] = []) {
        self.id = id
        self.cost = cost
        self.name = name
        self.extra = extra
    }
}
