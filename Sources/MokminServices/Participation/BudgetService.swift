import Foundation
import MokminBase
import MokminCore
import MokminParticipation
import MokminStore

/// Participatory budgeting: administrators open rounds and move them through their phases, officials review the
/// projects' feasibility and cost, residents vote once, and the round's rule decides each district when voting ends.
public struct BudgetService: Sendable {
    let rounds: any BudgetRoundRepository

    public init(repositories: Repositories) { rounds = repositories.budgetRounds }

    public func create(_ round: NewRound, actor: String, origin: String?) async throws -> BudgetRound {
        try await rounds.create(round, createdBy: actor, audit: AuditEvent(actor: actor, action: "pb.round.create", origin: origin))
    }

    public func rounds() async throws -> [BudgetRound] { try await rounds.rounds() }

    public func round(_ id: Int64) async throws -> BudgetRound {
        guard let round = try await rounds.round(id: id) else {
            throw MokminError(.notFound, ko: "없는 주민참여예산 공모입니다: \(id)", en: "No such budget round: \(id)")
        }
        return round
    }

    public func projects(_ roundID: Int64) async throws -> [BudgetProject] { try await rounds.projects(roundID: roundID) }

    public func project(_ id: Int64) async throws -> BudgetProject {
        guard let project = try await rounds.project(id: id) else {
            throw MokminError(.notFound, ko: "없는 사업입니다: \(id)", en: "No such project: \(id)")
        }
        return project
    }

    /// Adds a project while the round takes proposals or reviews them.
    public func addProject(_ project: NewProject, roundID: Int64, actor: String, origin: String?) async throws -> BudgetProject {
        let round = try await round(roundID)
        guard round.phase == .proposals || round.phase == .review else {
            throw MokminError(
                .conflict, ko: "사업은 제안·검토 단계에서만 추가할 수 있습니다", en: "Projects are added only in the proposal and review phases")
        }
        return try await rounds.addProject(project, roundID: roundID, audit: AuditEvent(actor: actor, action: "pb.project.add", origin: origin))
    }

    /// The feasibility review: a feasible project needs its reviewed cost; an infeasible one, the reason residents will read.
    public func review(projectID: Int64, feasibility: Feasibility, cost: Int64?, note: String, actor: String, origin: String?) async throws {
        let project = try await project(projectID)
        let round = try await round(project.roundID)
        guard round.phase == .proposals || round.phase == .review else {
            throw MokminError(.conflict, ko: "투표가 시작된 뒤에는 검토를 바꿀 수 없습니다", en: "The review cannot change once voting has started")
        }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 2_000 else {
            throw MokminError(.invalidInput, ko: "검토 의견은 2,000자까지입니다", en: "A review note has at most 2,000 characters")
        }
        switch feasibility {
        case .feasible:
            guard let cost, (1...NewRound.maxBudget).contains(cost) else {
                throw MokminError(
                    .invalidInput, ko: "투표 대상 사업에는 검토한 사업비(1원 이상)가 필요합니다", en: "A feasible project needs its reviewed cost (1 won or more)")
            }
        case .infeasible:
            guard !note.isEmpty else {
                throw MokminError(.invalidInput, ko: "추진 불가 사유를 적어 주세요", en: "Say why the project is not feasible")
            }
        case .pending: break
        }
        try await rounds.review(
            projectID: projectID, feasibility: feasibility, cost: feasibility == .feasible ? cost : nil, note: note, by: actor,
            audit: AuditEvent(actor: actor, action: "pb.project.review", origin: origin))
    }

    public func setStatus(projectID: Int64, status: ProjectStatus, actor: String, origin: String?) async throws {
        let project = try await project(projectID)
        let round = try await round(project.roundID)
        guard round.phase == .results || round.phase == .implementation else {
            throw MokminError(.conflict, ko: "추진 상황은 결과 발표 뒤에 기록합니다", en: "Progress is recorded after the results")
        }
        try await rounds.setStatus(projectID: projectID, status: status, audit: AuditEvent(actor: actor, action: "pb.project.status", origin: origin))
    }

    public func addMilestone(projectID: Int64, title: String, dueDay: String, actor: String, origin: String?) async throws {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(title.count) else {
            throw MokminError(.invalidInput, ko: "단계 이름은 1–200자입니다", en: "A milestone title has 1–200 characters")
        }
        guard LocalTime.date(dueDay + "T00:00:00") != nil, dueDay.count == 10 else {
            throw MokminError(.invalidInput, ko: "기한은 2025-06-30 형식입니다", en: "A due day reads 2025-06-30")
        }
        _ = try await project(projectID)
        try await rounds.addMilestone(
            projectID: projectID, title: title, dueDay: dueDay, audit: AuditEvent(actor: actor, action: "pb.milestone.add", origin: origin))
    }

