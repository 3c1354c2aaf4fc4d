import Foundation
import MokminCore
import MokminDemo
import MokminPlan
import MokminServices
import MokminTestSupport
import Testing

/// `serve --demo`'s innovation plan: Sejong's 2020 plan with 4 areas and 64 tasks (the 14 named in public reporting and
/// 50 labelled demo tasks), all marked demo; two quarters of reports in several review states; the two computed
/// indicators filled from their synthetic datasets; tasks in every status but done; a readiness table; installed once.
@Suite struct PlanDemoTests {
    @Test func theDemoPlanIsSejongs2020PlanWithLivingFigures() async throws {
        let (database, _) = try await Fixtures.seededDatabase()
        let services = AppServices(database: database, bcryptCost: 4)
        let demo = PlanDemo(services: services)
        #expect(try await demo.installIfNeeded())
        #expect(try await demo.installIfNeeded() == false)
        let snapshot = try await services.plans.snapshot()
        #expect(snapshot.plan.isDemo && snapshot.plan.year == 2020)
        #expect(snapshot.areas.count == 4 && snapshot.tasks.count == 64 && snapshot.tasks.allSatisfy(\.isDemo))
        for named in ["모바일 정책투표 세종의 뜻", "통합데이터플랫폼 세종엔", "수요응답형 버스 두루타", "상수도 스마트미터링", "빅데이터 허브 운영"] {
            #expect(snapshot.tasks.contains { $0.title == named }, "\(named)")
        }
        #expect(snapshot.tasks.filter { $0.title.hasPrefix("데모 과제") }.count == 50)
        let statuses = Set(snapshot.reports.values.joined().filter { $0.period == Period("2020Q2") }.map(\.status))
        #expect(statuses == [.draft, .submitted, .accepted, .returned])
        #expect(snapshot.reports.values.joined().filter { $0.period == Period("2020Q1") }.allSatisfy { $0.status == .accepted })
        let duruta = try #require(snapshot.tasks.first { $0.title == "수요응답형 버스 두루타" })
        let ridership = try #require(snapshot.indicators[duruta.id]?.first { $0.source != .manual })
        let values = (snapshot.values[ridership.id] ?? []).sorted { $0.period < $1.period }
        #expect(values.map(\.period.description) == ["2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06"])
        #expect(values.allSatisfy { $0.datasetVersionNumber == 1 } && values.last!.value > values.first!.value)
        let assessed = snapshot.assessments(asOf: "2020-06-30")
        #expect(Set(assessed.values.map(\.status)).isSuperset(of: [.onTrack, .delayed, .atRisk]))
        let readiness = snapshot.readiness(asOf: "2020-06-30")
        #expect(readiness.count == 9 && readiness.allSatisfy { !$0.tasks.isEmpty })
        #expect(try await services.plans.practices(search: "두루타").count == 1)
        let planner = try #require(try await services.accounts.listUsers().first { $0.login == "planner" })
        #expect(try await services.plans.rights(of: PlanActor(login: "planner", userID: planner.id, role: .official)).isPlanner)
    }
}
