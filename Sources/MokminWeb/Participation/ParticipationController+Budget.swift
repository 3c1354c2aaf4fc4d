import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminParticipation
import MokminServices

extension ParticipationController {
    static func won(_ value: Int64) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.groupingSeparator = ","
        formatter.usesGroupingSeparator = true
        return (formatter.string(from: NSNumber(value: value)) ?? String(value)) + "원"
    }

    /// A decimal string of won (`1234.5`) with thousands separators.
    static func won(_ text: String) -> String {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard let whole = Int64(parts.first ?? "") else { return text + "원" }
        let grouped = won(whole).dropLast()
        return grouped + (parts.count > 1 ? "." + parts[1] : "") + "원"
    }

    func phaseSteps(_ round: BudgetRound, language: String) -> [[String: Any]] {
        let current = RoundPhase.allCases.firstIndex(of: round.phase)!
        return RoundPhase.allCases.enumerated().map { i, phase in
            ["label": phase.label.text(language), "current": i == current, "done": i < current]
        }
    }

    func outcomeValues(_ outcome: RoundOutcome, projects: [Int64: BudgetProject], language: String) -> [String: Any] {
        let en = language == "en"
        return [
            "rule": outcome.rule, "budget": Self.won(outcome.budget), "total": Self.won(outcome.totalCost), "ballots": outcome.ballots,
            "left": Self.won(outcome.budget - outcome.totalCost), "selected_count": outcome.selected.count,
            "fates": outcome.fates.map { f -> [String: Any] in
                let project = projects[f.projectID]
                return [
                    "code": f.code, "title": project?.title ?? f.code, "cost": Self.won(f.cost), "selected": f.selected, "supporters": f.supporters,
                    "reason": en ? f.reasonEn : f.reasonKo, "rank": f.rank as Any,
                    "payments": f.payments.map { ["amount": Self.won($0.amount), "voters": $0.voters] }, "has_payments": !f.payments.isEmpty,
                    "total_paid": f.totalPaid.map(Self.won) as Any, "status": project?.status.label.text(language) ?? "",
                    "milestones": (project?.milestones ?? []).map { ["title": $0.title, "due": $0.dueDay, "done": $0.doneDay as Any] },
                ]
            },
        ]
    }

    @Sendable func round(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        return try await renderRound(id, request, context)
    }

    func renderRound(_ id: Int64, _ request: Request, _ context: AppRequestContext, error: String? = nil, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let now = Date()
        let language = context.language
        let round = try await budget.round(id)
        let projects = try await budget.projects(id)
        let byID = Dictionary(uniqueKeysWithValues: projects.map { ($0.id, $0) })
        let outcomes = round.phase == .results || round.phase == .implementation ? try await budget.outcomes(id) : [:]
        let voting = round.votingState(at: now) == .open
        var mayVote = false
        var voted = false
        var refusal: String?
        if let resident = context.resident {
            voted = try await budget.hasVoted(roundID: id, resident: resident)
            if voting, !voted {
                if let r = round.refusal(for: resident, at: now) { refusal = r.message.text(language) } else { mayVote = true }
            }
        }
        let mine = context.resident.map { round.districts(for: $0.emdCode).map(\.id) } ?? []
        let districts: [[String: Any]] = round.districts.map { d in
            let offered = projects.filter {
                $0.districtID == d.id && (round.phase == .proposals || round.phase == .review || $0.feasibility == .feasible)
            }
            var values: [String: Any] = [
                "id": d.id, "name": d.name, "budget": Self.won(d.budget), "city_wide": d.isCityWide,
                "areas": d.areas.map(areaName).joined(separator: ", "), "votes_here": mayVote && mine.contains(d.id),
                "projects": offered.map { p -> [String: Any] in
                    [
                        "id": p.id, "district_id": d.id, "code": p.code, "title": p.title, "description": p.description,
                        "category": p.category.isEmpty ? nil : p.category as Any?, "area": p.emdCode.map(areaName) as Any?,
                        "cost": Self.won(p.cost ?? p.proposedCost), "cost_value": p.cost ?? p.proposedCost,
                        "feasibility": p.feasibility.label.text(language), "infeasible": p.feasibility == .infeasible, "note": p.reviewNote,
                        "ranks": (1...max(1, min(offered.count, round.maxProjects ?? offered.count))).map { ["rank": $0] },
                        "max_points": round.maxPointsPerProject ?? round.maxPoints ?? 1,
                    ]
                },
            ]
            values["has_projects"] = !offered.isEmpty
            if let outcome = outcomes[d.id] { values["outcome"] = outcomeValues(outcome, projects: byID, language: language) }
            return values
        }
        var values: [String: Any] = [
            "id": round.id, "title": round.title, "description": round.description, "is_demo": round.isDemo,
            "phase": round.phase.label.text(language), "steps": phaseSteps(round, language: language), "opens": Self.format(round.votingOpensAt),
            "closes": Self.format(round.votingClosesAt), "participants": round.participants, "kind": round.ballotKind.label.text(language),
            "is_approval": round.ballotKind == .approval, "is_cumulative": round.ballotKind == .cumulative,
            "is_ordinal": round.ballotKind == .ordinal, "is_choose_one": round.ballotKind == .chooseOne,
            "min_projects": round.minProjects, "max_projects": round.maxProjects as Any, "max_cost": round.maxCost.map(Self.won) as Any,
            "max_points": round.maxPoints as Any, "max_per_project": round.maxPointsPerProject as Any,
            "districts": districts, "voting": voting, "may_vote": mayVote, "voted": voted, "refusal": refusal as Any,
            "has_results": !outcomes.isEmpty, "rule_mes": round.rule.hasPrefix("mes"),
        ]
        if voting, context.resident == nil {
            values["verify_link"] = "/participate/verify?next=" + URLText.component("/participate/budget/\(id)")
        }
        if let error { values["error"] = error }
        return page("participate_round", ["round": values], request, context, status: status)
    }

    @Sendable func voteRound(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let resident = context.resident else { return Self.verifyRedirect("/participate/budget/\(id)") }
        let form = try await request.formFields()
        let projects = Dictionary(uniqueKeysWithValues: try await budget.projects(id).map { ($0.id, $0) })
        var ballots: [Int64: [Int64: Int]] = [:]
        do {
            for (suffix, raw) in try form.family(Input.points) {
                guard let projectID = Int64(suffix), let project = projects[projectID] else {
                    throw MokminError(.invalidInput, ko: "없는 사업입니다: \(suffix.prefix(20))", en: "No such project: \(suffix.prefix(20))")
                }
                guard let points = Int(raw), points > 0 else { continue }
                ballots[project.districtID, default: [:]][projectID] = points
            }
            for (suffix, raw) in try form.family(Input.choice) {
                guard let districtID = Int64(suffix), let projectID = Int64(raw), let project = projects[projectID], project.districtID == districtID
                else {
                    throw MokminError(.invalidInput, ko: "없는 사업입니다", en: "No such project")
                }
                ballots[districtID, default: [:]][projectID] = 1
            }
            try await budget.vote(roundID: id, ballots: ballots, resident: resident)
        } catch let error as MokminError where error.kind == .invalidInput || error.kind == .conflict || error.kind == .forbidden {
            let status: HTTPResponse.Status = error.kind == .conflict ? .conflict : (error.kind == .forbidden ? .forbidden : .badRequest)
            return try await renderRound(id, request, context, error: error.message.text(context.language), status: status)
        }
        return Response(status: .seeOther, headers: [.location: "/participate/budget/\(id)"])
    }
}
