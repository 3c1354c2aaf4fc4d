import MokminBase

/// The documented rule that turns a task's milestones and indicator values into a status. Shown on hover on every
/// status, and applied by ``TaskAssessment``.
public enum StatusRule {
    /// A task is delayed when its progress trails the time elapsed by more than this share.
    public static let delayedGap = 0.10
    /// … and at risk when it trails by more than this share.
    public static let atRiskGap = 0.25
    /// A milestone overdue by more than this many days puts the task at risk (any overdue milestone delays it).
    public static let atRiskOverdueDays = 30

    public static let text = LocalizedText(
        ko: """
            진척도 = 지표별 clamp((현재값 − 기준값) / (목표값 − 기준값), 0, 1)의 가중평균(낮을수록 좋은 지표는 방향을 뒤집음, \
            값이 없는 지표는 0). 지표가 없으면 마감된 마일스톤 대비 완료 비율. 기대 진척도 = 과제 기간 중 경과한 비율. \
            완료: 모든 마일스톤 완료이고 진척도 100%. 위험: 종료일이 지났는데 미완료, 30일 넘게 지난 마일스톤, 또는 진척도가 \
            기대보다 25%p 넘게 뒤처짐. 지연: 기한이 지난 마일스톤, 또는 진척도가 기대보다 10%p 넘게 뒤처짐. 그 밖에는 정상.
            """,
        en: """
            Progress = the weighted mean over indicators of clamp((current − baseline) / (target − baseline), 0, 1) (reversed \
            when lower is better; an indicator without a value counts 0). Without indicators: the share of milestones due \
            so far that are done. Expected progress = the share of the task's span that has elapsed. Done: every milestone \
            done and progress 100%. At risk: past its end and not done, a milestone more than 30 days overdue, or progress \
            more than 25 points behind expected. Delayed: a milestone overdue, or progress more than 10 points behind \
            expected. Otherwise on track.
            """)
}
