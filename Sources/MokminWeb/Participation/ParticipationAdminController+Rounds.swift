import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminParticipation
import MokminServices

extension ParticipationAdminController {
    /// Districts typed one per line: `이름;예산;읍면동코드,읍면동코드…`, or `이름;예산;*` for the city-wide pot.
    static func districts(_ text: String) throws -> [NewDistrict] {
        try text.split(whereSeparator: \.isNewline).enumerated().compactMap { index, raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { return nil }
            let parts = line.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3, let budget = Int64(parts[1].replacingOccurrences(of: ",", with: "")) else {
                throw MokminError(
                    .invalidInput, ko: "권역 \(index + 1)행: '이름;예산;읍면동코드,…' 또는 '이름;예산;*' 형식입니다",
                    en: "District line \(index + 1): write 'name;budget;emd,emd…' or 'name;budget;*'")
            }
            let cityWide = parts[2] == "*"
            return NewDistrict(
                name: parts[0], budget: budget, isCityWide: cityWide, areas: cityWide ? [] : parts[2].split(separator: ",").map { String($0) })
        }
    }

    @Sendable func createRound(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.actor(context)
        let form = try await request.formFields()
        do {
            let round = NewRound(
                title: try form.text(Input.title) ?? "", description: try form.text(Input.description) ?? "",
                ballotKind: RoundBallotKind(rawValue: try form.text(Input.kind) ?? "approval") ?? .approval,
                rule: try form.text(Input.rule) ?? "mes-step",
                minProjects: try form.integer(Input.minProjects) ?? 0, maxProjects: try form.integer(Input.maxProjects),
                maxCost: try form.integer(Input.maxCost).map(Int64.init), maxPoints: try form.integer(Input.maxPoints),
                maxPointsPerProject: try form.integer(Input.maxPerProject), minAge: try form.integer(Input.minAge) ?? 0,
                votingOpensAt: try Self.date(try form.text(Input.opens), field: "opens"),
                votingClosesAt: try Self.date(try form.text(Input.closes), field: "closes"),
                districts: try Self.districts(try form.text(Input.districts) ?? ""))
            let created = try await budget.create(round, actor: actor, origin: context.clientAddress)
            return Response(status: .seeOther, headers: [.location: "/admin/participation/rounds/\(created.id)"])
        } catch let error as MokminError where error.kind == .invalidInput {
            return try await refuse(error, request, context)
        }
    }

