import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminIngest
import MokminParticipation
import MokminServices

/// The staff side of participation: the overview (residents, code batches, the sender's outbox, polls and rounds),
/// creating polls and rounds, issuing codes and importing the roster (admins); turnout, official answers, the
/// feasibility review and implementation tracking (every official); exports. Every write is audited by its service.
struct ParticipationAdminController {
    let residents: ResidentService
    let polls: PollService
    let budget: BudgetService
    let regions: RegionService
    let views: Views
    let maxUploadBytes: Int

    enum Input {
        static let question = Parameter.text("question", max: 300, in: .form)
        static let description = Parameter.text("description", max: 10_000, in: .form)
        static let options = Parameter.text("options", max: 5_000, in: .form)
        static let multiple = Parameter.flag("multiple", in: .form)
        static let maxChoices = Parameter.integer("max_choices", 1...NewPoll.maxOptions, in: .form)
        static let opens = Parameter.pattern("opens", "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?", max: 19, in: .form)
        static let closes = Parameter.pattern("closes", "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?", max: 19, in: .form)
        static let minAge = Parameter.integer("min_age", 0...120, in: .form)
        static let live = Parameter.flag("live", in: .form)
        static let named = Parameter.flag("named", in: .form)
        static let threshold = Parameter.integer("threshold", 1...100_000_000, in: .form)
        static let area = Parameter("area", .pattern("[0-9]{10}", maxLength: 10), in: .form, repeatable: true)
        static let answer = Parameter.text("answer", max: 10_000, in: .form)
        static let count = Parameter.integer("count", 1...ResidentService.maxCodesPerBatch, in: .form)
        static let emd = Parameter.pattern("emd_code", "[0-9]{10}", max: 10, in: .form)
        static let birthYear = Parameter.integer("birth_year", 1900...2200, in: .form)
        static let ageBand = Parameter.choice("age_band", ["", "0", "10", "20", "30", "40", "50", "60", "70"], in: .form)
        static let batch = Parameter.text("batch", max: 100, in: .form)
        static let days = Parameter.integer("days", 1...366, in: .form)
        static let recipients = Parameter.text("recipients", max: 200_000, in: .form)
        static let title = Parameter.text("title", max: 300, in: .form)
        static let kind = Parameter.choice("kind", RoundBallotKind.allCases.map(\.rawValue), in: .form)
        static let rule = Parameter.choice("rule", NewRound.rules, in: .form)
        static let minProjects = Parameter.integer("min_projects", 0...100, in: .form)
        static let maxProjects = Parameter.integer("max_projects", 1...100, in: .form)
        static let maxCost = Parameter.integer("max_cost", 1...Int(NewRound.maxBudget), in: .form)
        static let maxPoints = Parameter.integer("max_points", 1...1000, in: .form)
        static let maxPerProject = Parameter.integer("max_per_project", 1...1000, in: .form)
        static let districts = Parameter.text("districts", max: 20_000, in: .form)
        static let code = Parameter.text("code", max: 40, in: .form)
        static let district = Parameter.integer("district", 1...Int(Int32.max), in: .form)
        static let category = Parameter.text("category", max: 50, in: .form)
        static let cost = Parameter.integer("cost", 1...Int(NewRound.maxBudget), in: .form)
        static let feasibility = Parameter.choice("feasibility", Feasibility.allCases.map(\.rawValue), in: .form)
        static let note = Parameter.text("note", max: 2_000, in: .form)
        static let status = Parameter.choice("status", ProjectStatus.allCases.map(\.rawValue), in: .form)
        static let dueOn = Parameter.pattern("due_on", "[0-9]{4}-[0-9]{2}-[0-9]{2}", max: 10, in: .form)
        static let doneOn = Parameter.pattern("done_on", "[0-9]{4}-[0-9]{2}-[0-9]{2}", max: 10, in: .form)
        static let poll = [question, description, options, multiple, maxChoices, opens, closes, minAge, live, named, threshold, area]
        static let codes = [count, emd, birthYear, ageBand, batch, days, recipients]
        static let round = [
            title, description, kind, rule, minProjects, maxProjects, maxCost, maxPoints, maxPerProject, minAge, opens, closes, districts,
        ]
        static let project = [code, title, description, district, category, emd, cost]
    }

