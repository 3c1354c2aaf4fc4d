import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminBase
import MokminCore
import MokminIngest
import MokminPlan
import MokminTestSupport
import MokminWeb
import NIOCore
import Testing

@testable import MokminServices

@Suite struct PlanPageTests {
    @Test(arguments: StoreKind.available) func pagesShowTheDerivedStatusTheComputedValuesAndTheReadiness(_ kind: StoreKind) async throws {
        let f = try await PlanFixture.make(on: kind)
        let app = try await f.app.application()
        try await app.test(.router) { client in
            var official = try await Browser.signedIn(client, login: "official1")
            let overview = try await official.get(client, "/plan?period=2020Q1")
            #expect(overview.status == .ok)
            let html = String(buffer: overview.body)
            #expect(html.contains("혁신계획") && html.contains("수요응답형 버스") && html.contains("스마트 교통"))
            let task = String(buffer: try await official.get(client, "/plan/tasks/\(f.transitTask)?period=2020Q1").body)
            // Computed: March's sum is 2 × 3,000 = 6,000 from version 1 of the dataset.
            #expect(task.contains("6,000") && task.contains("ridership v1"))
            #expect(task.contains("<svg class=\"category-chart\"") && task.contains("<svg class=\"timeline\""))
            let readiness = String(buffer: try await official.get(client, "/plan/readiness?period=2020Q1").body)
            #expect(readiness.contains("국민참여") && readiness.contains("이 지표를 뒷받침하는 과제가 없음"))
            let briefing = try await official.get(client, "/plan/briefing?period=2020Q1")
            #expect(briefing.status == .ok && String(buffer: briefing.body).contains("혁신실적 점검회의 자료"))
            #expect(try await official.get(client, "/plan?period=2020Q9").status == .badRequest)
            let anonymous = try await client.execute(uri: "/plan", method: .get)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/login") == true)
        }
    }

