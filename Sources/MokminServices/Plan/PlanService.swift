import Foundation
import Logging
import MokminBase
import MokminCore
import MokminPlan
import MokminStore

/// The innovation plan's use cases: departments, the plan and its derived status, computed indicators that follow the
/// hub's data, period reports with their review, the evaluation's readiness, best practices, and the task file.
/// Who may do what is decided here (``PlanRights``), for pages, the JSON API and the command line alike.
public struct PlanService: Sendable {
    let store: any PlanRepository
    let datasets: any DatasetRepository
    let logger: Logger

    public init(plans: any PlanRepository, datasets: any DatasetRepository, logger: Logger = Logger(label: "mokmin.plan")) {
        self.store = plans
        self.datasets = datasets
        self.logger = logger
    }

    static func audit(_ actor: PlanActor, _ action: String, target: String? = nil, detail: String? = nil) -> AuditEvent {
        AuditEvent(actor: actor.login, action: action, target: target, detail: detail, origin: actor.origin)
    }

    // MARK: Rights

    /// What `actor` may do.
    public func rights(of actor: PlanActor) async throws -> PlanRights {
        guard let userID = actor.userID else { return PlanRights(isPlanner: true, departmentID: nil) }
        let department = try await store.department(ofUser: userID)
        return PlanRights(isPlanner: actor.role == .admin || department?.planningOffice == true, departmentID: department?.id)
    }

    /// What an actor outside the planning office is told when they try its work.
    public static let plannersOnly = MokminError(.forbidden, ko: "기획부서(혁신 담당) 권한이 필요합니다", en: "Only the planning office may do this")

    func requirePlanner(_ actor: PlanActor) async throws {
        guard try await rights(of: actor).isPlanner else { throw Self.plannersOnly }
    }

    // MARK: Departments

    public func departments() async throws -> [Department] { try await store.departments() }

    public func createDepartment(name: String, planningOffice: Bool, actor: PlanActor) async throws -> Department {
        if actor.userID != nil && actor.role != .admin {
            throw MokminError(.forbidden, ko: "관리자만 부서를 만들 수 있습니다", en: "Only admins create departments")
        }
        return try await store.createDepartment(name: name, planningOffice: planningOffice, audit: Self.audit(actor, "department.create"))
    }

    /// Puts an account in the department named `department` (nil or empty: none).
    public func setDepartment(login: String, department: String?, actor: PlanActor) async throws {
        if actor.userID != nil && actor.role != .admin {
            throw MokminError(.forbidden, ko: "관리자만 소속을 바꿀 수 있습니다", en: "Only admins change departments")
        }
        var id: Int64?
        if let department, !department.isEmpty {
            guard let found = try await store.departments().first(where: { $0.name == department }) else {
                throw MokminError(.notFound, ko: "없는 부서입니다: \(department)", en: "No such department: \(department)")
            }
            id = found.id
        }
        try await store.setDepartment(login: login, departmentID: id, audit: Self.audit(actor, "user.department"))
    }

    public func department(ofUser userID: Int64) async throws -> Department? { try await store.department(ofUser: userID) }

    /// The logins of each department's members.
    public func members() async throws -> [Int64: [String]] { try await store.members() }

    // MARK: Plans

    public func plans() async throws -> [Plan] { try await store.plans() }

    /// The plan `id`, or the newest plan when nil; `notFound` when there is none.
    public func snapshot(_ id: Int64? = nil) async throws -> PlanSnapshot {
        let planID: Int64
        if let id {
            planID = id
        } else {
            guard let newest = try await store.plans().first else {
                throw MokminError(
                    .notFound, ko: "아직 혁신계획이 없습니다. 과제 목록을 가져오세요(mokmin plan import)",
                    en: "No innovation plan yet. Import a task list (mokmin plan import)")
            }
            planID = newest.id
        }
        guard let snapshot = try await store.snapshot(planID: planID) else {
            throw MokminError(.notFound, ko: "없는 계획입니다: \(planID)", en: "No such plan: \(planID)")
        }
        return snapshot
    }

    /// The plan that holds task `taskID`; `notFound` when there is no such task.
    public func snapshot(planOf taskID: Int64) async throws -> PlanSnapshot {
        guard let planID = try await store.planID(ofTask: taskID) else {
            throw MokminError(.notFound, ko: "없는 과제입니다: \(taskID)", en: "No such task: \(taskID)")
        }
        return try await snapshot(planID)
    }

    /// The task a milestone belongs to; `notFound` when there is no such milestone.
    public func task(ofMilestone id: Int64) async throws -> Int64 {
        guard let taskID = try await store.taskID(ofMilestone: id) else {
            throw MokminError(.notFound, ko: "없는 마일스톤입니다: \(id)", en: "No such milestone: \(id)")
        }
        return taskID
    }

    /// Marks a milestone done (or open again); the owning department or the planning office.
    public func setMilestone(id: Int64, doneOn: String?, in snapshot: PlanSnapshot, actor: PlanActor) async throws -> Milestone {
        guard let milestone = snapshot.milestones.values.joined().first(where: { $0.id == id }), let task = snapshot.task(milestone.taskID) else {
            throw MokminError(.notFound, ko: "없는 마일스톤입니다: \(id)", en: "No such milestone: \(id)")
        }
        try await requireEdit(task, actor: actor, snapshot: snapshot)
        return try await store.setMilestone(id: id, doneOn: doneOn, audit: Self.audit(actor, "plan.milestone"))
    }

    func requireEdit(_ task: PlanTask, actor: PlanActor, snapshot: PlanSnapshot) async throws {
        guard try await rights(of: actor).mayEdit(taskOf: task.departmentID) else {
            let owner = snapshot.department(task.departmentID)?.name ?? "?"
            throw MokminError(
                .forbidden, ko: "이 과제는 \(owner) 소관입니다. 소관 부서나 기획부서만 고칠 수 있습니다",
                en: "This task belongs to \(owner); only that department or the planning office may change it")
        }
    }

    // MARK: Evaluation

    public func storeFramework(_ draft: FrameworkDraft, actor: PlanActor) async throws -> EvaluationFramework {
        try await requirePlanner(actor)
        return try await store.storeFramework(draft, audit: Self.audit(actor, "plan.evaluation"))
    }

    // MARK: Best practices

    /// The library, newest first; `search` keeps those whose text holds every word (any case), as the catalog searches.
    public func practices(search: String? = nil) async throws -> [BestPractice] {
        let all = try await store.practices()
        let terms = (search ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init).prefix(10)
        guard !terms.isEmpty else { return all }
        return all.filter { p in
            let text = ([p.title, p.problem, p.action, p.result, p.contact] + p.tags).joined(separator: "\n").lowercased()
            return terms.allSatisfy { text.contains($0) }
        }
    }

    public func practice(id: Int64) async throws -> BestPractice? { try await store.practice(id: id) }

    /// Adds a best practice: the planning office, or the department it is about.
    public func createPractice(_ practice: NewBestPractice, actor: PlanActor) async throws -> BestPractice {
        let rights = try await rights(of: actor)
        guard rights.isPlanner || rights.departmentID == practice.departmentID else {
            throw MokminError(
                .forbidden, ko: "자기 부서나 기획부서만 우수사례를 등록할 수 있습니다", en: "Only the department itself or the planning office may add its best practice")
        }
        return try await store.createPractice(practice, audit: Self.audit(actor, "plan.practice"))
    }
}