    func register(on router: SecuredRouter) {
        router.get("/admin/participation", .official, use: overview)
        router.post("/admin/participation/roster", .admin, use: importRoster)
        router.post("/admin/participation/codes", .admin, parameters: Input.codes, use: issueCodes)
        router.post("/admin/participation/polls", .admin, parameters: Input.poll, use: createPoll)
        router.get("/admin/participation/polls/:id", .official, use: poll)
        router.post("/admin/participation/polls/:id/answer", .official, parameters: [Input.answer], use: answer)
        router.get("/admin/participation/polls/:id/results.csv", .official, use: pollCSV)
        router.post("/admin/participation/rounds", .admin, parameters: Input.round, use: createRound)
        router.post("/admin/participation/rounds/import", .admin, use: importRound)
        router.get("/admin/participation/rounds/:id", .official, use: round)
        router.post("/admin/participation/rounds/:id/advance", .admin, use: advance)
        router.post("/admin/participation/rounds/:id/projects", .official, parameters: Input.project, use: addProject)
        router.get("/admin/participation/rounds/:id/districts/:district/export.pb", .official, use: exportPB)
        router.get("/admin/participation/rounds/:id/results.csv", .official, use: roundCSV)
        router.post("/admin/participation/projects/:id/review", .official, parameters: [Input.feasibility, Input.cost, Input.note], use: review)
        router.post("/admin/participation/projects/:id/status", .official, parameters: [Input.status], use: status)
        router.post("/admin/participation/projects/:id/milestones", .official, parameters: [Input.title, Input.dueOn], use: addMilestone)
        router.post("/admin/participation/milestones/:id", .official, parameters: [Input.doneOn], use: milestone)
    }

    static func actor(_ context: AppRequestContext) throws -> String {
        guard let principal = context.principal else { throw HTTPError(.unauthorized) }
        return principal.login
    }

    func areaName(_ code: String) -> String { regions.registry.regions[code]?.name ?? code }

    /// The 읍면동 of the official's cities (for eligibility and district forms), by name.
    func cityAreas(_ context: AppRequestContext) async throws -> [(code: String, name: String)] {
        regions.areaChoices(in: try await regions.cities(for: context.principal))
    }

    /// A datetime-local field (Korean time) as a date.
    static func date(_ text: String?, field: String) throws -> Date {
        guard let text, let date = LocalTime.date(text.count == 16 ? text + ":00" : text) else {
            throw MokminError(
                .invalidInput, ko: "\(field): 날짜와 시각이 필요합니다 (2026-05-01T09:00)", en: "\(field): a date and time is needed (2026-05-01T09:00)")
        }
        return date
    }

