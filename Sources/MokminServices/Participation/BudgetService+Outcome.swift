import Foundation
import MokminBase
import MokminBudget
import MokminCore
import MokminParticipation
import MokminStore

extension BudgetService {
    /// How long one district's rule may run when a round moves to results (then it is stopped and nothing is stored).
    static let decisionLimit: Double = 120

    /// One district as a Pabulib election: its feasible projects (ids are the project codes, costs the reviewed costs)
    /// and its ballots (ordinal ballots best first).
    static func election(round: BudgetRound, district: BudgetDistrict, projects: [BudgetProject], ballots: [[Int64: Int]]) -> PBElection {
        let offered = projects.filter { $0.districtID == district.id && $0.feasibility == .feasible }
        let codes = Dictionary(uniqueKeysWithValues: offered.map { ($0.id, $0.code) })
        let kind = PBBallotKind(rawValue: round.ballotKind.rawValue) ?? .approval
        let pbBallots = ballots.enumerated().map { i, ballot -> PBBallot in
            let entries = ballot.filter { codes[$0.key] != nil }
            switch round.ballotKind {
            case .ordinal:
                let ordered = entries.sorted { $0.value < $1.value }.map { codes[$0.key]! }
                return PBBallot(voterID: String(i + 1), projects: ordered)
            case .cumulative:
                let ordered = entries.sorted { codes[$0.key]! < codes[$1.key]! }
                return PBBallot(voterID: String(i + 1), projects: ordered.map { codes[$0.key]! }, points: ordered.map(\.value))
            case .approval, .chooseOne:
                return PBBallot(voterID: String(i + 1), projects: entries.keys.map { codes[$0]! }.sorted())
            }
        }
        var meta: [PBField] = [
            PBField("description", "\(round.title) — \(district.name)"), PBField("country", "Korea"), PBField("unit", district.name),
            PBField("instance", String(LocalTime(round.votingOpensAt).year)), PBField("num_projects", String(offered.count)),
            PBField("num_votes", String(pbBallots.count)), PBField("budget", String(district.budget)), PBField("vote_type", kind.rawValue),
            PBField("rule", round.rule), PBField("currency", "KRW"),
        ]
        var rules = PBBallotRules()
        switch round.ballotKind {
        case .approval:
            if round.minProjects > 0 { meta.append(PBField("min_length", String(round.minProjects))); rules.minLength = round.minProjects }
            if let m = round.maxProjects { meta.append(PBField("max_length", String(m))); rules.maxLength = m }
            if let c = round.maxCost { meta.append(PBField("max_sum_cost", String(c))); rules.maxSumCost = Rational(Int(c)) }
        case .ordinal:
            if let m = round.maxProjects { meta.append(PBField("max_length", String(m))); rules.maxLength = m }
        case .cumulative:
            if let p = round.maxPoints { meta.append(PBField("max_sum_points", String(p))); rules.maxSumPoints = p }
            if let p = round.maxPointsPerProject { meta.append(PBField("max_points", String(p))); rules.maxPoints = p }
        case .chooseOne: break
        }
        let pbProjects = offered.map { p in
            PBProject(
                id: p.code, cost: Rational(Int(p.cost ?? p.proposedCost)), name: p.title,
                extra: [PBField("category", p.category)] + (p.emdCode.map { [PBField("emd_code", $0)] } ?? []))
        }
        return PBElection(meta: meta, budget: Rational(Int(district.budget)), kind: kind, projects: pbProjects, ballots: pbBallots, rules: rules)
    }

