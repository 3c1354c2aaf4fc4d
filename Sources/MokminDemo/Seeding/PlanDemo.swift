import Foundation
import Logging
import MokminBase
import MokminCore
import MokminIngest
import MokminPlan
import MokminServices

/// The demo's innovation plan: Sejong's 2020 plan (세종특별자치시 정부혁신 실행계획) with its 4 priority areas, the 14
/// tasks named in public reporting and 50 clearly labelled demo tasks, demo departments and accounts, a demo
/// evaluation framework, two quarters of reports in several review states, best practices, and two synthetic datasets
/// (두루타 ridership, smart water meters) that two indicators are computed from. Every value is labelled 데모.
public struct PlanDemo: Sendable {
    let services: AppServices
    let logger: Logger

    public static let ridership = "sejong-duruta-ridership"
    public static let meters = "sejong-smart-water-meters"
    public static let year = 2020
    public static let organisation = "세종특별자치시"

    public init(services: AppServices, logger: Logger = Logger(label: "mokmin.demo")) {
        self.services = services
        self.logger = logger
    }

    /// The departments of the demo and whether each is the planning office.
    static let departments: [(String, Bool)] = [
        ("혁신정책과", true), ("시민참여담당관", false), ("자치분권과", false), ("대중교통과", false), ("상수도과", false),
        ("스마트도시과", false), ("보건정책과", false), ("공동주택과", false), ("농업정책과", false), ("빅데이터담당관", false),
        ("법무담당관", false), ("인사과", false), ("대학협력과", false),
    ]

    static let areas = ["시민이 주인인 참여 행정", "데이터로 일하는 스마트 행정", "시민이 체감하는 공공서비스", "신뢰받는 공정 행정"]

    /// The tasks named in public reporting: area, title, department.
    static let namedTasks: [(area: Int, title: String, department: String)] = [
        (0, "모바일 정책투표 세종의 뜻", "시민참여담당관"), (0, "읍면동 마을계획단", "자치분권과"), (0, "열린 시민참여예산제", "시민참여담당관"),
        (0, "지역사회·대학 소통창구", "대학협력과"), (1, "통합데이터플랫폼 세종엔", "빅데이터담당관"), (1, "빅데이터 허브 운영", "빅데이터담당관"),
        (1, "공동주택 정보공유시스템", "공동주택과"), (1, "세종형 스마트 농정관리시스템", "농업정책과"), (2, "수요응답형 버스 두루타", "대중교통과"),
        (2, "상수도 스마트미터링", "상수도과"), (2, "선별진료소 검체 채취", "보건정책과"), (2, "시민체험형 자율차 실증", "스마트도시과"),
        (3, "적극행정 지원위원회", "법무담당관"), (3, "사회적 가치 반영 성과평가", "인사과"),
    ]

    /// Installs the demo plan once (when no plan of 2020 for Sejong exists). Returns whether it did.
    @discardableResult
    public func installIfNeeded() async throws -> Bool {
        let plans = services.plans
        if try await plans.plans().contains(where: { $0.year == Self.year && $0.organisation == Self.organisation }) { return false }
        let actor = PlanActor.commandLine
        let existing = Set(try await plans.departments().map(\.name))
        for (name, planning) in Self.departments where !existing.contains(name) {
            _ = try await plans.createDepartment(name: name, planningOffice: planning, actor: actor)
        }
        for (login, name, department) in [("planner", "데모 혁신담당", "혁신정책과"), ("transit", "데모 대중교통과 주무관", "대중교통과"), ("water", "데모 상수도과 주무관", "상수도과")] {
            if try await !services.accounts.userExists(login: login) {
                _ = try await services.accounts.createUser(
                    login: login, name: name, role: .official, password: SecretToken.makePassword(), actor: nil)
            }
            try await plans.setDepartment(login: login, department: department, actor: actor)
        }
        if try await services.accounts.userExists(login: "official") {
            try await plans.setDepartment(login: "official", department: "대중교통과", actor: actor)
        }
        if try await services.accounts.userExists(login: "analyst") {
            try await plans.setDepartment(login: "analyst", department: "빅데이터담당관", actor: actor)
        }

        _ = try await plans.storeFramework(Self.framework, actor: actor)
        let summary = try await plans.store(
            Self.draft,
            into: NewPlan(
                year: Self.year, organisation: Self.organisation, title: "정부혁신 실행계획 (데모)", vision: "시민과 함께 여는 행정수도 세종 — 데모 계획", isDemo: true),
            actor: actor)
        try await importDatasets()
        let snapshot = try await plans.snapshot(summary.planID)
        try await writeReports(snapshot, actor: actor)
        try await addPractices(snapshot, actor: actor)
        logger.info("demo innovation plan installed", metadata: ["tasks": "\(snapshot.tasks.count)"])
        return true
    }