    /// A table as a CSV download (Ingest's `CSVWriter`: UTF-8 with BOM, CRLF, formulas disarmed); the first row is the header.
    static func csv(_ rows: [[String]], name: String) -> Response {
        let data = CSVWriter.data(header: rows.first ?? [], rows: Array(rows.dropFirst()))
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store",
            ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func render(_ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let now = Date()
        let language = context.language
        let isAdmin = (context.principal?.role ?? .official) >= .admin
        var values = extra
        let summary = try await residents.summary()
        values["summary"] = [
            "roster": summary.rosterResidents, "verified": summary.verifiedRosterResidents, "code": summary.codeResidents,
            "batches": summary.batches.map {
                ["name": $0.name, "issued": $0.issued, "used": $0.used, "expired": $0.expired, "expires": AdminController.format($0.expiresAt)]
            },
        ]
        values["outbox"] = try await residents.outbox(limit: 20).map {
            ["batch": $0.batch, "recipient": $0.recipient, "body": $0.body, "sent": AdminController.format($0.sentAt)]
        }
        values["polls"] = try await polls.list().map { p -> [String: Any] in
            [
                "id": p.id, "question": p.question, "participants": p.participants, "opens": AdminController.format(p.opensAt),
                "closes": AdminController.format(p.closesAt), "state": Self.stateLabel(p.state(at: now), language), "answer_due": p.answerDue,
                "answered": p.answer != nil, "is_demo": p.isDemo, "named": p.isNamed,
            ]
        }
        values["rounds"] = try await budget.rounds().map { r -> [String: Any] in
            ["id": r.id, "title": r.title, "phase": r.phase.label.text(language), "participants": r.participants, "is_demo": r.isDemo]
        }
        values["areas"] = try await cityAreas(context).map { ["code": $0.code, "name": $0.name] }
        values["kinds"] = RoundBallotKind.allCases.map { ["value": $0.rawValue, "label": $0.label.text(language)] }
        values["rules"] = NewRound.rules.map { ["value": $0, "selected": $0 == "mes-step"] }
        values["bands"] = AgeBand.all.map { ["value": $0.rawValue, "label": $0.label.text(language)] }
        values["may_manage"] = isAdmin
        let today = LocalTime(now)
        values["default_opens"] = today.isoDate + "T09:00"
        values["default_closes"] = LocalTime(now.addingTimeInterval(14 * 86_400)).isoDate + "T18:00"
        return views.page("admin_participation", values, context: context, request: request, status: status)
    }

    static func stateLabel(_ state: VoteState, _ language: String) -> String {
        switch state {
        case .upcoming: language == "en" ? "Upcoming" : "예정"
        case .open: language == "en" ? "Open" : "진행 중"
        case .closed: language == "en" ? "Closed" : "마감"
        }
    }

    /// Answers a refused form with the overview and the message (400/409), keeping the page in place.
    func refuse(_ error: MokminError, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let status: HTTPResponse.Status =
            switch error.kind {
            case .conflict: .conflict
            case .notFound: .notFound
            case .forbidden: .forbidden
            case .rateLimited: .tooManyRequests
            default: .badRequest
            }
        return try await render(request, context, extra: ["error": error.message.text(context.language)], status: status)
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response { try await render(request, context) }

    // MARK: Residents

    @Sendable func importRoster(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.actor(context)
        guard let reader = MultipartReader(contentType: request.headers[.contentType]) else {
            throw MokminError(.invalidInput, ko: "파일을 양식(multipart/form-data)으로 올려야 합니다", en: "Upload the file with the form (multipart/form-data)")
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-roster-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let upload = try await reader.read(request.body, fileTo: temporary, maxFileBytes: maxUploadBytes)
        do {
            guard let fileName = upload.fileName, !fileName.isEmpty, upload.fileSize > 0 else {
                throw MokminError(.invalidInput, ko: "올릴 파일을 고르세요", en: "Choose a file to upload")
            }
            guard let text = String(data: try Data(contentsOf: temporary), encoding: .utf8) else {
                throw MokminError(.invalidInput, ko: "\(fileName): UTF-8 CSV 파일이어야 합니다", en: "\(fileName): the roster must be a UTF-8 CSV file")
            }
            let (added, updated) = try await residents.importRoster(text, fileName: fileName, actor: actor, origin: context.clientAddress)
            let notice =
                context.language == "en"
                ? "\(fileName): \(added) residents added, \(updated) updated" : "\(fileName): 주민 \(added)명 추가, \(updated)명 갱신"
            return try await render(request, context, extra: ["notice": notice])
        } catch let error as MokminError where error.kind == .invalidInput {
            return try await refuse(error, request, context)
        }
    }

    @Sendable func issueCodes(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.actor(context)
        let form = try await request.formFields()
        do {
            let recipients = (try form.text(Input.recipients) ?? "").split(whereSeparator: \.isNewline).map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
            if let long = recipients.first(where: { $0.count > 200 }) {
                throw MokminError(
                    .invalidInput, ko: "받는 곳은 200자까지입니다: \(long.prefix(20))…", en: "A recipient has at most 200 characters: \(long.prefix(20))…")
            }
            let band = try form.text(Input.ageBand).flatMap(Int.init).flatMap(AgeBand.init(rawValue:))
            let profile = ResidentProfile(emdCode: try form.text(Input.emd) ?? "", birthYear: try form.integer(Input.birthYear), ageBand: band)
            let batch = try form.text(Input.batch) ?? ""
            let days = try form.integer(Input.days) ?? 30
            let codes = try await residents.issueCodes(
                count: try form.integer(Input.count) ?? 1, profile: profile, batch: batch, days: days, recipients: recipients, actor: actor,
                origin: context.clientAddress)
            let values: [String: Any] = [
                "batch": batch, "area": areaName(profile.emdCode), "days": days, "sent": !recipients.isEmpty,
                "codes": codes.enumerated().map { ["n": $0 + 1, "code": $1] },
            ]
            return views.page("admin_codes", values, context: context, request: request)
        } catch let error as MokminError where error.kind == .invalidInput {
            return try await refuse(error, request, context)
        }
    }

    // MARK: Polls

    @Sendable func createPoll(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.actor(context)
        let form = try await request.formFields()
        do {
            let poll = NewPoll(
                question: try form.text(Input.question) ?? "", description: try form.text(Input.description) ?? "",
                options: (try form.text(Input.options) ?? "").split(whereSeparator: \.isNewline).map(String.init),
                multipleChoice: try form.flag(Input.multiple) ?? false, maxChoices: try form.integer(Input.maxChoices) ?? 1,
                opensAt: try Self.date(try form.text(Input.opens), field: "opens"),
                closesAt: try Self.date(try form.text(Input.closes), field: "closes"),
                minAge: try form.integer(Input.minAge) ?? 0, liveResults: try form.flag(Input.live) ?? false,
                isNamed: try form.flag(Input.named) ?? false,
                answerThreshold: try form.integer(Input.threshold), areas: try form.all(Input.area))
            let created = try await polls.create(poll, actor: actor, origin: context.clientAddress)
            return Response(status: .seeOther, headers: [.location: "/admin/participation/polls/\(created.id)"])
        } catch let error as MokminError where error.kind == .invalidInput {
            return try await refuse(error, request, context)
        }
    }

    func pollPage(_ id: Int64, _ request: Request, _ context: AppRequestContext, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let now = Date()
        let poll = try await polls.poll(id)
        let presenter = ParticipationController(residents: residents, polls: polls, budget: budget, regions: regions, views: views)
        var values = presenter.pollValues(poll, results: try await polls.results(poll, now: now), language: context.language, now: now)
        let turnout = try await polls.turnout(id)
        values["turnout"] = turnout.keys.sorted { areaName($0) < areaName($1) }.map { ["area": areaName($0), "ballots": turnout[$0]!] }
        values["turnout_map"] = TurnoutMap.svg(turnout, regions: regions, language: context.language)
        values["visible"] = poll.resultsVisible(at: now)
        var all = extra
        all["poll"] = values
        return views.page("admin_poll", all, context: context, request: request, status: status)
    }

    @Sendable func poll(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await pollPage(try context.parameters.require("id", as: Int64.self), request, context)
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let form = try await request.formFields()
        do {
            try await polls.answer(pollID: id, text: try form.text(Input.answer) ?? "", actor: try Self.actor(context), origin: context.clientAddress)
        } catch let error as MokminError where error.kind == .invalidInput {
            return try await pollPage(id, request, context, extra: ["error": error.message.text(context.language)], status: .badRequest)
        }
        return Response(status: .seeOther, headers: [.location: "/admin/participation/polls/\(id)"])
    }

    @Sendable func pollCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let poll = try await polls.poll(id)
        return Self.csv(try await polls.resultsTable(poll, areaName: areaName), name: "poll\(id)_results.csv")
    }
}
