import Foundation
import MokminBase

/// A participatory-budgeting round's phases, in order.
public enum RoundPhase: String, Sendable, CaseIterable, Codable {
    case proposals
    case review
    case voting
    case results
    case implementation

    public var next: RoundPhase? {
        let all = Self.allCases
        let i = all.firstIndex(of: self)!
        return i + 1 < all.count ? all[i + 1] : nil
    }

    public var label: LocalizedText {
        switch self {
        case .proposals: LocalizedText(ko: "사업 제안", en: "Proposals")
        case .review: LocalizedText(ko: "타당성 검토", en: "Feasibility review")
        case .voting: LocalizedText(ko: "주민 투표", en: "Voting")
        case .results: LocalizedText(ko: "결과 발표", en: "Results")
        case .implementation: LocalizedText(ko: "사업 추진", en: "Implementation")
        }
    }
}

/// How residents vote in a round (the Pabulib `vote_type`).
public enum RoundBallotKind: String, Sendable, CaseIterable, Codable {
    /// Approve any number of projects within the round's minimum, maximum and cost cap.
    case approval
    /// Spread points over projects (a total and a per-project maximum).
    case cumulative
    /// Rank projects, best first (up to the maximum length).
    case ordinal
    /// Choose one project.
    case chooseOne = "choose-1"

    public var label: LocalizedText {
        switch self {
        case .approval: LocalizedText(ko: "찬성 투표", en: "Approval")
        case .cumulative: LocalizedText(ko: "점수 배분", en: "Cumulative points")
        case .ordinal: LocalizedText(ko: "순위 투표", en: "Ranking")
        case .chooseOne: LocalizedText(ko: "하나 선택", en: "Choose one")
        }
    }
}

/// A participatory-budgeting round: its phase, its ballot, the rule that decides it, and its districts.
public struct BudgetRound: Sendable, Hashable {
    public var id: Int64
    public var title: String
    public var description: String
    public var phase: RoundPhase
    public var ballotKind: RoundBallotKind
    /// The outcome rule's name (`greedy`, `mes`, `mes-add1`, `mes-add1-greedy`, `mes-step`).
    public var rule: String
    public var minProjects: Int
    /// Approval: most projects; ordinal: longest ranking.
    public var maxProjects: Int?
    /// Approval: the most a ballot's projects may cost together.
    public var maxCost: Int64?
    /// Cumulative: the points a resident spreads, and the most on one project.
    public var maxPoints: Int?
    public var maxPointsPerProject: Int?
    public var minAge: Int
    public var votingOpensAt: Date
    public var votingClosesAt: Date
    public var createdBy: String
    public var isDemo: Bool
    public var districts: [BudgetDistrict]
    public var participants: Int

    public init(
        id: Int64, title: String, description: String, phase: RoundPhase, ballotKind: RoundBallotKind, rule: String, minProjects: Int,
        maxProjects: Int?, maxCost: Int64?, maxPoints: Int?, maxPointsPerProject: Int?, minAge: Int, votingOpensAt: Date, votingClosesAt: Date,
        createdBy: String, isDemo: Bool, districts: [BudgetDistrict], participants: Int
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.phase = phase
        self.ballotKind = ballotKind
        self.rule = rule
        self.minProjects = minProjects
        self.maxProjects = maxProjects
        self.maxCost = maxCost
        self.maxPoints = maxPoints
        self.maxPointsPerProject = maxPointsPerProject
        self.minAge = minAge
        self.votingOpensAt = votingOpensAt
        self.votingClosesAt = votingClosesAt
        self.createdBy = createdBy
        self.isDemo = isDemo
        self.districts = districts
        self.participants = participants
    }

    /// The districts a resident of `emdCode` votes in: the one holding their 읍면동, and the city-wide pot.
    public func districts(for emdCode: String) -> [BudgetDistrict] {
        districts.filter { $0.isCityWide || $0.areas.contains(emdCode) }
    }