    @Sendable func importRound(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.actor(context)
        guard let reader = MultipartReader(contentType: request.headers[.contentType]) else {
            throw MokminError(.invalidInput, ko: "파일을 양식(multipart/form-data)으로 올려야 합니다", en: "Upload the file with the form (multipart/form-data)")
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-pb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let upload = try await reader.read(request.body, fileTo: temporary, maxFileBytes: maxUploadBytes)
        do {
            guard let fileName = upload.fileName, !fileName.isEmpty, upload.fileSize > 0 else {
                throw MokminError(.invalidInput, ko: "올릴 .pb 파일을 고르세요", en: "Choose a .pb file to upload")
            }
            guard let text = String(data: try Data(contentsOf: temporary), encoding: .utf8) else {
                throw MokminError(.invalidInput, ko: "\(fileName): UTF-8 텍스트 파일이어야 합니다", en: "\(fileName): a .pb file is UTF-8 text")
            }
            let rule = try ImportController.field(upload, Input.rule)
            let round = try await budget.importElection(text, fileName: fileName, rule: rule, actor: actor, origin: context.clientAddress)
            return Response(status: .seeOther, headers: [.location: "/admin/participation/rounds/\(round.id)"])
        } catch let error as BilingualError {
            return try await refuse(MokminError(.invalidInput, error.message), request, context)
        }
    }

    func roundPage(_ id: Int64, _ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let language = context.language
        let round = try await budget.round(id)
        let projects = try await budget.projects(id)
        let outcomes = try await budget.outcomes(id)
        let presenter = ParticipationController(residents: residents, polls: polls, budget: budget, regions: regions, views: views)
        let byID = Dictionary(uniqueKeysWithValues: projects.map { ($0.id, $0) })
        let turnout = try await budget.turnout(id)
        let reviewing = round.phase == .proposals || round.phase == .review
        let tracking = round.phase == .results || round.phase == .implementation
        let selected = Set(outcomes.values.flatMap(\.selected))
        var values = extra
        values["round"] =
            [
                "id": round.id, "title": round.title, "phase": round.phase.label.text(language),
                "next": round.phase.next?.label.text(language) as Any,
                "steps": presenter.phaseSteps(round, language: language), "participants": round.participants, "is_demo": round.isDemo,
                "kind": round.ballotKind.label.text(language), "rule": round.rule, "reviewing": reviewing, "tracking": tracking,
                "opens": AdminController.format(round.votingOpensAt), "closes": AdminController.format(round.votingClosesAt),
                "districts": round.districts.map { d -> [String: Any] in
                    var dv: [String: Any] = [
                        "id": d.id, "name": d.name, "budget": ParticipationController.won(d.budget), "city_wide": d.isCityWide,
                        "areas": d.areas.map(areaName).joined(separator: ", "),
                        "projects": projects.filter { $0.districtID == d.id }.map { p -> [String: Any] in
                            [
                                "id": p.id, "code": p.code, "title": p.title, "proposed": ParticipationController.won(p.proposedCost),
                                "cost": p.cost.map(ParticipationController.won) as Any, "cost_value": p.cost ?? p.proposedCost,
                                "feasibility": p.feasibility.label.text(language), "note": p.reviewNote, "pending": p.feasibility == .pending,
                                "selected": selected.contains(p.id), "status": p.status.label.text(language), "from_proposal": p.proposalID as Any,
                                "statuses": ProjectStatus.allCases.map {
                                    ["value": $0.rawValue, "label": $0.label.text(language), "current": $0 == p.status]
                                },
                                "milestones": p.milestones.map { ["id": $0.id, "title": $0.title, "due": $0.dueDay, "done": $0.doneDay as Any] },
                            ]
                        },
                    ]
                    if let outcome = outcomes[d.id] { dv["outcome"] = presenter.outcomeValues(outcome, projects: byID, language: language) }
                    return dv
                },
                "turnout_map": TurnoutMap.svg(turnout, regions: regions, language: language),
                "turnout": turnout.keys.sorted { areaName($0) < areaName($1) }.map { ["area": areaName($0), "voters": turnout[$0]!] },
            ] as [String: Any]
        values["may_manage"] = (context.principal?.role ?? .official) >= .admin
        values["city_areas"] = try await cityAreas(context).map { ["code": $0.code, "name": $0.name] }
        return views.page("admin_round", values, context: context, request: request, status: status)
    }

    @Sendable func round(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await roundPage(try context.parameters.require("id", as: Int64.self), request, context)
    }

    /// Runs `work`; a refusal re-renders the round page with its message, success goes back to it.
    func onRound(_ roundID: Int64, _ request: Request, _ context: AppRequestContext, _ work: () async throws -> Void) async throws -> Response {
        do {
            try await work()
        } catch let error as MokminError where error.kind == .invalidInput || error.kind == .conflict {
            return try await roundPage(
                roundID, request, context, extra: ["error": error.message.text(context.language)],
                status: error.kind == .conflict ? .conflict : .badRequest)
        }
        return Response(status: .seeOther, headers: [.location: "/admin/participation/rounds/\(roundID)"])
    }

    @Sendable func advance(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let actor = try Self.actor(context)
        return try await onRound(id, request, context) { _ = try await budget.advance(roundID: id, actor: actor, origin: context.clientAddress) }
    }

    @Sendable func addProject(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let actor = try Self.actor(context)
        let form = try await request.formFields()
        return try await onRound(id, request, context) {
            let project = NewProject(
                districtID: Int64(try form.integer(Input.district) ?? 0), code: try form.text(Input.code) ?? "",
                title: try form.text(Input.title) ?? "",
                description: try form.text(Input.description) ?? "", category: try form.text(Input.category) ?? "", emdCode: try form.text(Input.emd),
                proposedCost: Int64(try form.integer(Input.cost) ?? 0))
            _ = try await budget.addProject(project, roundID: id, actor: actor, origin: context.clientAddress)
        }
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let actor = try Self.actor(context)
        let form = try await request.formFields()
        let project = try await budget.project(id)
        return try await onRound(project.roundID, request, context) {
            try await budget.review(
                projectID: id, feasibility: Feasibility(rawValue: try form.text(Input.feasibility) ?? "") ?? .pending,
                cost: try form.integer(Input.cost).map(Int64.init), note: try form.text(Input.note) ?? "", actor: actor, origin: context.clientAddress
            )
        }
    }

    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let actor = try Self.actor(context)
        let form = try await request.formFields()
        let project = try await budget.project(id)
        return try await onRound(project.roundID, request, context) {
            guard let status = ProjectStatus(rawValue: try form.text(Input.status) ?? "") else {
                throw MokminError(.invalidInput, ko: "추진 상황을 고르세요", en: "Choose a status")
            }
            try await budget.setStatus(projectID: id, status: status, actor: actor, origin: context.clientAddress)
        }
    }

    @Sendable func addMilestone(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let actor = try Self.actor(context)
        let form = try await request.formFields()
        let project = try await budget.project(id)
        return try await onRound(project.roundID, request, context) {
            try await budget.addMilestone(
                projectID: id, title: try form.text(Input.title) ?? "", dueDay: try form.text(Input.dueOn) ?? "", actor: actor,
                origin: context.clientAddress)
        }
    }

    @Sendable func milestone(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let actor = try Self.actor(context)
        let form = try await request.formFields()
        let projectID = try await budget.completeMilestone(id: id, doneDay: try form.text(Input.doneOn), actor: actor, origin: context.clientAddress)
        let project = try await budget.project(projectID)
        return Response(status: .seeOther, headers: [.location: "/admin/participation/rounds/\(project.roundID)"])
    }

    @Sendable func exportPB(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let district = try context.parameters.require("district", as: Int64.self)
        let (name, text) = try await budget.pbFile(roundID: id, districtID: district)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func roundCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let round = try await budget.round(id)
        let projects = Dictionary(uniqueKeysWithValues: try await budget.projects(id).map { ($0.id, $0) })
        let outcomes = try await budget.outcomes(id)
        guard !outcomes.isEmpty else {
            throw MokminError(.notFound, ko: "아직 결과가 없습니다", en: "No results yet")
        }
        var rows: [[String]] = [["권역/district", "사업번호/code", "사업명/title", "사업비/cost", "선정/selected", "단계/stage", "지지/supporters", "설명/reason"]]
        for d in round.districts {
            for f in outcomes[d.id]?.fates ?? [] {
                rows.append([
                    d.name, f.code, projects[f.projectID]?.title ?? "", String(f.cost), f.selected ? "Y" : "N", f.stage, String(f.supporters),
                    context.language == "en" ? f.reasonEn : f.reasonKo,
                ])
            }
        }
        return Self.csv(rows, name: "round\(id)_results.csv")
    }
}