    @Test(arguments: StoreKind.available) func aDepartmentCannotEditAnotherDepartmentsTaskThroughPagesOrAPI(_ kind: StoreKind) async throws {
        let f = try await PlanFixture.make(on: kind)
        let water = try await f.app.services.accounts.createToken(login: "water1", label: "t", displayOnly: false, actor: nil).secret
        let transit = try await f.app.services.accounts.createToken(login: "transit1", label: "t", displayOnly: false, actor: nil).secret
        let app = try await f.app.application()
        try await app.test(.router) { client in
            var waterBrowser = try await Browser.signedIn(client, login: "water1")
            _ = try await waterBrowser.get(client, "/plan/tasks/\(f.transitTask)")
            let refused = try await waterBrowser.post(
                client, "/plan/tasks/\(f.transitTask)/report?period=2020Q1", [("narrative", "남의 과제"), ("step", "save")])
            #expect(refused.status == .forbidden)
            #expect(String(buffer: refused.body).contains("대중교통과"))
            let own = try await waterBrowser.post(
                client, "/plan/tasks/\(f.waterTask)/report?period=2020Q1", [("narrative", "우리 과제"), ("step", "save")])
            #expect(own.status == .seeOther)

            let body = ByteBuffer(string: #"{"narrative": "API로 남의 과제"}"#)
            let viaAPI = try await client.execute(
                uri: "/api/plan/tasks/\(f.transitTask)/reports/2020Q1", method: .post,
                headers: [.authorization: "Bearer \(water)", .contentType: "application/json"], body: body)
            #expect(viaAPI.status == .forbidden)
            let allowed = try await client.execute(
                uri: "/api/plan/tasks/\(f.transitTask)/reports/2020Q1", method: .post,
                headers: [.authorization: "Bearer \(transit)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"narrative": "이용객이 늘었다", "values": {"\#(f.typedIndicator)": 22}}"#))
            #expect(allowed.status == .ok)
            #expect(String(buffer: allowed.body).contains("\"status\":\"draft\""))
            // An indicator computed from data cannot be typed over.
            let computed = try await f.app.services.plans.snapshot(f.planID).indicators[f.transitTask]!.first { $0.source != .manual }!.id
            let typedOver = try await client.execute(
                uri: "/api/plan/tasks/\(f.transitTask)/reports/2020Q1", method: .post,
                headers: [.authorization: "Bearer \(transit)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"narrative": "x", "values": {"\#(computed)": 1}}"#))
            #expect(typedOver.status == .badRequest)
        }
        let reports = try await f.app.services.plans.snapshot(f.planID).reports
        #expect(reports[f.transitTask]?.first?.narrative == "이용객이 늘었다")
        #expect(reports[f.waterTask]?.first?.narrative == "우리 과제")
    }

    @Test(arguments: StoreKind.available) func theReviewWorkflowIsAuditedAndAReturnedReportCanBeResubmitted(_ kind: StoreKind) async throws {
        let f = try await PlanFixture.make(on: kind)
        let app = try await f.app.application()
        try await app.test(.router) { client in
            var transit = try await Browser.signedIn(client, login: "transit1")
            _ = try await transit.get(client, "/plan/tasks/\(f.transitTask)")
            let submitted = try await transit.post(
                client, "/plan/tasks/\(f.transitTask)/report?period=2020Q2",
                [("narrative", "1차"), ("value.\(f.typedIndicator)", "20"), ("step", "submit")])
            #expect(submitted.status == .seeOther)
            let report = try #require(try await f.app.services.plans.report(taskID: f.transitTask, period: Period("2020Q2")!))
            #expect(report.status == .submitted && report.values[f.typedIndicator] == 20)
            // The department cannot review its own report, nor edit it while it is under review.
            #expect(try await transit.post(client, "/plan/reports/\(report.id)/review", [("review", "accept")]).status == .forbidden)
            #expect(
                try await transit.post(client, "/plan/tasks/\(f.transitTask)/report?period=2020Q2", [("narrative", "고침"), ("step", "save")]).status
                    == .badRequest)

            var planner = try await Browser.signedIn(client, login: "planner1")
            _ = try await planner.get(client, "/plan/tasks/\(f.transitTask)?period=2020Q2")
            #expect(
                try await planner.post(client, "/plan/reports/\(report.id)/review", [("review", "return"), ("comment", "")]).status == .badRequest)
            #expect(
                try await planner.post(client, "/plan/reports/\(report.id)/review", [("review", "return"), ("comment", "근거를 보완하세요")]).status
                    == .seeOther)
            #expect(try await f.app.services.plans.report(id: report.id)?.status == .returned)

            _ = try await transit.get(client, "/plan/tasks/\(f.transitTask)?period=2020Q2")
            #expect(
                try await transit.post(client, "/plan/tasks/\(f.transitTask)/report?period=2020Q2", [("narrative", "2차, 근거 보완"), ("step", "submit")])
                    .status == .seeOther)
            #expect(
                try await planner.post(client, "/plan/reports/\(report.id)/review", [("review", "accept"), ("comment", "확인")]).status == .seeOther)
            let page = String(buffer: try await transit.get(client, "/plan/tasks/\(f.transitTask)?period=2020Q2").body)
            #expect(page.contains("근거를 보완하세요") && page.contains("승인"))
        }
        let events = try await f.app.services.plans.events(
            reportID: try #require(try await f.app.services.plans.report(taskID: f.transitTask, period: Period("2020Q2")!)).id)
        #expect(events.map(\.action) == [.save, .submit, .return, .save, .submit, .accept])
        #expect(events.map(\.actor) == ["transit1", "transit1", "planner1", "transit1", "transit1", "planner1"])
        let audit = try await f.app.services.accounts.repositories.audit.recent(limit: 50)
        for action in ["plan.report.submit", "plan.report.return", "plan.report.accept"] {
            #expect(audit.contains { $0.action == action }, "audited: \(action)")
        }
    }

    @Test(arguments: StoreKind.available) func aComputedIndicatorFollowsANewVersionOfItsDataset(_ kind: StoreKind) async throws {
        let f = try await PlanFixture.make(on: kind)
        let plans = f.app.services.plans
        func computed() async throws -> [IndicatorValue] {
            let snapshot = try await plans.snapshot(f.planID)
            let indicator = snapshot.indicators[f.transitTask]!.first { $0.source != .manual }!
            return (snapshot.values[indicator.id] ?? []).sorted { $0.period < $1.period }
        }
        #expect(try await computed().map(\.period.description) == ["2020-01", "2020-02", "2020-03"])
        #expect(try await computed().map(\.datasetVersionNumber) == [1, 1, 1])
        // A new month arrives as version 2: the value follows, and is kept with the version it came from.
        try await PlanFixture.importRidership(f.app, months: 1...4, directory: f.directory)
        let after = try await computed()
        #expect(after.map(\.period.description) == ["2020-01", "2020-02", "2020-03", "2020-04"])
        #expect(after.last?.value == 8_000 && after.allSatisfy { $0.datasetVersionNumber == 2 })
        let snapshot = try await plans.snapshot(f.planID)
        let indicator = snapshot.indicators[f.transitTask]!.first { $0.source != .manual }!
        let history = try await f.app.services.repositories.plans.computedHistory(indicatorID: indicator.id)
        #expect(Set(history.compactMap(\.datasetVersionNumber)) == [1, 2])
        // April's 8,000 riders against 1,000 → 5,000: progress 1.0 for that indicator.
        let state = snapshot.assessments(asOf: "2020-04-30")[f.transitTask]!.indicators.first { $0.indicator.id == indicator.id }!
        #expect(state.progress == 1)
    }

    @Test(arguments: StoreKind.available) func indicatorsOfOneShapeAreAnsweredTogetherAndABadOneDoesNotStopTheOthers(_ kind: StoreKind) async throws {
        let f = try await PlanFixture.make(on: kind)
        let plans = f.app.services.plans
        func computed(_ name: String, _ function: AggregateFunction, _ column: String?) -> PlanDraft.IndicatorDraft {
            .init(
                name: name, unit: "", baseline: 0, target: 10, direction: .higher, weight: 1,
                source: .dataset(
                    slug: "ridership", query: AggregateQuery(measures: [.init(function, column: column)], period: .init(column: "운행일", unit: .month)))
            )
        }
        let draft = PlanDraft(
            areas: ["스마트 교통"],
            tasks: [
                .init(
                    area: "스마트 교통", code: "1-9", title: "묶음 계산", department: "대중교통과", start: "2020-01-01", end: "2020-12-31",
                    indicators: [computed("합계", .sum, "이용객수"), computed("행 수", .count, nil), computed("없는 열", .mean, "없는열")])
            ])
        _ = try await plans.store(draft, into: NewPlan(year: 2020, organisation: "세종특별자치시", title: "혁신계획"), actor: .commandLine)
        await #expect(throws: MokminError.self) { try await plans.recompute(datasetSlug: "ridership") }
        let snapshot = try await plans.snapshot(f.planID)
        let task = try #require(snapshot.tasks.first { $0.code == "1-9" })
        let byName = Dictionary(uniqueKeysWithValues: snapshot.indicators[task.id]!.map { ($0.name, snapshot.values[$0.id] ?? []) })
        #expect(byName["합계"]?.first { $0.period == Period("2020-03") }?.value == 6_000)
        #expect(byName["행 수"]?.first { $0.period == Period("2020-03") }?.value == 2)
        #expect(byName["없는 열"]?.isEmpty == true)
    }

    @Test(arguments: StoreKind.available) func theTaskListRoundTripsThroughXLSXAndCSV(_ kind: StoreKind) async throws {
        let f = try await PlanFixture.make(on: kind)
        let plans = f.app.services.plans
        let before = try await plans.snapshot(f.planID)
        let table = plans.taskTable(before)
        for (name, data) in [("again.xlsx", try PlanService.xlsx(table)), ("again.csv", PlanService.csv(table))] {
            let url = f.directory.appendingPathComponent(name)
            try data.write(to: url)
            let (summary, _) = try await plans.importTasks(
                url, fileName: name, into: NewPlan(year: 2020, organisation: "세종특별자치시", title: "혁신계획"), actor: .commandLine)
            #expect(summary.tasksAdded == 0 && summary.tasksUpdated == 2 && summary.indicators == 3, "\(name)")
            let after = try await plans.snapshot(f.planID)
            #expect(after.tasks == before.tasks, "\(name)")
            #expect(after.indicators == before.indicators, "\(name)")
            #expect(after.serves == before.serves, "\(name)")
            #expect(
                after.milestones.mapValues { $0.map { [$0.title, $0.due, $0.doneOn ?? ""] } }
                    == before.milestones.mapValues { $0.map { [$0.title, $0.due, $0.doneOn ?? ""] } }, "\(name)")
            #expect(plans.taskTable(after) == table, "\(name)")
        }
        let csv = String(decoding: PlanService.csv(table), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}역점분야,과제번호"))
    }

