import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminParticipation
import MokminServices

/// Citizen proposals (국민생각함-style): the public list and a proposal's page, a verified resident's proposal form
/// (with an optional photo) and support button, the officials' moderation queue, and the JSON API.
///
/// Residents act through their participation session (`context.resident`); a page that needs one sends the visitor
/// to `/participate/verify` and back. The rules live in ``ProposalService``.
struct ProposalController {
    let proposals: ProposalService
    let regions: RegionService
    let views: Views

    enum Input {
        static let maxID = Int(Int32.max)
        static let page = Parameter.integer("page", 1...ProposalService.maxPage)
        static let category = Parameter.choice("category", NewProposal.categories)
        static let emd = Parameter.pattern("emd", "[0-9]{10}", max: 10)
        static let sort = Parameter.choice("sort", ["new", "support"])
        static let limit = Parameter.integer("limit", 1...100)
        static let sent = Parameter.flag("sent")
        static let list = [category, emd, sort, page]
        // The proposal form (multipart: these fields and the `photo` file).
        static let title = Parameter.text("title", max: 200, in: .form)
        static let body = Parameter.text("body", max: 10_000, in: .form)
        static let form = [title, body, category.inForm, emd.inForm]
        // The officials' queue and its actions.
        static let tab = Parameter.choice("status", Tab.allCases.map(\.rawValue))
        static let done = Parameter.choice("done", Action.allCases.map(\.rawValue))
        static let threshold = Parameter.integer(
            "threshold", ProposalService.thresholds.lowerBound...ProposalService.thresholds.upperBound, in: .form)
        static let days = Parameter.integer("days", ProposalService.periods.lowerBound...ProposalService.periods.upperBound, in: .form)
        static let into = Parameter.integer("into", 1...maxID, in: .form)
        static let reason = Parameter.text("reason", max: ProposalService.maxReason, in: .form)
        static let answer = Parameter.text("answer", max: ProposalService.maxAnswer, in: .form)
        static let district = Parameter.integer("district", 1...maxID, in: .form)
        static let cost = Parameter.integer("cost", 1...Int(NewRound.maxBudget), in: .form)
        static let fromTab = Parameter.choice("tab", Tab.allCases.map(\.rawValue), in: .form)
    }

    /// The officials' queue's tabs.
    enum Tab: String, CaseIterable {
        case pending
        case answerDue = "answer_due"
        case published
        case merged
        case rejected

        var filter: ProposalFilter {
            switch self {
            case .pending: ProposalFilter(statuses: [.pending], order: .oldest)
            case .answerDue: ProposalFilter(statuses: [.published], answerDueOnly: true, order: .oldest)
            case .published: ProposalFilter(statuses: [.published], order: .newest)
            case .merged: ProposalFilter(statuses: [.merged], order: .newest)
            case .rejected: ProposalFilter(statuses: [.rejected], order: .newest)
            }
        }
    }

    /// What an official did, for the notice after the redirect.
    enum Action: String, CaseIterable {
        case publish, merge, reject, answer, project
    }

    func register(on router: SecuredRouter) {
        router.get("/participate/proposals", .public, parameters: Input.list, use: list)
        router.get("/participate/proposals/new", .public, use: newForm)
        router.post("/participate/proposals/new", .public, parameters: Input.form, use: create)
        router.get("/participate/proposals/:id", .public, parameters: [Input.sent], use: show)
        router.get("/participate/proposals/:id/photo", .public, use: photo)
        router.post("/participate/proposals/:id/support", .public, use: support)
        router.get("/admin/proposals", .official, parameters: [Input.tab, Input.done, Input.page], use: queue)
        router.post("/admin/proposals/:id/publish", .official, parameters: [Input.threshold, Input.days, Input.fromTab], use: publish)
        router.post("/admin/proposals/:id/merge", .official, parameters: [Input.into, Input.reason, Input.fromTab], use: merge)
        router.post("/admin/proposals/:id/reject", .official, parameters: [Input.reason, Input.fromTab], use: reject)
        router.post("/admin/proposals/:id/answer", .official, parameters: [Input.answer, Input.fromTab], use: answer)
        router.post("/admin/proposals/:id/project", .official, parameters: [Input.district, Input.cost, Input.fromTab], use: makeProject)
        router.get("/api/proposals", .public, parameters: [Input.category, Input.emd, Input.sort, Input.page, Input.limit], use: apiList)
        router.get("/api/proposals/:id", .public, use: apiShow)
    }

    // MARK: Shared

    static let residentRequired = MokminError(
        .unauthorized, ko: "주민 인증이 필요합니다. 주민 참여 인증을 먼저 해 주세요", en: "Resident verification is required: verify first")

    /// An official who may read proposals that are not public (a display token, for the wall, may not).
    static func isStaff(_ context: AppRequestContext) -> Bool {
        guard let principal = context.principal else { return false }
        return !principal.isDisplayOnly
    }

