import ArgumentParser
import Foundation
import MokminBase
import MokminCore
import MokminPlan
import MokminServices

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "The innovation plan: tasks, results, briefing / 혁신계획 과제·실적·점검회의 자료.",
        discussion: """
            A plan (year, organisation) holds priority areas, tasks, milestones and indicators. `import` reads the task \
            list from CSV or XLSX (one row per task and indicator; `mokmin plan columns` lists the columns) and stores all \
            of it or, when any cell is bad, nothing. Departments named in the file are created; put accounts in them \
            with `mokmin plan assign`. Members of a planning-office department review every report.
            """,
        subcommands: [Import.self, Export.self, List.self, Briefing.self, Columns.self, Department.self, Assign.self, Evaluation.self])

    static func period(_ text: String?) throws -> Period? {
        guard let text else { return nil }
        guard let period = Period(text) else {
            throw ValidationError("기간은 2020Q2, 2020-05, 2020 형식입니다 / A period reads 2020Q2, 2020-05 or 2020: \(text)")
        }
        return period
    }

    static func plan(_ plans: PlanService, year: Int?) async throws -> Int64? {
        guard let year else { return nil }
        guard let plan = try await plans.plans().first(where: { $0.year == year }) else {
            throw MokminError(.notFound, ko: "\(year)년 계획이 없습니다", en: "No plan for \(year)")
        }
        return plan.id
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import the task list (CSV, TSV, XLSX) / 과제 목록을 가져옵니다.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The task file.") var file: String
        @Option(help: "The plan's year (1900–2200).") var year: Int
        @Option(help: "The organisation (세종특별자치시).") var organisation: String
        @Option(help: "The plan's title.") var title: String
        @Option(help: "The plan's vision.") var vision = ""

        func validate() throws {
            guard Period.years.contains(year) else { throw ValidationError("--year: 1900–2200") }
        }

        func run() async throws {
            try await reportingErrors {
                let plans = try await database.open().plans
                let url = URL(fileURLWithPath: file)
                let (s, problems) = try await plans.importTasks(
                    url, fileName: url.lastPathComponent, into: NewPlan(year: year, organisation: organisation, title: title, vision: vision),
                    actor: .commandLine)
                print(
                    "plan \(s.planID): +\(s.tasksAdded) tasks, \(s.tasksUpdated) updated, \(s.tasksKept) kept, \(s.indicators) indicators"
                        + " / 과제 \(s.tasksAdded)건 추가, \(s.tasksUpdated)건 갱신, \(s.tasksKept)건 유지, 지표 \(s.indicators)개")
                if !s.departmentsAdded.isEmpty { print("departments added / 새 부서: " + s.departmentsAdded.joined(separator: ", ")) }
                for problem in problems { print("warning / 경고: \(problem)") }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the task list, or a period's results with --period / 과제 목록(또는 기간 실적)을 내보냅니다.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The plan's year (default: the newest plan).") var year: Int?
        @Option(help: "A period (2020Q2, 2020-05): export its results instead of the task list.") var period: String?
        @Option(help: "The file to write: .xlsx or .csv (UTF-8 with BOM).") var out: String

        func validate() throws {
            guard out.lowercased().hasSuffix(".xlsx") || out.lowercased().hasSuffix(".csv") else {
                throw ValidationError("--out: a .xlsx or .csv file")
            }
            _ = try PlanCommand.period(period)
        }

        func run() async throws {
            try await reportingErrors {
                let plans = try await database.open().plans
                let snapshot = try await plans.snapshot(try await PlanCommand.plan(plans, year: year))
                let table =
                    try PlanCommand.period(period).map { plans.resultsTable(snapshot, period: $0, today: LocalTime(Date()).isoDate) }
                    ?? plans.taskTable(snapshot)
                let data = out.lowercased().hasSuffix(".csv") ? PlanService.csv(table) : try PlanService.xlsx(table)
                try data.write(to: URL(fileURLWithPath: out))
                print("\(out): \(table.rows.count) rows / \(table.rows.count)행")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plans, or one plan's tasks with their status / 계획과 과제 상태.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The plan's year: list its tasks.") var year: Int?
        @Option(help: "The period to judge status on (default: the latest reported).") var period: String?

        func validate() throws { _ = try PlanCommand.period(period) }

        func run() async throws {
            try await reportingErrors {
                let plans = try await database.open().plans
                guard let planID = try await PlanCommand.plan(plans, year: year) else {
                    print(["ID", "YEAR", "ORGANISATION", "TITLE", "DEMO"].joined(separator: "\t"))
                    for plan in try await plans.plans() {
                        print(
                            [String(plan.id), String(plan.year), plan.organisation, plan.title, plan.isDemo ? "demo" : "-"].joined(separator: "\t"))
                    }
                    return
                }
                let snapshot = try await plans.snapshot(planID)
                let today = LocalTime(Date()).isoDate
                let chosen =
                    try PlanCommand.period(period) ?? snapshot.reports.values.joined().map(\.period).max()
                    ?? Period(containing: min(today, "\(snapshot.plan.year)-12-31"), unit: .quarter)!
                let assessments = snapshot.assessments(asOf: PlanSnapshot.asOf(chosen, today: today))
                print("\(snapshot.plan.year) \(snapshot.plan.title) — \(chosen)")
                print(["CODE", "TASK", "DEPARTMENT", "STATUS", "PROGRESS", "EXPECTED"].joined(separator: "\t"))
                for task in snapshot.tasks {
                    guard let a = assessments[task.id] else { continue }
                    print(
                        [
                            task.code, task.title, snapshot.department(task.departmentID)?.name ?? "-", a.status.rawValue,
                            a.progress.map(TaskAssessment.percent) ?? "-", TaskAssessment.percent(a.expected),
                        ].joined(separator: "\t"))
                }
            }
        }
    }

    struct Columns: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The columns of a task file / 과제 파일의 열.")

        func run() async throws {
            print(["KOREAN", "ENGLISH", "REQUIRED"].joined(separator: "\t"))
            for column in PlanFileColumn.allCases { print([column.korean, column.english, column.isRequired ? "yes" : "-"].joined(separator: "\t")) }
        }
    }

    struct Department: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a department, or list them / 부서를 추가하거나 나열합니다.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The department to add (none: list).") var name: String?
        @Flag(help: "It is the planning office: its members review every report.") var planningOffice = false

        func run() async throws {
            try await reportingErrors {
                let plans = try await database.open().plans
                if let name {
                    let d = try await plans.createDepartment(name: name, planningOffice: planningOffice, actor: .commandLine)
                    print("department \(d.id): \(d.name)\(d.planningOffice ? " (planning office / 기획부서)" : "")")
                } else {
                    print(["ID", "NAME", "PLANNING OFFICE"].joined(separator: "\t"))
                    for d in try await plans.departments() { print([String(d.id), d.name, d.planningOffice ? "yes" : "-"].joined(separator: "\t")) }
                }
            }
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put an account in a department / 계정의 소속 부서를 정합니다.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The account's login.") var login: String
        @Argument(help: "The department's name (\"\" for none).") var department: String

        func run() async throws {
            try await reportingErrors {
                try await database.open().plans.setDepartment(login: login, department: department, actor: .commandLine)
                print("\(login): \(department.isEmpty ? "-" : department)")
            }
        }
    }

    struct Evaluation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the government's evaluation framework for a year (CSV/XLSX: 평가영역, 지표번호, 평가지표, 배점, 증빙) / 정부혁신 평가체계.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The framework file.") var file: String
        @Option(help: "The evaluation's year.") var year: Int
        @Option(help: "The framework's title.") var title: String

        func run() async throws {
            try await reportingErrors {
                let plans = try await database.open().plans
                let url = URL(fileURLWithPath: file)
                let draft = try PlanService.readFrameworkFile(url, fileName: url.lastPathComponent, year: year, title: title)
                let framework = try await plans.storeFramework(draft, actor: .commandLine)
                print(
                    "evaluation \(year): \(framework.areas.count) areas, \(framework.indicators.count) indicators, \(PlanService.number(framework.totalPoints)) points"
                )
            }
        }
    }
}