    @Test(arguments: StoreKind.available) func aBadTaskFileIsRefusedWithItsLineAndColumnAndChangesNothing(_ kind: StoreKind) async throws {
        let f = try await PlanFixture.make(on: kind)
        let before = try await f.app.services.plans.snapshot(f.planID)
        let bad = PlanFixture.taskCSV.replacingOccurrences(of: "스마트미터링,상수도과,이주무관,2020-01-01", with: "스마트미터링,상수도과,이주무관,2020-02-30")
            .replacingOccurrences(of: "평균 대기시간,분,30,15", with: "평균 대기시간,분,삼십,15")
        let app = try await f.app.application()
        try await app.test(.router) { client in
            var official = try await Browser.signedIn(client, login: "transit1")
            _ = try await official.get(client, "/plan/import")
            let (type, body) = ImportPageTests.multipart(
                [("year", "2020"), ("organisation", "세종특별자치시"), ("title", "혁신계획")], file: ("bad.csv", Array(bad.utf8)))
            var headers = official.cookieHeader
            headers[.contentType] = type
            #expect(
                try await client.execute(uri: "/plan/import?csrf_token=\(official.csrf)", method: .post, headers: headers, body: body).status
                    == .forbidden)

            var planner = try await Browser.signedIn(client, login: "planner1")
            _ = try await planner.get(client, "/plan/import")
            headers = planner.cookieHeader
            headers[.contentType] = type
            let refused = try await client.execute(uri: "/plan/import?csrf_token=\(planner.csrf)", method: .post, headers: headers, body: body)
            #expect(refused.status == .badRequest)
            let html = String(buffer: refused.body)
            #expect(html.contains("3행 &#39;기준값&#39; 열") || html.contains("3행 &#x27;기준값&#x27; 열") || html.contains("3행 '기준값' 열"), "line 3, column 기준값")
            #expect(html.contains("4행") && html.contains("시작일"))
            #expect(html.contains("아무것도 저장하지 않았습니다"))
        }
        #expect(try await f.app.services.plans.snapshot(f.planID) == before)
        // An unknown evaluation code is refused by the store, in the same transaction as everything else.
        let url = f.directory.appendingPathComponent("unknown.csv")
        try Data(
            PlanFixture.taskCSV.replacingOccurrences(of: "높을수록,1,,,,,", with: "높을수록,1,,,,,").replacingOccurrences(
                of: "2020-06-10),2-1", with: "2020-06-10),9-9"
            ).utf8
        ).write(to: url)
        await #expect(throws: PlanFileError.self) {
            _ = try await f.app.services.plans.importTasks(
                url, fileName: "unknown.csv", into: NewPlan(year: 2020, organisation: "세종특별자치시", title: "혁신계획"), actor: .commandLine)
        }
        #expect(try await f.app.services.plans.snapshot(f.planID) == before)
    }

    @Test(arguments: StoreKind.available) func evidenceIsStoredDownloadedAsAnAttachmentAndLimitedInSize(_ kind: StoreKind) async throws {
        let f = try await PlanFixture.make(on: kind)
        let app = try await f.app.application()
        try await app.test(.router) { client in
            var transit = try await Browser.signedIn(client, login: "transit1")
            _ = try await transit.get(client, "/plan/tasks/\(f.transitTask)")
            _ = try await transit.post(client, "/plan/tasks/\(f.transitTask)/report?period=2020Q1", [("narrative", "증빙 첨부"), ("step", "save")])
            let report = try #require(try await f.app.services.plans.report(taskID: f.transitTask, period: Period("2020Q1")!))
            let (type, body) = ImportPageTests.multipart([], file: ("회의록.html", Array("<script>alert(1)</script>".utf8)))
            var headers = transit.cookieHeader
            headers[.contentType] = type
            let uploaded = try await client.execute(
                uri: "/plan/reports/\(report.id)/evidence?csrf_token=\(transit.csrf)", method: .post, headers: headers, body: body)
            #expect(uploaded.status == .seeOther)
            let evidence = try #require(try await f.app.services.plans.evidence(reportID: report.id).first)
            let download = try await transit.get(client, "/plan/evidence/\(evidence.id)")
            #expect(download.status == .ok && String(buffer: download.body) == "<script>alert(1)</script>")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(download.headers[.contentType] == "application/octet-stream")
            let (bigType, bigBody) = ImportPageTests.multipart([], file: ("big.pdf", [UInt8](repeating: 0x41, count: Evidence.maxBytes + 1)))
            headers[.contentType] = bigType
            let big = try await client.execute(
                uri: "/plan/reports/\(report.id)/evidence?csrf_token=\(transit.csrf)", method: .post, headers: headers, body: bigBody)
            #expect(big.status == .contentTooLarge || big.status == .badRequest)
            #expect(try await f.app.services.plans.evidence(reportID: report.id).count == 1)
        }
    }
}