    public func completeMilestone(id: Int64, doneDay: String?, actor: String, origin: String?) async throws -> Int64 {
        if let doneDay, doneDay.count != 10 || LocalTime.date(doneDay + "T00:00:00") == nil {
            throw MokminError(.invalidInput, ko: "완료일은 2025-06-30 형식입니다", en: "A done day reads 2025-06-30")
        }
        return try await rounds.completeMilestone(
            id: id, doneDay: doneDay, audit: AuditEvent(actor: actor, action: "pb.milestone.done", origin: origin))
    }

    /// Casts a resident's ballots: one per district they vote in (their own and the city-wide pot), each checked
    /// against the round's ballot rules; then stored apart from the "has voted" row in one transaction.
    public func vote(roundID: Int64, ballots: [Int64: [Int64: Int]], resident: Resident, now: Date = Date()) async throws {
        let round = try await round(roundID)
        if let refusal = round.refusal(for: resident, at: now) { throw refusal }
        let projects = try await projects(roundID)
        let districts = round.districts(for: resident.emdCode)
        guard Set(ballots.keys).isSubset(of: Set(districts.map(\.id))) else {
            throw MokminError(.invalidInput, ko: "주민님이 투표할 수 없는 권역입니다", en: "A district you do not vote in")
        }
        guard ballots.values.contains(where: { !$0.isEmpty }) else {
            throw MokminError(.invalidInput, ko: "사업을 하나 이상 고르세요", en: "Choose at least one project")
        }
        for district in districts { try round.validate(ballot: ballots[district.id] ?? [:], district: district, projects: projects) }
        try await rounds.cast(
            roundID: roundID, residentID: resident.id, ballots: districts.map { (districtID: $0.id, points: ballots[$0.id] ?? [:]) },
            emdCode: resident.emdCode, ageBand: resident.band(inYear: LocalTime(now).year), now: now)
    }

    public func hasVoted(roundID: Int64, resident: Resident) async throws -> Bool {
        try await rounds.hasVoted(roundID: roundID, residentID: resident.id)
    }

    public func turnout(_ roundID: Int64) async throws -> [String: Int] { try await rounds.turnout(roundID: roundID) }

    /// Each district's stored outcome (after the round moved to results).
    public func outcomes(_ roundID: Int64) async throws -> [Int64: RoundOutcome] {
        var found: [Int64: RoundOutcome] = [:]
        for stored in try await rounds.outcomes(roundID: roundID) { found[stored.districtID] = RoundOutcome.decode(stored.json) }
        return found
    }

    /// Moves the round to its next phase. Voting needs at least one feasible project with its cost and no project still
    /// pending; moving to results computes every district's outcome with the round's rule and stores it in the same
    /// transaction as the phase.
    public func advance(roundID: Int64, actor: String, origin: String?, now: Date = Date()) async throws -> RoundPhase {
        let round = try await round(roundID)
        guard let next = round.phase.next else {
            throw MokminError(.conflict, ko: "마지막 단계입니다", en: "The round is in its last phase")
        }
        var stored: [StoredOutcome] = []
        switch next {
        case .voting:
            let projects = try await projects(roundID)
            guard !projects.contains(where: { $0.feasibility == .pending }) else {
                throw MokminError(.conflict, ko: "검토가 끝나지 않은 사업이 있습니다", en: "Some projects are still under review")
            }
            guard projects.contains(where: { $0.feasibility == .feasible }) else {
                throw MokminError(.conflict, ko: "투표 대상 사업이 없습니다", en: "No project is on the ballot")
            }
        case .results:
            let projects = try await projects(roundID)
            for district in round.districts {
                let ballots = try await rounds.ballots(districtID: district.id)
                let outcome = try await Self.decide(round: round, district: district, projects: projects, ballots: ballots)
                stored.append(StoredOutcome(districtID: district.id, rule: round.rule, ballots: ballots.count, json: outcome.json(), computedAt: now))
            }
        default: break
        }
        try await rounds.setPhase(
            roundID: roundID, phase: next, outcomes: stored, audit: AuditEvent(actor: actor, action: "pb.round.phase", origin: origin))
        return next
    }
}
