import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminParticipation
import MokminServices

/// The officials' moderation queue: tabs by state (pending first), and on each proposal the forms its state allows.
extension ProposalController {
    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.query
        let tab = try query.text(Input.tab).flatMap(Tab.init(rawValue:)) ?? .pending
        let done = try query.text(Input.done).flatMap(Action.init(rawValue:))
        return try await renderQueue(
            request, context, tab: tab, page: try query.integer(Input.page) ?? 1,
            notice: done.map {
                Strings.text("proposal_done_\($0.rawValue)", context.language)
            })
    }

    func renderQueue(
        _ request: Request, _ context: AppRequestContext, tab: Tab, page: Int = 1, notice: String? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = context.language
        var tabs: [[String: Any]] = []
        for t in Tab.allCases {
            let count = try await proposals.list(t.filter, page: 1, pageSize: 1).total
            tabs.append([
                "key": t.rawValue, "name": Strings.text("proposal_tab_\(t.rawValue)", language), "count": count, "current": t == tab,
            ])
        }
        let result = try await proposals.list(tab.filter, page: page)
        let rounds = try await proposals.openRounds()
        let districts: [[String: Any]] = rounds.map { round in
            [
                "round": round.title,
                "districts": round.districts.map { ["id": $0.id, "name": $0.name, "budget": $0.budget] as [String: Any] },
            ]
        }
        let now = Date()
        let rows: [[String: Any]] = result.proposals.map { p in
            var values = row(p, language: language, now: now)
            values["may_publish"] = p.status == .pending
            values["may_merge"] = p.status == .pending || p.status == .published
            values["may_reject"] = p.status == .pending || p.status == .published
            values["may_answer"] = p.status == .published
            values["may_project"] = p.status == .published && p.projectID == nil && !rounds.isEmpty
            return values
        }
        var values: [String: Any] = [
            "tabs": tabs, "tab": tab.rawValue, "proposals": rows, "rounds": districts, "has_rounds": !rounds.isEmpty,
            "default_threshold": ProposalService.defaultThreshold, "default_days": ProposalService.defaultDays,
        ]
        if let notice { values["notice"] = notice }
        if let error { values["error"] = error }
        values.merge(Self.pager(result, base: "/admin/proposals", keep: [("status", tab.rawValue)])) { $1 }
        return views.page("admin_proposals", values, context: context, request: request, status: status)
    }

    /// Runs an official's action on proposal `:id`, then returns to the tab the form was on with a notice; a refusal
    /// (bad input, a state that does not allow it) shows the queue again with the bilingual message.
    func act(
        _ request: Request, _ context: AppRequestContext, _ action: Action,
        _ work: (_ id: Int64, _ form: ParameterValues, _ actor: String, _ origin: String?) async throws -> Void
    ) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let principal = context.principal else { throw HTTPError(.unauthorized) }
        let form = try await request.formFields()
        let tab = try form.text(Input.fromTab).flatMap(Tab.init(rawValue:)) ?? .pending
        do {
            try await work(id, form, principal.login, context.clientAddress)
        } catch let error as MokminError where error.kind == .invalidInput || error.kind == .conflict {
            let (status, message) = ErrorMiddleware.describe(error, context: context)
            return try await renderQueue(request, context, tab: tab, error: "#\(id): " + message.text(context.language), status: status)
        }
        return Response(status: .seeOther, headers: [.location: "/admin/proposals?status=\(tab.rawValue)&done=\(action.rawValue)"])
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context, .publish) { id, form, actor, origin in
            try await proposals.publish(
                proposalID: id, threshold: try form.integer(Input.threshold), days: try form.integer(Input.days), actor: actor, origin: origin)
        }
    }

    @Sendable func merge(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context, .merge) { id, form, actor, origin in
            guard let into = try form.integer(Input.into) else {
                throw MokminError(.invalidInput, ko: "병합할 제안 번호를 적어 주세요", en: "Give the number of the proposal to merge into")
            }
            try await proposals.merge(proposalID: id, into: Int64(into), reason: try form.text(Input.reason), actor: actor, origin: origin)
        }
    }

    @Sendable func reject(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context, .reject) { id, form, actor, origin in
            try await proposals.reject(proposalID: id, reason: try form.text(Input.reason) ?? "", actor: actor, origin: origin)
        }
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context, .answer) { id, form, actor, origin in
            try await proposals.answer(proposalID: id, text: try form.text(Input.answer) ?? "", actor: actor, origin: origin)
        }
    }

    @Sendable func makeProject(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context, .project) { id, form, actor, origin in
            guard let district = try form.integer(Input.district).map(Int64.init), let cost = try form.integer(Input.cost).map(Int64.init) else {
                throw MokminError(.invalidInput, ko: "공모·권역과 사업비를 정해 주세요", en: "Choose the round and district, and give the cost")
            }
            guard let round = try await proposals.openRounds().first(where: { $0.districts.contains { $0.id == district } }) else {
                throw MokminError(
                    .invalidInput, ko: "사업 제안이나 검토 단계인 공모의 권역이 아닙니다: \(district)",
                    en: "Not a district of a round taking proposals or under review: \(district)")
            }
            _ = try await proposals.toProject(proposalID: id, roundID: round.id, districtID: district, cost: cost, actor: actor, origin: origin)
        }
    }
}