@Suite struct PlanAPITests {
    @Test(arguments: StoreKind.available) func bodiesAreReadStrictlyAsTheDocumentStatesThem(_ kind: StoreKind) async throws {
        let f = try await PlanFixture.make(on: kind)
        let transit = try await f.app.services.accounts.createToken(login: "transit1", label: "t", displayOnly: false, actor: nil).secret
        let app = try await f.app.application()
        try await app.test(.router) { client in
            func post(_ uri: String, _ body: String) async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: uri, method: .post, headers: [.authorization: "Bearer \(transit)", .contentType: "application/json"],
                    body: ByteBuffer(string: body)
                ).status
            }
            let report = "/api/plan/tasks/\(f.transitTask)/reports/2020Q1"
            for bad in [
                #"{"narrative": "x", "values": null}"#, #"{"narrative": null}"#, #"{"narrative": "x", "submit": "yes"}"#,
                #"{"narrative": "x", "values": {"\#(f.typedIndicator)": true}}"#, #"{"narrative": "x", "values": {"abc": 1}}"#, "[1, 2]", "{",
            ] {
                #expect(try await post(report, bad) == .badRequest, "\(bad)")
            }
            #expect(try await post(report, #"{"narrative": "좋음", "values": {"\#(f.typedIndicator)": 12.5}}"#) == .ok)
            let id = try #require(try await f.app.services.plans.report(taskID: f.transitTask, period: Period("2020Q1")!)).id
            #expect(try await post("/api/plan/reports/\(id)/submit", "[null, null]") == .badRequest)
            #expect(try await post("/api/plan/reports/\(id)/submit", #"{"comment": 5}"#) == .badRequest)
            #expect(try await post("/api/plan/reports/\(id)/accept", "") == .forbidden)
            #expect(try await post("/api/plan/reports/\(id)/submit", "") == .ok)
            #expect(try await post("/api/plan/reports/\(id)/submit", "") == .conflict)
            #expect(try await post("/api/plan/reports/\(id)/archive", "") == .badRequest)
            let overview = try await client.execute(uri: "/api/plan?period=2020Q1", method: .get, headers: [.authorization: "Bearer \(transit)"])
            #expect(overview.status == .ok && String(buffer: overview.body).contains("\"report_status\":\"submitted\""))
            #expect(
                try await client.execute(uri: "/api/plan?period=0000", method: .get, headers: [.authorization: "Bearer \(transit)"]).status
                    == .badRequest)
        }
    }
}