    /// Whether ballots are accepted at `now`: the round is in its voting phase and within its voting times.
    public func votingState(at now: Date) -> VoteState {
        if phase == .proposals || phase == .review || now < votingOpensAt { return .upcoming }
        return phase == .voting && now < votingClosesAt ? .open : .closed
    }

    /// Why `resident` may not vote now, or nil.
    public func refusal(for resident: Resident, at now: Date) -> MokminError? {
        switch votingState(at: now) {
        case .upcoming: return MokminError(.forbidden, ko: "아직 투표 기간이 아닙니다", en: "Voting has not opened yet")
        case .closed: return MokminError(.forbidden, ko: "투표가 마감되었습니다", en: "Voting has closed")
        case .open: break
        }
        if !resident.isAtLeast(minAge, inYear: LocalTime(now).year) {
            return MokminError(.forbidden, ko: "\(minAge)세 이상 주민만 참여할 수 있습니다", en: "Only residents aged \(minAge) or over may vote")
        }
        if districts(for: resident.emdCode).isEmpty {
            return MokminError(.forbidden, ko: "주민님의 읍면동은 이 사업에 포함되지 않았습니다", en: "Your 읍면동 is not part of this round")
        }
        return nil
    }

    /// Checks one district's ballot (project id → points: 1 for approval and choose-1, the points for cumulative, the
    /// rank for ordinal with 1 the first choice) against the round's rules and the district's feasible projects.
    public func validate(ballot: [Int64: Int], district: BudgetDistrict, projects: [BudgetProject]) throws {
        let offered = Dictionary(projects.filter { $0.districtID == district.id && $0.feasibility == .feasible }.map { ($0.id, $0) }) { a, _ in a }
        let name = district.name
        guard ballot.keys.allSatisfy({ offered[$0] != nil }) else {
            throw MokminError(.invalidInput, ko: "\(name): 투표 대상이 아닌 사업이 있습니다", en: "\(name): a project that is not on the ballot")
        }
        let count = ballot.count
        switch ballotKind {
        case .chooseOne:
            guard count <= 1, ballot.values.allSatisfy({ $0 == 1 }) else {
                throw MokminError(.invalidInput, ko: "\(name): 사업 하나만 고를 수 있습니다", en: "\(name): choose one project")
            }
        case .approval:
            guard ballot.values.allSatisfy({ $0 == 1 }) else {
                throw MokminError(.invalidInput, ko: "\(name): 찬성 투표에는 점수가 없습니다", en: "\(name): an approval ballot has no points")
            }
            if let maxCost {
                let total = ballot.keys.reduce(Int64(0)) { $0 + (offered[$1]?.cost ?? 0) }
                guard total <= maxCost else {
                    throw MokminError(
                        .invalidInput, ko: "\(name): 고른 사업의 합계 \(total)원이 한도 \(maxCost)원을 넘습니다",
                        en: "\(name): the chosen projects cost \(total), over the cap of \(maxCost)")
                }
            }
        case .cumulative:
            let total = ballot.values.reduce(0, +)
            if let maxPoints, total > maxPoints {
                throw MokminError(
                    .invalidInput, ko: "\(name): 점수 합계 \(total)점이 \(maxPoints)점을 넘습니다", en: "\(name): \(total) points, over the \(maxPoints) allowed")
            }
            if let maxPointsPerProject, let over = ballot.values.first(where: { $0 > maxPointsPerProject }) {
                throw MokminError(
                    .invalidInput, ko: "\(name): 한 사업에 \(maxPointsPerProject)점까지 줄 수 있습니다 (\(over)점)",
                    en: "\(name): at most \(maxPointsPerProject) points on one project (\(over) given)")
            }
            guard ballot.values.allSatisfy({ $0 >= 1 }) else {
                throw MokminError(.invalidInput, ko: "\(name): 점수는 1점 이상입니다", en: "\(name): points are 1 or more")
            }
        case .ordinal:
            guard ballot.values.sorted() == Array(0..<count).map({ $0 + 1 }) else {
                throw MokminError(.invalidInput, ko: "\(name): 순위는 1위부터 빠짐없이 매깁니다", en: "\(name): ranks run 1, 2, 3 … without gaps")
            }
        }
        if count > 0, count < minProjects {
            throw MokminError(.invalidInput, ko: "\(name): \(minProjects)개 이상 고르세요", en: "\(name): choose at least \(minProjects)")
        }
        if let maxProjects, count > maxProjects, ballotKind == .approval || ballotKind == .ordinal {
            throw MokminError(.invalidInput, ko: "\(name): \(maxProjects)개까지 고를 수 있습니다", en: "\(name): choose at most \(maxProjects)")
        }
    }
}

