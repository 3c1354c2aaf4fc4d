import MokminParticipation
extension BudgetService {
    static func decide(round: BudgetRound, district: BudgetDistrict, projects: [BudgetProject], ballots: [[Int64: Int]]) async throws -> RoundOutcome { fatalError() }
    public func pbFile(roundID: Int64, districtID: Int64) async throws -> (name: String, text: String) { fatalError() }
    public func importElection(_ text: String, fileName: String, rule: String?, actor: String, origin: String?) async throws -> BudgetRound { fatalError() }
}