@Suite struct DepartmentPageTests {
    @Test(arguments: StoreKind.available) func adminsAddDepartmentsAndPutAccountsInThem(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var official = try await Browser.signedIn(client, login: "official1")
            #expect(try await official.get(client, "/admin/departments").status == .forbidden)
            var admin = try await Browser.signedIn(client, login: "admin1")
            _ = try await admin.get(client, "/admin/departments")
            #expect(try await admin.post(client, "/admin/departments", [("name", "혁신정책과"), ("planning_office", "on")]).status == .seeOther)
            #expect(try await admin.post(client, "/admin/departments", [("name", "혁신정책과")]).status == .badRequest)
            let id = try #require(try await testApp.services.plans.departments().first?.id)
            #expect(
                try await admin.post(client, "/admin/departments/assign", [("login", "official1"), ("department", String(id))]).status == .seeOther)
            let page = String(buffer: try await admin.get(client, "/admin/departments").body)
            #expect(page.contains("혁신정책과") && page.contains("official1"))
        }
        let user = try #require(try await testApp.services.accounts.listUsers().first { $0.login == "official1" })
        let rights = try await testApp.services.plans.rights(of: PlanActor(login: "official1", userID: user.id, role: .official))
        #expect(rights.isPlanner && rights.departmentID != nil)
    }
}
