import Foundation
import MokminCore
import MokminPlan
import Testing

/// The derived progress and status on cases computed by hand from the documented rule (`StatusRule`).
@Suite struct TaskAssessmentTests {
    let task = PlanTask(
        id: 1, areaID: 1, code: "1-1", title: "두루타", departmentID: 1, manager: "", description: "", start: "2020-01-01", end: "2020-12-31",
        budget: nil)

    func indicator(_ id: Int64, baseline: Double, target: Double, _ direction: IndicatorDirection = .higher, weight: Double = 1) -> Indicator {
        Indicator(
            id: id, taskID: 1, name: "지표\(id)", unit: "", baseline: baseline, target: target, direction: direction, weight: weight, source: .manual)
    }

    func value(_ id: Int64, _ period: String, _ v: Double) -> IndicatorValue {
        IndicatorValue(indicatorID: id, period: Period(period)!, value: v, recordedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func progressIsClampedAndReversedWhenLowerIsBetter() {
        let higher = indicator(1, baseline: 100, target: 200)
        #expect(higher.progress(of: 150) == 0.5)
        #expect(higher.progress(of: 50) == 0)
        #expect(higher.progress(of: 300) == 1)
        let lower = indicator(2, baseline: 40, target: 20, .lower)
        #expect(lower.progress(of: 35) == 0.25)
        #expect(lower.progress(of: 45) == 0)
        #expect(lower.progress(of: 10) == 1)
        let flat = indicator(3, baseline: 5, target: 5)
        #expect(flat.progress(of: 5) == 1)
        #expect(flat.progress(of: 4) == 0)
        #expect(higher.progress(of: .nan) == 0)
    }

    @Test func weightedProgressCountsAMissingValueAsZero() {
        // Weights 3 and 1: (3 × 0.5 + 1 × 0) / 4 = 0.375; the second indicator has no value yet.
        let a = TaskAssessment(
            task: task, milestones: [], indicators: [indicator(1, baseline: 0, target: 100, weight: 3), indicator(2, baseline: 0, target: 10)],
            values: [value(1, "2020Q2", 50)], asOf: "2020-06-30")
        #expect(a.progress == 0.375)
        #expect(a.indicators[1].value == nil)
    }

    @Test func theCurrentValueIsTheLatestPeriodEndingByTheDay() {
        let values = [value(1, "2020-04", 10), value(1, "2020-05", 20), value(1, "2020-09", 90)]
        let a = TaskAssessment(task: task, milestones: [], indicators: [indicator(1, baseline: 0, target: 100)], values: values, asOf: "2020-06-30")
        #expect(a.indicators[0].value?.value == 20)
        #expect(a.progress == 0.2)
    }

    @Test func statusFollowsTheGapBetweenProgressAndElapsedTime() {
        // On 2020-07-01 the task (2020-01-01…2020-12-31, 365 days) is 182/365 ≈ 0.4986 elapsed.
        let asOf = "2020-07-01"
        let expected = 182.0 / 365.0
        func status(_ v: Double) -> TaskAssessment {
            TaskAssessment(
                task: task, milestones: [], indicators: [indicator(1, baseline: 0, target: 100)], values: [value(1, "2020-06", v)], asOf: asOf)
        }
        #expect(abs(status(45).expected - expected) < 1e-12)
        #expect(status(45).status == .onTrack)  // 0.45: 4.9 points behind
        #expect(status(35).status == .delayed)  // 0.35: 14.9 points behind
        #expect(status(20).status == .atRisk)  // 0.20: 29.9 points behind
        #expect(status(20).reasons.count == 1)
    }

    @Test func lowerIsBetterTaskOnTrack() {
        // Baseline 40 minutes, target 20; at 30 the progress is 0.5, elapsed 0.4986: on track.
        let a = TaskAssessment(
            task: task, milestones: [], indicators: [indicator(1, baseline: 40, target: 20, .lower)], values: [value(1, "2020-06", 30)],
            asOf: "2020-07-01")
        #expect(a.progress == 0.5)
        #expect(a.status == .onTrack)
    }

    @Test func aTaskWithoutIndicatorsIsMeasuredByItsMilestones() {
        let milestones = [
            Milestone(id: 1, taskID: 1, title: "계획 수립", due: "2020-03-31", doneOn: "2020-03-20"),
            Milestone(id: 2, taskID: 1, title: "시범 운영", due: "2020-06-30", doneOn: nil),
            Milestone(id: 3, taskID: 1, title: "확대", due: "2020-11-30", doneOn: nil),
        ]
        // On 2020-07-10: two due, one done → 0.5; milestone 2 is 10 days overdue → delayed.
        let a = TaskAssessment(task: task, milestones: milestones, indicators: [], values: [], asOf: "2020-07-10")
        #expect(a.progress == 0.5)
        #expect(a.status == .delayed)
        // On 2020-08-15 it is 46 days overdue → at risk.
        #expect(TaskAssessment(task: task, milestones: milestones, indicators: [], values: [], asOf: "2020-08-15").status == .atRisk)
        // Nothing at all to measure: no progress, judged on dates only.
        let empty = TaskAssessment(task: task, milestones: [], indicators: [], values: [], asOf: "2020-07-10")
        #expect(empty.progress == nil)
        #expect(empty.status == .onTrack)
        #expect(TaskAssessment(task: task, milestones: [], indicators: [], values: [], asOf: "2021-01-05").status == .atRisk)
    }

    @Test func doneNeedsEveryMilestoneAndFullProgress() {
        let milestones = [Milestone(id: 1, taskID: 1, title: "완료", due: "2020-12-01", doneOn: "2020-11-20")]
        let full = TaskAssessment(
            task: task, milestones: milestones, indicators: [indicator(1, baseline: 0, target: 10)], values: [value(1, "2020-11", 12)],
            asOf: "2021-01-15")
        #expect(full.status == .done)
        let short = TaskAssessment(
            task: task, milestones: milestones, indicators: [indicator(1, baseline: 0, target: 10)], values: [value(1, "2020-11", 9)],
            asOf: "2021-01-15")
        #expect(short.status == .atRisk)  // past its end, not done
    }

    @Test func readinessEstimatesPointsTimesMeanProgressAndNamesGaps() {
        let framework = EvaluationFramework(
            id: 1, year: 2020, title: "2020 정부혁신 평가",
            areas: [
                EvaluationArea(
                    id: 1, title: "참여",
                    indicators: [
                        EvaluationIndicator(id: 11, code: "1-1", title: "국민참여", points: 10, evidence: ""),
                        EvaluationIndicator(id: 12, code: "1-2", title: "협업", points: 5, evidence: ""),
                    ])
            ])
        var second = task
        second.id = 2
        second.title = "세종의 뜻"
        let plan = Plan(id: 1, year: 2020, organisation: "세종", title: "", vision: "")
        let snapshot = PlanSnapshot(
            plan: plan, areas: [], tasks: [task, second], departments: [], milestones: [:],
            indicators: [
                1: [indicator(1, baseline: 0, target: 100)],
                2: [Indicator(id: 2, taskID: 2, name: "참여자", unit: "명", baseline: 0, target: 100, direction: .higher, weight: 1, source: .manual)],
            ],
            values: [1: [value(1, "2020-06", 60)], 2: [value(2, "2020-06", 10)]], reports: [:], framework: framework, serves: [1: [11], 2: [11]])
        let rows = snapshot.readiness(asOf: "2020-07-01")
        #expect(rows.count == 2)
        // (0.6 + 0.1) / 2 = 0.35 → 3.5 of 10 points; task 2 (0.1 against 0.4986) is at risk.
        #expect(abs(rows[0].progress - 0.35) < 1e-12)
        #expect(abs(rows[0].estimatedScore - 3.5) < 1e-12)
        #expect(rows[0].status == .atRisk)
        #expect(rows[0].gaps.map(\.ko) == ["위험 과제: 세종의 뜻"])
        #expect(rows[1].estimatedScore == 0)
        #expect(rows[1].gaps.map(\.en) == ["No task serves this indicator"])
    }
}