    /// Where a visitor without a participation session goes to verify, coming back to `path` afterwards.
    static func verifyLink(_ path: String) -> String {
        "/participate/verify?next=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2F")
    }

    /// The 읍면동 of every served city (citizens propose anywhere the server serves), by name.
    func areas() async throws -> [(code: String, name: String)] {
        regions.areaChoices(in: try await regions.servedCities())
    }

    /// A category as the page's language names it (the stored value is the Korean name).
    static let categoryNames: [String: String] = [
        "교통": "Transport", "환경": "Environment", "안전": "Safety", "복지": "Welfare", "문화·체육": "Culture and sport", "교육": "Education",
        "도시·주거": "Urban planning and housing", "경제·일자리": "Economy and jobs", "행정": "Administration", "기타": "Other",
    ]

    static func categoryName(_ category: String, _ language: String) -> String {
        language == "en" ? categoryNames[category] ?? category : category
    }

    /// The categories for a select, the `selected` one marked.
    static func categoryOptions(_ language: String, selected: String?) -> [[String: Any]] {
        NewProposal.categories.map { ["value": $0, "name": categoryName($0, language), "selected": $0 == selected] }
    }

    func areaName(_ code: String?) -> String {
        guard let code else { return "" }
        return regions.registry.regions[code]?.name ?? code
    }

    /// The list's filter from the query (published proposals only).
    static func publicFilter(_ query: ParameterValues) throws -> ProposalFilter {
        ProposalFilter(
            statuses: [.published], category: try query.text(Input.category), emdCode: try query.text(Input.emd),
            order: try query.text(Input.sort) == "support" ? .supporters : .newest)
    }

    /// What a card or a page shows of a proposal.
    func row(_ p: Proposal, language: String, now: Date = Date()) -> [String: Any] {
        let en = language == "en"
        var values: [String: Any] = [
            "id": p.id, "title": p.title, "body": p.body, "category": Self.categoryName(p.category, language), "has_photo": p.hasPhoto,
            "status": p.status.rawValue, "status_name": p.status.label.text(language), "supporters": p.supporters,
            "created": LocalTime(p.createdAt).isoDate, "is_demo": p.isDemo, "answer_due": p.answerDue, "is_published": p.status == .published,
            "is_pending": p.status == .pending, "is_rejected": p.status == .rejected, "is_merged": p.status == .merged,
        ]
        if let threshold = p.supportThreshold {
            values["threshold"] = threshold
            values["has_threshold"] = true
            values["progress_value"] = min(p.supporters, threshold)
            values["percent"] = min(100, p.supporters * 100 / max(threshold, 1))
        }
        if let closes = p.supportClosesAt {
            values["closes"] = LocalTime(closes.addingTimeInterval(-1)).isoDate
            let open = p.acceptsSupport(at: now)
            values["is_open"] = open
            values["is_closed"] = p.status == .published && !open
            if open {
                let days = Int((closes.timeIntervalSince(now) / 86_400).rounded(.up))
                values["days_left"] = en ? "\(days) days left" : "\(days)일 남음"
            }
        }
        if let answer = p.answer {
            values["answer"] = answer
            values["is_answered"] = true
            if let at = p.answeredAt { values["answered"] = LocalTime(at).isoDate }
        }
        if let emd = p.emdCode { values["emd_name"] = areaName(emd) }
        if let reason = p.reason, !reason.isEmpty { values["reason"] = reason }
        if let target = p.mergedInto { values["merged_into"] = target }
        if let project = p.projectID {
            values["project_id"] = project
            values["has_project"] = true
        }
        if let published = p.publishedAt { values["published"] = LocalTime(published).isoDate }
        return values
    }

    /// Links for the pages before and after `page` that keep the list's filters.
    static func pager(_ result: ProposalPage, base: String, keep: [(String, String)]) -> [String: Any] {
        func href(_ page: Int) -> String {
            let pairs = keep + [("page", String(page))]
            return base + "?"
                + pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        }
        var values: [String: Any] = ["page": result.page, "pages": result.pages, "total": result.total]
        if result.page > 1 { values["prev_href"] = href(result.page - 1) }
        if result.page < result.pages { values["next_href"] = href(result.page + 1) }
        return values
    }

    // MARK: Residents' pages

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.query
        let filter = try Self.publicFilter(query)
        let result = try await proposals.list(filter, page: try query.integer(Input.page) ?? 1)
        var values: [String: Any] = [
            "proposals": result.proposals.map { row($0, language: context.language) },
            "categories": Self.categoryOptions(context.language, selected: filter.category),
            "areas": try await areas().map { ["code": $0.code, "name": $0.name, "selected": $0.code == filter.emdCode] },
            "sort_support": filter.order == .supporters, "is_resident": context.resident != nil,
            "verify_href": Self.verifyLink("/participate/proposals/new"),
        ]
        var keep: [(String, String)] = []
        if let c = filter.category { keep.append(("category", c)) }
        if let e = filter.emdCode { keep.append(("emd", e)) }
        if filter.order == .supporters { keep.append(("sort", "support")) }
        values.merge(Self.pager(result, base: "/participate/proposals", keep: keep)) { $1 }
        return views.page("participate_proposals", values, context: context, request: request)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let proposal = try await proposals.visible(id, resident: context.resident, staff: Self.isStaff(context))
        var values: [String: Any] = ["proposal": row(proposal, language: context.language)]
        if let resident = context.resident {
            let isAuthor = try await proposals.isAuthor(proposalID: id, resident: resident)
            values["is_author"] = isAuthor
            values["has_supported"] = try await proposals.hasSupported(proposalID: id, resident: resident)
            values["is_resident"] = true
        }
        values["verify_href"] = Self.verifyLink("/participate/proposals/\(id)")
        values["sent"] = try request.query.flag(Input.sent) ?? false
        return views.page("participate_proposal", values, context: context, request: request)
    }

    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let (data, type) = try await proposals.photo(id, resident: context.resident, staff: Self.isStaff(context))
        var headers: HTTPFields = [.contentType: type]
        headers[.xContentTypeOptions] = "nosniff"
        // Private: a proposal awaiting moderation, or later rejected, must not stay in a shared cache.
        headers[.cacheControl] = "private, max-age=300"
        headers[.contentDisposition] = "inline; filename=\"proposal-\(id).\(type.split(separator: "/").last ?? "img")\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    @Sendable func support(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let resident = context.resident else { throw Self.residentRequired }
        try await proposals.support(proposalID: id, resident: resident)
        return Response(status: .seeOther, headers: [.location: "/participate/proposals/\(id)"])
    }
}