    static let framework = FrameworkDraft(
        year: year, title: "2020 정부혁신 평가 (데모 체계)",
        areas: [
            (
                "정부혁신 추진 기반",
                [
                    .init(code: "1-1", title: "혁신 추진체계와 기관장 관심도", points: 10, evidence: "추진단 회의록, 점검회의 자료"),
                    .init(code: "1-2", title: "혁신 실행계획의 충실성", points: 10, evidence: "실행계획, 분기 점검 결과"),
                ]
            ),
            (
                "참여와 협력",
                [
                    .init(code: "2-1", title: "국민참여 정책 결정", points: 15, evidence: "정책투표·참여예산 결과, 참여자 수"),
                    .init(code: "2-2", title: "기관 간 협업과 민관 협력", points: 10, evidence: "협약서, 협업 성과"),
                ]
            ),
            (
                "공공서비스 혁신",
                [
                    .init(code: "3-1", title: "데이터 기반 행정 활성화", points: 15, evidence: "데이터 개방·활용 실적"),
                    .init(code: "3-2", title: "국민 체감 서비스 개선", points: 15, evidence: "이용 실적, 만족도 조사"),
                    .init(code: "3-3", title: "디지털 행정서비스 확대", points: 5, evidence: "시스템 구축·운영 실적"),
                ]
            ),
            (
                "신뢰받는 정부",
                [
                    .init(code: "4-1", title: "적극행정 확산", points: 10, evidence: "적극행정 사례, 위원회 운영"),
                    .init(code: "4-2", title: "공정하고 투명한 조직 운영", points: 10, evidence: "성과평가 개선 실적"),
                ]
            ),
        ])

    /// Where each named task is served in the framework.
    static let named: [String: [String]] = [
        "모바일 정책투표 세종의 뜻": ["2-1"], "읍면동 마을계획단": ["2-1"], "열린 시민참여예산제": ["2-1"], "지역사회·대학 소통창구": ["2-2"],
        "통합데이터플랫폼 세종엔": ["3-1", "3-3"], "빅데이터 허브 운영": ["3-1", "1-2"], "공동주택 정보공유시스템": ["3-3"], "세종형 스마트 농정관리시스템": ["3-3"],
        "수요응답형 버스 두루타": ["3-2"], "상수도 스마트미터링": ["3-2", "3-1"], "선별진료소 검체 채취": ["3-2"], "시민체험형 자율차 실증": ["2-2"],
        "적극행정 지원위원회": ["4-1"], "사회적 가치 반영 성과평가": ["4-2"],
    ]

    /// A progress share per demo pattern at the end of the first and second quarter (of a 2020 task running all year).
    static let patterns: [(q1: Double, q2: Double)] = [(30, 55), (25, 60), (20, 48), (15, 35), (10, 20), (35, 70), (22, 45), (50, 100)]

