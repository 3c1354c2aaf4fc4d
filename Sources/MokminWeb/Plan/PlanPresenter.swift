import Foundation
import MokminBase
import MokminCore
import MokminPlan
import MokminSVG

/// Turns a plan snapshot and its assessments into the values the plan's templates show, in one language.
struct PlanPresenter {
    let snapshot: PlanSnapshot
    let period: Period
    let asOf: String
    let language: String
    let assessments: [Int64: TaskAssessment]

    init(_ snapshot: PlanSnapshot, period: Period, today: String, language: String) {
        self.snapshot = snapshot
        self.period = period
        self.asOf = PlanSnapshot.asOf(period, today: today)
        self.language = language
        self.assessments = snapshot.assessments(asOf: asOf)
    }

    var isEnglish: Bool { language == "en" }

    func text(_ t: LocalizedText) -> String { t.text(language) }

    func statusName(_ s: TaskStatus) -> String { isEnglish ? s.englishName : s.koreanName }

    static func percent(_ share: Double?) -> String { share.map { TaskAssessment.percent($0) } ?? "–" }

    /// The plan's header values (title, year, demo label, period choices).
    var header: [String: Any] {
        let quarters = (1...4).compactMap { Period(unit: .quarter, year: snapshot.plan.year, index: $0) }
        let months = (1...12).compactMap { Period(unit: .month, year: snapshot.plan.year, index: $0) }
        return [
            "plan": [
                "id": snapshot.plan.id, "title": snapshot.plan.title, "year": snapshot.plan.year, "organisation": snapshot.plan.organisation,
                "vision": snapshot.plan.vision, "is_demo": snapshot.plan.isDemo,
            ],
            "period": period.description, "period_name": isEnglish ? period.description : period.koreanName, "as_of": asOf,
            "periods": (quarters + months).map {
                ["value": $0.description, "name": isEnglish ? $0.description : $0.koreanName, "selected": $0 == period]
            },
            "status_rule": text(StatusRule.text),
        ]
    }

    func status(_ a: TaskAssessment) -> [String: Any] {
        [
            "status": a.status.rawValue, "status_name": statusName(a.status), "progress": Self.percent(a.progress),
            "progress_value": a.progress ?? 0, "has_progress": a.progress != nil, "expected": Self.percent(a.expected),
            "reasons": a.reasons.map(text), "has_reasons": !a.reasons.isEmpty, "reason_text": a.reasons.map(text).joined(separator: " · "),
            // What hovering over this task's status shows: why it has it (the rule itself is on the column's header).
            "status_title": a.reasons.isEmpty
                ? (isEnglish
                    ? "Progress \(Self.percent(a.progress)), expected \(Self.percent(a.expected))"
                    : "진척도 \(Self.percent(a.progress)), 기대 \(Self.percent(a.expected))")
                : a.reasons.map(text).joined(separator: " · "),
        ]
    }

    /// One row of a task table.
    func taskRow(_ task: PlanTask) -> [String: Any] {
        var row: [String: Any] = [
            "id": task.id, "code": task.code, "title": task.title, "department": snapshot.department(task.departmentID)?.name ?? "",
            "department_id": task.departmentID, "manager": task.manager, "is_demo": task.isDemo,
        ]
        if let a = assessments[task.id] { row.merge(status(a)) { $1 } }
        let report = snapshot.reports[task.id]?.first { $0.period == period }
        row["report_status"] = report.map { isEnglish ? $0.status.rawValue : $0.status.koreanName } ?? (isEnglish ? "not written" : "미작성")
        row["report_state"] = report?.status.rawValue ?? "none"
        return row
    }

    /// Tasks sorted worst first, then by number.
    func sorted(_ tasks: [PlanTask]) -> [PlanTask] {
        tasks.sorted { a, b in
            let (sa, sb) = (assessments[a.id]?.status.urgency ?? 9, assessments[b.id]?.status.urgency ?? 9)
            return sa != sb ? sa < sb : a.code.localizedStandardCompare(b.code) == .orderedAscending
        }
    }

    /// Counts per status and the mean progress of `tasks`.
    func summary(_ tasks: [PlanTask]) -> [String: Any] {
        let states = tasks.compactMap { assessments[$0.id] }
        var counts: [String: Any] = [:]
        for s in TaskStatus.allCases { counts[s.rawValue] = states.filter { $0.status == s }.count }
        let measured = states.compactMap(\.progress)
        let mean = measured.isEmpty ? nil : measured.reduce(0, +) / Double(measured.count)
        return ["counts": counts, "total": tasks.count, "progress": Self.percent(mean), "progress_value": mean ?? 0]
    }

    /// Areas with their summary and their tasks.
    var areas: [[String: Any]] {
        snapshot.areas.map { area in
            let tasks = snapshot.tasks.filter { $0.areaID == area.id }
            var row = summary(tasks)
            row["title"] = area.title
            row["position"] = area.position
            row["tasks"] = tasks.map(taskRow)
            return row
        }
    }

    /// Delayed and at-risk tasks, worst first.
    var attention: [[String: Any]] {
        sorted(snapshot.tasks.filter { [.atRisk, .delayed].contains(assessments[$0.id]?.status) }).map(taskRow)
    }

    /// The readiness rows of the evaluation, grouped by area.
    var readiness: [String: Any] {
        let rows = snapshot.readiness(asOf: asOf)
        let titles = Dictionary(uniqueKeysWithValues: snapshot.tasks.map { ($0.id, $0) })
        let groups = Dictionary(grouping: rows, by: \.areaTitle)
        let areaOrder = snapshot.framework?.areas.map(\.title) ?? []
        let estimated = rows.reduce(0) { $0 + $1.estimatedScore }
        return [
            "framework": snapshot.framework.map { ["title": $0.title, "year": $0.year, "points": PlanNumber.text($0.totalPoints)] } as Any,
            "estimated_total": PlanNumber.text((estimated * 10).rounded() / 10),
            "readiness_note": text(Readiness.note),
            "evaluation_areas": areaOrder.map { title in
                [
                    "title": title,
                    "rows": (groups[title] ?? []).map { r in
                        [
                            "code": r.indicator.code, "title": r.indicator.title, "points": PlanNumber.text(r.indicator.points),
                            "evidence": r.indicator.evidence, "progress": Self.percent(r.tasks.isEmpty ? nil : r.progress),
                            "progress_value": r.progress, "score": PlanNumber.text((r.estimatedScore * 10).rounded() / 10),
                            "status": r.status?.rawValue ?? "none", "status_name": r.status.map(statusName) ?? "–",
                            "tasks": r.tasks.compactMap { a in titles[a.taskID].map { ["id": $0.id, "code": $0.code, "title": $0.title] } },
                            "gaps": r.gaps.map(text), "has_gap": !r.gaps.isEmpty,
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
        ]
    }
}

/// Numbers as the plan pages write them: thousands separators, at most two decimals.
enum PlanNumber {
    static func text(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 2
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.usesGroupingSeparator = true
        formatter.groupingSize = 3
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }
}