/// A district of a round: a group of 읍면동 with its own budget, or the city-wide pot every resident votes in.
public struct BudgetDistrict: Sendable, Hashable {
    public var id: Int64
    public var name: String
    /// In won.
    public var budget: Int64
    public var isCityWide: Bool
    public var areas: [String]

    public init(id: Int64, name: String, budget: Int64, isCityWide: Bool, areas: [String]) {
        self.id = id
        self.name = name
        self.budget = budget
        self.isCityWide = isCityWide
        self.areas = areas
    }
}

public enum Feasibility: String, Sendable, CaseIterable, Codable {
    case pending
    case feasible
    case infeasible

    public var label: LocalizedText {
        switch self {
        case .pending: LocalizedText(ko: "검토 중", en: "Under review")
        case .feasible: LocalizedText(ko: "투표 대상", en: "On the ballot")
        case .infeasible: LocalizedText(ko: "추진 불가", en: "Not feasible")
        }
    }
}

/// Where a winning project stands once the round is decided.
public enum ProjectStatus: String, Sendable, CaseIterable, Codable {
    case planned
    case inProgress = "in_progress"
    case done
    case cancelled

    public var label: LocalizedText {
        switch self {
        case .planned: LocalizedText(ko: "추진 예정", en: "Planned")
        case .inProgress: LocalizedText(ko: "추진 중", en: "In progress")
        case .done: LocalizedText(ko: "완료", en: "Done")
        case .cancelled: LocalizedText(ko: "취소", en: "Cancelled")
        }
    }
}

/// A project of a round: proposed with a cost, reviewed by officials (the cost they set, or why it cannot be done),
/// voted on, and tracked to completion with milestones.
public struct BudgetProject: Sendable, Hashable {
    public var id: Int64
    public var roundID: Int64
    public var districtID: Int64
    /// The project's id in `.pb` files (unique in the round).
    public var code: String
    public var title: String
    public var description: String
    public var category: String
    public var emdCode: String?
    public var proposedCost: Int64
    /// The reviewed cost (won); nil until the review.
    public var cost: Int64?
    public var feasibility: Feasibility
    public var reviewNote: String
    public var proposalID: Int64?
    public var status: ProjectStatus
    public var milestones: [ProjectMilestone]
    public var isDemo: Bool

    public init(
        id: Int64, roundID: Int64, districtID: Int64, code: String, title: String, description: String, category: String, emdCode: String?,
        proposedCost: Int64, cost: Int64?, feasibility: Feasibility, reviewNote: String, proposalID: Int64?, status: ProjectStatus,
        milestones: [ProjectMilestone], isDemo: Bool
    ) {
        self.id = id
        self.roundID = roundID
        self.districtID = districtID
        self.code = code
        self.title = title
        self.description = description
        self.category = category
        self.emdCode = emdCode
        self.proposedCost = proposedCost
        self.cost = cost
        self.feasibility = feasibility
        self.reviewNote = reviewNote
        self.proposalID = proposalID
        self.status = status
        self.milestones = milestones
        self.isDemo = isDemo
    }
}

public struct ProjectMilestone: Sendable, Hashable {
    public var id: Int64
    public var title: String
    public var dueDay: String
    public var doneDay: String?

    public init(id: Int64, title: String, dueDay: String, doneDay: String?) {
        self.id = id
        self.title = title
        self.dueDay = dueDay
        self.doneDay = doneDay
    }
}