    static var draft: PlanDraft {
        var tasks: [PlanDraft.TaskDraft] = []
        var counter = [0, 0, 0, 0]
        func code(_ area: Int) -> String {
            counter[area] += 1
            return "\(area + 1)-\(counter[area])"
        }
        for (i, t) in namedTasks.enumerated() {
            var task = PlanDraft.TaskDraft(
                area: areas[t.area], code: code(t.area), title: t.title, department: t.department, manager: "데모 담당자",
                description: description(t.title),
                start: "2020-01-01", end: "2020-12-31", budget: Int64(100_000 + i * 35_000), milestones: milestones(i), indicators: [],
                evaluation: named[t.title] ?? [])
            switch t.title {
            case "수요응답형 버스 두루타":
                task.indicators = [
                    .init(
                        name: "월 이용객", unit: "명", baseline: 8_000, target: 30_000, direction: .higher, weight: 2,
                        source: .dataset(
                            slug: ridership,
                            query: AggregateQuery(measures: [.init(.sum, column: "이용객수")], period: .init(column: "운행일", unit: .month)))),
                    .init(name: "평균 대기시간", unit: "분", baseline: 25, target: 12, direction: .lower, weight: 1, source: .manual),
                ]
            case "상수도 스마트미터링":
                task.indicators = [
                    .init(
                        name: "스마트미터 설치 누계", unit: "대", baseline: 0, target: 20_000, direction: .higher, weight: 1,
                        source: .dataset(
                            slug: meters,
                            query: AggregateQuery(measures: [.init(.latest, column: "설치누계")], period: .init(column: "설치일", unit: .month))))
                ]
            default:
                task.indicators = [.init(name: "추진률", unit: "%", baseline: 0, target: 100, direction: .higher, weight: 1, source: .manual)]
                if i % 3 == 0 {
                    task.indicators.append(
                        .init(name: "참여 시민", unit: "명", baseline: 0, target: 5_000, direction: .higher, weight: 1, source: .manual))
                }
            }
            tasks.append(task)
        }
        let serveCodes = ["1-1", "1-2", "2-2", "3-3", "4-1"]
        for n in 1...50 {
            let area = n % 4
            tasks.append(
                PlanDraft.TaskDraft(
                    area: areas[area], code: code(area), title: "데모 과제 \(n)", department: departments[1 + n % (departments.count - 1)].0,
                    manager: "데모 담당자", description: "실제 계획에 없는 데모용 과제입니다. A demo task, not in the real plan.", start: "2020-01-01",
                    end: n % 5 == 0 ? "2020-06-30" : "2020-12-31", milestones: milestones(n + 20),
                    indicators: [.init(name: "추진률", unit: "%", baseline: 0, target: 100, direction: .higher, weight: 1, source: .manual)],
                    evaluation: n % 6 == 0 ? [] : [serveCodes[n % serveCodes.count]]))
        }
        return PlanDraft(areas: areas, tasks: tasks, fileName: "demo")
    }

    static func description(_ title: String) -> String {
        "\(title): 세종시 혁신 실행계획에 이름이 오른 과제입니다. 목표·지표·실적 값은 데모용입니다. Named in Sejong's plan; its figures here are demo values."
    }

    static func milestones(_ seed: Int) -> [PlanDraft.MilestoneDraft] {
        let pattern = patterns[seed % patterns.count]
        return [
            .init(title: "추진계획 수립", due: "2020-02-28", doneOn: "2020-02-20"),
            .init(title: "1차 운영·점검", due: "2020-05-31", doneOn: pattern.q2 >= 45 ? "2020-05-25" : nil),
            .init(title: "성과 정리", due: "2020-11-30"),
        ]
    }

