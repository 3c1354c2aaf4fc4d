/// How the voters of a participatory-budgeting election vote (Pabulib's `vote_type`).
///
/// `choose-1` ballots name one project and are counted as approval ballots, as pabutools does. Pabulib's `scoring`
/// ballots are not read.
public enum PBBallotKind: String, Sendable, CaseIterable {
    /// Each voter names the projects they support.
    case approval
    /// Each voter spreads points over projects (`points` parallel to `vote`).
    case cumulative
    /// Each voter ranks projects, best first.
    case ordinal
    /// Each voter names exactly one project; counted as approval.
    case chooseOne = "choose-1"

    /// Whether the rules count the ballot as an approval ballot (cost satisfaction).
    public var countsAsApproval: Bool { self == .approval || self == .chooseOne }
}
