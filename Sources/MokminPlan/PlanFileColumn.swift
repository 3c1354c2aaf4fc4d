/// The columns of a plan's task file (CSV or XLSX, one row per task and indicator), with their Korean and English
/// headers. A task with several indicators takes one row per indicator; the rows after the first repeat the task's
/// number (과제번호) and may leave the other task columns empty.
public enum PlanFileColumn: String, Sendable, CaseIterable {
    case area, code, title, department, manager, description, start, end, budget, milestones, evaluation
    case indicator, unit, baseline, target, direction, weight, dataset, aggregate, valueColumn, dateColumn, period
    case filterColumn, filterValue, region

    /// The header a city's sheet uses (what export writes).
    public var korean: String {
        switch self {
        case .area: "역점분야"
        case .code: "과제번호"
        case .title: "과제명"
        case .department: "담당부서"
        case .manager: "담당자"
        case .description: "과제내용"
        case .start: "시작일"
        case .end: "종료일"
        case .budget: "예산(천원)"
        case .milestones: "마일스톤"
        case .evaluation: "평가지표"
        case .indicator: "성과지표"
        case .unit: "단위"
        case .baseline: "기준값"
        case .target: "목표값"
        case .direction: "방향"
        case .weight: "가중치"
        case .dataset: "데이터셋"
        case .aggregate: "집계"
        case .valueColumn: "값열"
        case .dateColumn: "날짜열"
        case .period: "주기"
        case .filterColumn: "조건열"
        case .filterValue: "조건값"
        case .region: "읍면동코드"
        }
    }

    /// The English header also accepted.
    public var english: String {
        switch self {
        case .valueColumn: "value_column"
        case .dateColumn: "date_column"
        case .filterColumn: "filter_column"
        case .filterValue: "filter_value"
        default: rawValue
        }
    }

    /// What the column holds, for the README and error messages.
    public var isRequired: Bool { [.area, .code, .title, .department, .start, .end].contains(self) }
}
