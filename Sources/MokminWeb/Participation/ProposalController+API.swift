import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminParticipation
import MokminServices

/// The published proposals as JSON (`/api/proposals…`, public, in `/openapi.json`). Nothing about who proposed or
/// supported is given.
extension ProposalController {
    struct ProposalJSON: ResponseEncodable {
        var id: Int64
        var title: String
        var body: String
        var category: String
        var emd_code: String?
        var emd_name: String?
        var status: String
        var supporters: Int
        var support_threshold: Int?
        var support_closes_at: Date?
        var accepts_support: Bool
        var answer_due: Bool
        var answer: String?
        var answered_at: Date?
        var published_at: Date?
        var photo_url: String?
        var project_id: Int64?
        var demo: Bool
    }

    struct ListJSON: ResponseEncodable {
        var proposals: [ProposalJSON]
        var total: Int
        var page: Int
        var pages: Int
    }

    func json(_ p: Proposal, now: Date) -> ProposalJSON {
        ProposalJSON(
            id: p.id, title: p.title, body: p.body, category: p.category, emd_code: p.emdCode, emd_name: p.emdCode.map { areaName($0) },
            status: p.status.rawValue, supporters: p.supporters, support_threshold: p.supportThreshold, support_closes_at: p.supportClosesAt,
            accepts_support: p.acceptsSupport(at: now), answer_due: p.answerDue, answer: p.answer, answered_at: p.answeredAt,
            published_at: p.publishedAt, photo_url: p.hasPhoto ? "/participate/proposals/\(p.id)/photo" : nil, project_id: p.projectID,
            demo: p.isDemo)
    }

    @Sendable func apiList(_ request: Request, context: AppRequestContext) async throws -> ListJSON {
        let query = request.query
        let result = try await proposals.list(
            try Self.publicFilter(query), page: try query.integer(Input.page) ?? 1,
            pageSize: try query.integer(Input.limit) ?? ProposalService.pageSize)
        let now = Date()
        return ListJSON(proposals: result.proposals.map { json($0, now: now) }, total: result.total, page: result.page, pages: result.pages)
    }

    @Sendable func apiShow(_ request: Request, context: AppRequestContext) async throws -> ProposalJSON {
        let id = try context.parameters.require("id", as: Int64.self)
        let proposal = try await proposals.proposal(id)
        guard proposal.status == .published else {
            throw MokminError(.notFound, ko: "없는 제안입니다: \(id)", en: "No such proposal: \(id)")
        }
        return json(proposal, now: Date())
    }
}
