import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminParticipation
import MokminServices

extension ProposalController {
    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let resident = context.resident else {
            return Response(status: .seeOther, headers: [.location: Self.verifyLink("/participate/proposals/new")])
        }
        return try await renderForm(request, context, typed: ["emd": resident.emdCode])
    }

    /// The form, with what was typed (`title`, `body`, `category`, `emd`) and an error.
    func renderForm(
        _ request: Request, _ context: AppRequestContext, typed: [String: String], error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var values: [String: Any] = [
            "title": typed["title"] ?? "", "body": typed["body"] ?? "",
            "categories": Self.categoryOptions(context.language, selected: typed["category"]),
            "areas": try await areas().map { ["code": $0.code, "name": $0.name, "selected": $0.code == typed["emd"]] },
            "max_photo_mib": NewProposal.maxPhotoBytes / 1_048_576,
        ]
        if let error { values["error"] = error }
        return views.page("participate_proposal_new", values, context: context, request: request, status: status)
    }

    /// A resident's proposal: multipart (`title`, `body`, `category`, `emd`, optional `photo`), the CSRF token in the
    /// action's query string. The photo's type is read from its first bytes; what the browser claims is ignored.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let resident = context.resident else { throw Self.residentRequired }
        guard let reader = MultipartReader(contentType: request.headers[.contentType]) else {
            throw MokminError(.invalidInput, ko: "제안은 양식(multipart/form-data)으로 보내야 합니다", en: "Send the proposal with the form (multipart/form-data)")
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-proposal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        var typed: [String: String] = [:]
        do {
            let upload = try await reader.read(request.body, fileTo: temporary, maxFileBytes: NewProposal.maxPhotoBytes)
            for parameter in Input.form { typed[parameter.name] = upload.fields[parameter.name] ?? "" }
            let title = try ImportController.field(upload, Input.title) ?? ""
            let body = try ImportController.field(upload, Input.body) ?? ""
            let category = try ImportController.field(upload, Input.category.inForm) ?? ""
            let emd = try ImportController.field(upload, Input.emd.inForm)
            if let emd, try await !areas().contains(where: { $0.code == emd }) {
                throw MokminError(.invalidInput, ko: "이 시의 읍면동이 아닙니다: \(emd)", en: "Not a 읍면동 of this city: \(emd)")
            }
            let photo = upload.fileSize > 0 ? try Data(contentsOf: temporary) : nil
            let proposal = try await proposals.propose(
                NewProposal(title: title, body: body, category: category, emdCode: emd, photo: photo), resident: resident)
            return Response(status: .seeOther, headers: [.location: "/participate/proposals/\(proposal.id)?sent=1"])
        } catch let error as MokminError where error.kind == .invalidInput || error.kind == .rateLimited {
            let status: HTTPResponse.Status = error.kind == .rateLimited ? .tooManyRequests : .badRequest
            return try await renderForm(request, context, typed: typed, error: error.message.text(context.language), status: status)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            let message = MokminError(.invalidInput, ko: "사진은 5 MiB까지입니다", en: "A photo has at most 5 MiB").message
            return try await renderForm(request, context, typed: typed, error: message.text(context.language), status: .contentTooLarge)
        }
    }
}