    func importDatasets() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-plan-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let note = "데모용 합성 자료이며 실제 기록이 아닙니다. Synthetic demo data, not real records."
        for (slug, title, text, tags) in [
            (Self.ridership, "두루타 일별 이용객 (데모, 합성)", Self.ridershipCSV(through: "2020-06-30"), ["두루타", "대중교통", "데모"]),
            (Self.meters, "상수도 스마트미터 설치 실적 (데모, 합성)", Self.metersCSV(through: "2020-06-30"), ["상수도", "스마트미터링", "데모"]),
        ] {
            let url = directory.appendingPathComponent(slug + ".csv")
            try Data(text.utf8).write(to: url)
            _ = try await services.importer.run(
                ImportService.Request(
                    file: url,
                    metadata: DatasetMetadata(
                        slug: slug, title: title, description: note, organization: Self.organisation, tags: tags, source: "Mokmin demo"),
                    options: ReaderOptions(format: .csv), actor: nil))
        }
    }

    /// Daily ridership of three demand-responsive routes from 2020-01-01 through `through`, growing month by month.
    public static func ridershipCSV(through: String, from: String = "2020-01-01") -> String {
        var lines = ["운행일,노선,이용객수"]
        var day = LocalTime.day(parsing: from)!
        let last = LocalTime.day(parsing: through)!
        while day <= last {
            let date = LocalTime.date(ofDay: day)
            for (r, route) in ["조치원", "연서", "부강"].enumerated() {
                let growth: Int = (date.month - 1) * 45
                let noise: Int = (day * 7 + r * 13) % 23
                let riders: Int = 90 + growth + r * 30 + noise
                lines.append(LocalTime.isoString(ofDay: day) + "," + route + "," + String(riders))
            }
            day += 1
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Smart-meter installations every week with their running total, from 2020-01-06 through `through`.
    public static func metersCSV(through: String) -> String {
        var lines = ["설치일,읍면동,설치대수,설치누계"]
        var day = LocalTime.day(parsing: "2020-01-06")!
        let last = LocalTime.day(parsing: through)!
        var total = 0
        var week = 0
        let places = ["조치원읍", "한솔동", "도담동", "아름동", "종촌동"]
        while day <= last {
            let count = 250 + week * 18
            total += count
            lines.append("\(LocalTime.isoString(ofDay: day)),\(places[week % places.count]),\(count),\(total)")
            day += 7
            week += 1
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Q1 reports accepted; Q2 reports accepted, returned with a comment, submitted, or still drafts (a quarter of each).
    func writeReports(_ snapshot: PlanSnapshot, actor: PlanActor) async throws {
        let plans = services.plans
        for (i, task) in snapshot.tasks.enumerated() {
            let pattern = Self.patterns[i % Self.patterns.count]
            for (quarter, share) in [("2020Q1", pattern.q1), ("2020Q2", pattern.q2)] {
                let period = Period(quarter)!
                var values: [Int64: Double] = [:]
                for indicator in snapshot.indicators[task.id] ?? [] where indicator.source == .manual {
                    switch indicator.name {
                    case "평균 대기시간": values[indicator.id] = quarter == "2020Q1" ? 21 : 16
                    case "참여 시민": values[indicator.id] = share * 40
                    default: values[indicator.id] = share
                    }
                }
                let late = share < 40
                let input = ReportInput(
                    narrative: "[데모] \(period.koreanName) \(task.title) 추진 실적: 계획 대비 \(Int(share))% 추진.",
                    issues: late ? "[데모] 예산 집행 지연과 협의 일정으로 추진이 늦어짐." : "",
                    nextSteps: late ? "[데모] 관계기관 협의를 마치고 다음 분기에 만회." : "[데모] 계획대로 추진.", values: values)
                let report = try await plans.saveReport(taskID: task.id, period: period, input: input, in: snapshot, actor: actor)
                if quarter == "2020Q1" || i % 4 != 3 {
                    _ = try await plans.transition(reportID: report.id, action: .submit, comment: "", in: snapshot, actor: actor)
                }
                if quarter == "2020Q1" || i % 4 == 0 {
                    _ = try await plans.transition(reportID: report.id, action: .accept, comment: "[데모] 확인함", in: snapshot, actor: actor)
                } else if i % 4 == 1 {
                    let comment = late ? "[데모] 지연 사유와 만회 계획을 구체적으로 적어 주세요." : "[데모] 실적을 뒷받침할 증빙을 첨부해 주세요."
                    _ = try await plans.transition(reportID: report.id, action: .return, comment: comment, in: snapshot, actor: actor)
                }
            }
        }
    }

    func addPractices(_ snapshot: PlanSnapshot, actor: PlanActor) async throws {
        let examples: [(String, String, String, String, [String])] = [
            (
                "수요응답형 버스 두루타", "[데모] 읍면 지역의 배차 간격이 길고 이용객이 적어 노선버스가 비효율적이었다.",
                "[데모] 호출형 버스를 도입해 앱·전화로 부르면 최적 경로로 운행했다.", "[데모] 상반기 월 이용객이 기준 대비 약 2배로 늘었다.", ["교통", "두루타", "데모"]
            ),
            (
                "모바일 정책투표 세종의 뜻", "[데모] 시민 의견을 정책 결정에 바로 반영할 창구가 부족했다.",
                "[데모] 모바일 투표로 주요 정책을 시민이 직접 고르게 했다.", "[데모] 정책투표 참여자가 꾸준히 늘었다.", ["참여", "투표", "데모"]
            ),
            (
                "상수도 스마트미터링", "[데모] 검침원 방문 검침으로 누수 발견이 늦었다.", "[데모] 원격 검침 계량기를 읍면동별로 설치했다.",
                "[데모] 설치 누계가 목표의 절반을 넘었고 누수 알림을 시작했다.", ["상수도", "스마트시티", "데모"]
            ),
        ]
        for (title, problem, action, result, tags) in examples {
            guard let task = snapshot.tasks.first(where: { $0.title == title }) else { continue }
            _ = try await services.plans.createPractice(
                NewBestPractice(
                    title: title, problem: problem, action: action, result: result, departmentID: task.departmentID, contact: "데모 담당자", tags: tags,
                    taskID: task.id, isDemo: true), actor: actor)
        }
    }
}