    /// Decides one district with the round's rule (off the caller's task: large elections take a moment).
    static func decide(round: BudgetRound, district: BudgetDistrict, projects: [BudgetProject], ballots: [[Int64: Int]]) async throws -> RoundOutcome
    {
        let election = election(round: round, district: district, projects: projects, ballots: ballots)
        guard let rule = PBRule(rawValue: round.rule) else {
            throw MokminError(.invalidInput, ko: "없는 선정 규칙입니다: \(round.rule)", en: "Unknown rule: \(round.rule)")
        }
        // The rule runs beside a timer: Add1 on budgets in won can take one MES run per won per voter, and a request
        // must not hold the server for that long. The rule stops when cancelled, and nothing is stored.
        let seconds = Self.decisionLimit
        let outcome = try await withThrowingTaskGroup(of: PBOutcome?.self) { group in
            group.addTask(priority: .userInitiated) {
                let outcome = PBRules.run(election, rule: rule)
                return Task.isCancelled ? nil : outcome
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let outcome else {
            throw MokminError(
                .unavailable,
                ko: "\(district.name): '\(round.rule)' 규칙 계산이 \(Int(seconds))초 안에 끝나지 않아 멈췄습니다 (원 단위 예산의 Add1 보완은 한 번에 1원씩 늘립니다). 아무것도 저장하지 않았습니다",
                en:
                    "\(district.name): the rule '\(round.rule)' did not finish within \(Int(seconds)) s and was stopped (Add1 on a budget in won steps one won at a time); nothing was stored"
            )
        }
        return Self.outcome(outcome, district: district, projects: projects, ballots: ballots.count)
    }

    static func money(_ r: Rational) -> String { r.decimalString(scale: r.isInteger ? 0 : 2) }

    static func outcome(_ outcome: PBOutcome, district: BudgetDistrict, projects: [BudgetProject], ballots: Int) -> RoundOutcome {
        let byCode = Dictionary(uniqueKeysWithValues: projects.filter { $0.districtID == district.id }.map { ($0.code, $0) })
        let fates = outcome.explanation.compactMap { f -> (ProjectFate, Int, Rational)? in
            guard let project = byCode[f.id] else { return nil }
            let sentence = f.sentence
            let fate = ProjectFate(
                projectID: project.id, code: f.id, cost: project.cost ?? project.proposedCost, selected: f.selected, stage: f.stage?.rawValue ?? "",
                supporters: f.supporters, score: money(f.score), rank: f.greedyRank, remainingBefore: f.remainingBefore.map(money),
                remainingAfter: f.remainingAfter.map(money), payments: f.paymentSummary.map { .init(amount: money($0.amount), voters: $0.payers) },
                totalPaid: f.payments.isEmpty ? nil : money(f.payments.reduce(Rational.zero) { $0 + $1.amount }),
                supportersLeft: f.supportersLeft.map(money), reasonKo: sentence.ko, reasonEn: sentence.en)
            return (fate, f.order ?? Int.max, f.score)
        }
        // Selected first in selection order, then the others by score (highest first).
        let ordered = fates.sorted { a, b in
            if a.1 != b.1 { return a.1 < b.1 }
            if a.2 != b.2 { return b.2 < a.2 }
            return a.0.code < b.0.code
        }.map(\.0)
        let selected = outcome.selected.compactMap { byCode[$0]?.id }
        let total = outcome.selected.compactMap { byCode[$0] }.reduce(Int64(0)) { $0 + ($1.cost ?? $1.proposedCost) }
        return RoundOutcome(
            rule: outcome.rule.rawValue, budget: district.budget, ballots: ballots, selected: selected, totalCost: total, fates: ordered)
    }

    /// The round's district as a `.pb` file (Pabulib), with its ballots: what other tools and pabutools read.
    public func pbFile(roundID: Int64, districtID: Int64) async throws -> (name: String, text: String) {
        let round = try await round(roundID)
        guard let district = round.districts.first(where: { $0.id == districtID }) else {
            throw MokminError(.notFound, ko: "이 공모에 없는 권역입니다: \(districtID)", en: "No such district in the round: \(districtID)")
        }
        let ballots = round.phase == .results || round.phase == .implementation ? try await rounds.ballots(districtID: districtID) : []
        let election = Self.election(round: round, district: district, projects: try await projects(roundID), ballots: ballots)
        return ("mokmin_round\(roundID)_district\(districtID).pb", PBFile.write(election))
    }

    /// Imports a published election (a `.pb` file) as a round with one district whose voting has ended, and decides it with `rule`
    /// (the file's own rule when it names one of ours, else MES with Add1 and greedy completion).
    public func importElection(_ text: String, fileName: String, rule: String?, actor: String, origin: String?) async throws -> BudgetRound {
        let election = try PBFile.parse(text, fileName: fileName)
        guard let budget = Int64(exactly: election.budget.doubleValue), election.budget.isInteger, budget >= 1 else {
            throw MokminError(
                .invalidInput, ko: "\(fileName): 예산은 1 이상의 정수여야 가져올 수 있습니다",
                en: "\(fileName): the budget must be a whole number of at least 1 to import")
        }
        let chosen = rule ?? election.meta["rule"].flatMap { NewRound.rules.contains($0) ? $0 : nil } ?? PBRule.mesAdd1Greedy.rawValue
        guard NewRound.rules.contains(chosen) else {
            throw MokminError(.invalidInput, ko: "없는 선정 규칙입니다: \(chosen)", en: "Unknown rule: \(chosen)")
        }
        var costs: [String: Int64] = [:]
        var projects: [NewProject] = []
        for p in election.projects {
            guard p.cost.isInteger, let cost = Int64(exactly: p.cost.doubleValue), cost >= 1 else {
                throw MokminError(
                    .invalidInput, ko: "\(fileName): 사업 \(p.id)의 비용은 1 이상의 정수여야 가져올 수 있습니다",
                    en: "\(fileName): project \(p.id) must cost a whole number of at least 1 to import")
            }
            costs[p.id] = cost
            projects.append(
                NewProject(
                    districtID: 0, code: p.id, title: String((p.name ?? p.extra["name"] ?? p.id).prefix(200)),
                    category: String((p.extra["category"] ?? "").prefix(50)),
                    proposedCost: cost))
        }
        let ballots: [[String: Int]] = election.ballots.map { b in
            switch election.kind {
            case .ordinal: Dictionary(uniqueKeysWithValues: b.projects.enumerated().map { ($1, $0 + 1) })
            case .cumulative:
                Dictionary(uniqueKeysWithValues: zip(b.projects, b.points ?? b.projects.map { _ in 1 }).filter { $0.1 > 0 }.map { ($0, $1) })
            case .approval, .chooseOne: Dictionary(uniqueKeysWithValues: b.projects.map { ($0, 1) })
            }
        }
        let title = String((election.meta["description"] ?? fileName).prefix(300))
        let kind = RoundBallotKind(rawValue: election.kind.rawValue) ?? .approval
        let far = Date().addingTimeInterval(-1)
        let round = NewRound(
            title: title, description: "\(fileName) (Pabulib)", ballotKind: kind, rule: chosen,
            maxPoints: kind == .cumulative
                ? min(1000, max(1, election.rules.maxSumPoints ?? election.ballots.map { ($0.points ?? []).reduce(0, +) }.max() ?? 1)) : nil,
            votingOpensAt: far.addingTimeInterval(-1), votingClosesAt: far,
            districts: [
                NewDistrict(name: String((election.meta["unit"] ?? election.meta["district"] ?? "전체").prefix(100)), budget: budget, isCityWide: true)
            ],
            phase: .voting)
        let created = try await rounds.importRound(
            round, projects: projects, costs: costs, ballots: ballots, createdBy: actor,
            audit: AuditEvent(actor: actor, action: "pb.round.import", origin: origin))
        // Decided as any round is when its voting ends: the outcome is stored with the phase in one transaction. If the
        // rule is stopped, the round stays with its ballots in its (closed) voting phase, ready to be decided again.
        _ = try await advance(roundID: created.id, actor: actor, origin: origin)
        return try await self.round(created.id)
    }
}
