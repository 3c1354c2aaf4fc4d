import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminParticipation
import MokminServices

/// Policy votes and budget rounds as JSON (public, in `/openapi.json`): what the citizen pages show, results only when
/// they are not sealed, nothing about who voted.
struct ParticipationAPIController {
    let polls: PollService
    let budget: BudgetService
    let regions: RegionService

    struct OptionJSON: ResponseEncodable {
        var id: Int64
        var label: String
        var votes: Int?
    }

    struct BreakdownJSON: ResponseEncodable {
        var key: String
        var name: String
        var ballots: Int
        var votes: [String: Int]
    }

    struct PollJSON: ResponseEncodable {
        var id: Int64
        var question: String
        var description: String
        var state: String
        var opens_at: Date
        var closes_at: Date
        var multiple_choice: Bool
        var max_choices: Int
        var min_age: Int
        var areas: [String]
        var named: Bool
        var participants: Int
        var answer_threshold: Int?
        var answer_due: Bool
        var answer: String?
        var answered_at: Date?
        var results_visible: Bool
        var ballots: Int?
        var options: [OptionJSON]
        var by_area: [BreakdownJSON]?
        var by_age_band: [BreakdownJSON]?
        var demo: Bool
    }

    struct PollListJSON: ResponseEncodable { var polls: [PollJSON] }

    struct ProjectJSON: ResponseEncodable {
        var id: Int64
        var code: String
        var district_id: Int64
        var title: String
        var description: String
        var category: String
        var emd_code: String?
        var cost: Int64
        var feasibility: String
        var review_note: String
        var status: String
        var selected: Bool?
        var explanation_ko: String?
        var explanation_en: String?
    }

    struct DistrictJSON: ResponseEncodable {
        var id: Int64
        var name: String
        var budget: Int64
        var city_wide: Bool
        var areas: [String]
        var ballots: Int?
        var total_cost: Int64?
        var selected: [Int64]?
    }

    struct RoundJSON: ResponseEncodable {
        var id: Int64
        var title: String
        var description: String
        var phase: String
        var ballot_kind: String
        var rule: String
        var voting_opens_at: Date
        var voting_closes_at: Date
        var participants: Int
        var districts: [DistrictJSON]
        var projects: [ProjectJSON]?
        var demo: Bool
    }

    struct RoundListJSON: ResponseEncodable { var rounds: [RoundJSON] }

    func register(on router: SecuredRouter) {
        router.get("/api/polls", .public, use: pollList)
        router.get("/api/polls/:id", .public, use: poll)
        router.get("/api/budget/rounds", .public, use: roundList)
        router.get("/api/budget/rounds/:id", .public, use: round)
    }

    func areaName(_ code: String) -> String { regions.registry.regions[code]?.name ?? code }

    func json(_ p: Poll, results: PollResults?, now: Date) -> PollJSON {
        func votes(_ counts: [Int64: Int]?) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: p.options.map { (String($0.id), counts?[$0.id] ?? 0) })
        }
        return PollJSON(
            id: p.id, question: p.question, description: p.description, state: p.state(at: now).rawValue, opens_at: p.opensAt, closes_at: p.closesAt,
            multiple_choice: p.multipleChoice, max_choices: p.maxChoices, min_age: p.minAge, areas: p.areas, named: p.isNamed,
            participants: p.participants,
            answer_threshold: p.answerThreshold, answer_due: p.answerDue, answer: p.answer, answered_at: p.answeredAt,
            results_visible: results != nil,
            ballots: results?.ballots,
            options: p.options.map { o in OptionJSON(id: o.id, label: o.label, votes: results.map { $0.counts[o.id] ?? 0 }) },
            by_area: results.map { r in
                r.ballotsByArea.keys.sorted().map {
                    BreakdownJSON(key: $0, name: areaName($0), ballots: r.ballotsByArea[$0] ?? 0, votes: votes(r.countsByArea[$0]))
                }
            },
            by_age_band: results.map { r in
                r.ballotsByAgeBand.keys.sorted().map {
                    BreakdownJSON(
                        key: String($0.rawValue), name: $0.label.ko, ballots: r.ballotsByAgeBand[$0] ?? 0, votes: votes(r.countsByAgeBand[$0]))
                }
            }, demo: p.isDemo)
    }

    @Sendable func pollList(_ request: Request, context: AppRequestContext) async throws -> PollListJSON {
        let now = Date()
        return PollListJSON(polls: try await polls.list().map { json($0, results: nil, now: now) })
    }

    @Sendable func poll(_ request: Request, context: AppRequestContext) async throws -> PollJSON {
        let now = Date()
        let poll = try await polls.poll(try context.parameters.require("id", as: Int64.self))
        return json(poll, results: try await polls.results(poll, now: now), now: now)
    }

    func json(_ r: BudgetRound, projects: [BudgetProject]?, outcomes: [Int64: RoundOutcome]) -> RoundJSON {
        let fates = Dictionary(outcomes.values.flatMap(\.fates).map { ($0.projectID, $0) }) { a, _ in a }
        return RoundJSON(
            id: r.id, title: r.title, description: r.description, phase: r.phase.rawValue, ballot_kind: r.ballotKind.rawValue, rule: r.rule,
            voting_opens_at: r.votingOpensAt, voting_closes_at: r.votingClosesAt, participants: r.participants,
            districts: r.districts.map { d in
                DistrictJSON(
                    id: d.id, name: d.name, budget: d.budget, city_wide: d.isCityWide, areas: d.areas, ballots: outcomes[d.id]?.ballots,
                    total_cost: outcomes[d.id]?.totalCost, selected: outcomes[d.id]?.selected)
            },
            projects: projects?.map { p in
                ProjectJSON(
                    id: p.id, code: p.code, district_id: p.districtID, title: p.title, description: p.description, category: p.category,
                    emd_code: p.emdCode,
                    cost: p.cost ?? p.proposedCost, feasibility: p.feasibility.rawValue, review_note: p.reviewNote, status: p.status.rawValue,
                    selected: fates[p.id]?.selected, explanation_ko: fates[p.id]?.reasonKo, explanation_en: fates[p.id]?.reasonEn)
            }, demo: r.isDemo)
    }

    @Sendable func roundList(_ request: Request, context: AppRequestContext) async throws -> RoundListJSON {
        RoundListJSON(rounds: try await budget.rounds().map { json($0, projects: nil, outcomes: [:]) })
    }

    @Sendable func round(_ request: Request, context: AppRequestContext) async throws -> RoundJSON {
        let id = try context.parameters.require("id", as: Int64.self)
        let round = try await budget.round(id)
        return json(round, projects: try await budget.projects(id), outcomes: try await budget.outcomes(id))
    }
}
