import Foundation
import MokminCore
import MokminIngest
import MokminPlan
import MokminTestSupport

@testable import MokminServices

/// A small plan for the plan's page and API tests: a planning office, two departments with one official each, a
/// ridership dataset, and two tasks — 1-1 of 대중교통과 with a computed and a typed indicator, 2-1 of 상수도과.
struct PlanFixture {
    let app: TestApp
    let planID: Int64
    let transitTask: Int64
    let waterTask: Int64
    let typedIndicator: Int64
    let directory: URL

    static let taskCSV = """
        역점분야,과제번호,과제명,담당부서,담당자,시작일,종료일,예산(천원),마일스톤,평가지표,성과지표,단위,기준값,목표값,방향,가중치,데이터셋,집계,값열,날짜열,주기
        스마트 교통,1-1,수요응답형 버스,대중교통과,김주무관,2020-01-01,2020-12-31,1200000,2020-03-31 노선 설계 (완료 2020-03-20); 2020-09-30 확대,2-1,월 이용객,명,1000,5000,높을수록,2,ridership,합계,이용객수,운행일,월
        ,1-1,,,,,,,,,평균 대기시간,분,30,15,낮을수록,1,,,,,
        맑은 물,2-1,스마트미터링,상수도과,이주무관,2020-01-01,2020-12-31,,2020-06-30 설치 (완료 2020-06-10),2-1,설치율,%,0,100,높을수록,1,,,,,

        """

    static func ridershipCSV(months: ClosedRange<Int>) -> String {
        var lines = ["운행일,노선,이용객수"]
        for month in months {
            for day in [1, 15] { lines.append("2020-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day),A,\(month * 1000)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func make(on kind: StoreKind = TestApp.defaultStore) async throws -> PlanFixture {
        let app = try await TestApp.make(on: kind)
        let plans = app.services.plans
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-plan-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = try await plans.createDepartment(name: "혁신정책과", planningOffice: true, actor: .commandLine)
        _ = try await plans.createDepartment(name: "대중교통과", planningOffice: false, actor: .commandLine)
        _ = try await plans.createDepartment(name: "상수도과", planningOffice: false, actor: .commandLine)
        for (login, department) in [("planner1", "혁신정책과"), ("transit1", "대중교통과"), ("water1", "상수도과")] {
            _ = try await app.services.accounts.createUser(login: login, name: login, role: .official, password: TestApp.password, actor: nil)
            try await plans.setDepartment(login: login, department: department, actor: .commandLine)
        }
        _ = try await plans.storeFramework(
            FrameworkDraft(
                year: 2020, title: "평가",
                areas: [("참여", [.init(code: "2-1", title: "국민참여", points: 20)]), ("기반", [.init(code: "1-1", title: "추진체계", points: 10)])]),
            actor: .commandLine)
        try await importRidership(app, months: 1...3, directory: directory)
        let file = directory.appendingPathComponent("plan.csv")
        try Data(taskCSV.utf8).write(to: file)
        let (summary, problems) = try await plans.importTasks(
            file, fileName: "plan.csv", into: NewPlan(year: 2020, organisation: "세종특별자치시", title: "혁신계획"), actor: .commandLine)
        precondition(problems.isEmpty, "\(problems)")
        let snapshot = try await plans.snapshot(summary.planID)
        let transit = snapshot.tasks.first { $0.code == "1-1" }!
        return PlanFixture(
            app: app, planID: summary.planID, transitTask: transit.id, waterTask: snapshot.tasks.first { $0.code == "2-1" }!.id,
            typedIndicator: snapshot.indicators[transit.id]!.first { $0.source == .manual }!.id, directory: directory)
    }

    static func importRidership(_ app: TestApp, months: ClosedRange<Int>, directory: URL) async throws {
        let url = directory.appendingPathComponent("ridership-\(months.upperBound).csv")
        try Data(ridershipCSV(months: months).utf8).write(to: url)
        _ = try await app.services.importer.run(
            ImportService.Request(
                file: url, metadata: DatasetMetadata(slug: "ridership", title: "이용객", organization: "세종특별자치시"), options: ReaderOptions(format: .csv),
                actor: "analyst1"))
    }
}
