import Foundation
import MokminBase
import MokminCore

/// Reads a plan's task file (its header and rows, as any spreadsheet reader gives them) into a ``PlanDraft``, naming
/// every bad cell with its line and column. Nothing is stored here: the caller stores the draft only when it is whole.
public struct PlanFileParser {
    public var fileName: String
    private var issues: [PlanFileIssue] = []
    private var headers: [String] = []
    private var index: [PlanFileColumn: Int] = [:]

    public init(fileName: String) { self.fileName = fileName }

    /// The draft, or a ``PlanFileError`` listing every problem. `rows` carry the line they came from (the header is line 1
    /// in a CSV file).
    public mutating func parse(header: [String], rows: [(line: Int, cells: [String])]) throws -> PlanDraft {
        headers = header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        for (position, name) in headers.enumerated() {
            guard let column = PlanFileColumn.allCases.first(where: { $0.korean == name || $0.english.caseInsensitiveCompare(name) == .orderedSame })
            else {
                issues.append(PlanFileIssue(line: 1, column: name, message: LocalizedText(ko: "알 수 없는 열입니다", en: "Unknown column")))
                continue
            }
            if index[column] != nil {
                issues.append(PlanFileIssue(line: 1, column: name, message: LocalizedText(ko: "같은 열이 두 번 있습니다", en: "The column appears twice")))
            }
            index[column] = position
        }
        for column in PlanFileColumn.allCases where column.isRequired && index[column] == nil {
            issues.append(PlanFileIssue(line: 1, column: column.korean, message: LocalizedText(ko: "필수 열이 없습니다", en: "Required column missing")))
        }
        if !issues.isEmpty { throw PlanFileError(fileName: fileName, issues: issues) }
        if rows.isEmpty {
            throw PlanFileError(
                fileName: fileName,
                issues: [PlanFileIssue(line: 2, column: "", message: LocalizedText(ko: "과제가 한 건도 없습니다", en: "The file has no tasks"))])
        }

        var areas: [String] = []
        var tasks: [PlanDraft.TaskDraft] = []
        var taskByCode: [String: Int] = [:]
        let columns = index
        for row in rows {
            func cell(_ column: PlanFileColumn) -> String {
                guard let i = columns[column], i < row.cells.count else { return "" }
                return row.cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if row.cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let code = cell(.code)
            guard !code.isEmpty else {
                report(row.line, .code, ko: "과제번호가 비어 있습니다", en: "The task number is empty")
                continue
            }
            if code.count > 20 { report(row.line, .code, ko: "과제번호는 20자 이하여야 합니다", en: "A task number has at most 20 characters") }
            if let existing = taskByCode[code] {
                // A continuation row: more indicators (and optionally more milestones) of the same task.
                for column in [PlanFileColumn.area, .title, .department, .start, .end] where !cell(column).isEmpty {
                    let first = value(of: column, in: tasks[existing])
                    if cell(column) != first {
                        report(
                            row.line, column, ko: "같은 과제번호(\(code))의 앞 행과 값이 다릅니다: '\(first)'",
                            en: "Differs from the earlier row of task \(code): '\(first)'")
                    }
                }
                tasks[existing].milestones += milestones(cell(.milestones), line: row.line)
                tasks[existing].evaluation += list(cell(.evaluation)).filter { !tasks[existing].evaluation.contains($0) }
                if let indicator = indicator(cell, line: row.line) { tasks[existing].indicators.append(indicator) }
                continue
            }
            let area = text(cell(.area), row.line, .area, max: 200)
            let title = text(cell(.title), row.line, .title, max: 300)
            let department = text(cell(.department), row.line, .department, max: 100)
            let start = day(cell(.start), row.line, .start)
            let end = day(cell(.end), row.line, .end)
            if let start, let end, end < start {
                report(row.line, .end, ko: "종료일이 시작일(\(start))보다 앞섭니다", en: "The end is before the start (\(start))")
            }
            var budget: Int64?
            if !cell(.budget).isEmpty {
                let digits = cell(.budget).replacingOccurrences(of: ",", with: "")
                if let b = Int64(digits), (0...1_000_000_000_000).contains(b) {
                    budget = b
                } else {
                    report(
                        row.line, .budget, ko: "예산은 0 이상의 정수(천원)여야 합니다: '\(cell(.budget))'",
                        en: "The budget must be a whole number of thousand won: '\(cell(.budget))'")
                }
            }
            if !area.isEmpty && !areas.contains(area) { areas.append(area) }
            // Too long is refused, never cut: nothing a file holds is lost on the way in.
            if cell(.manager).count > 100 { report(row.line, .manager, ko: "100자 이하여야 합니다", en: "At most 100 characters") }
            if cell(.description).count > 4_000 { report(row.line, .description, ko: "4,000자 이하여야 합니다", en: "At most 4,000 characters") }
            var task = PlanDraft.TaskDraft(
                area: area, code: code, title: title, department: department, manager: cell(.manager),
                description: cell(.description), start: start ?? "", end: end ?? "", budget: budget,
                milestones: milestones(cell(.milestones), line: row.line), evaluation: list(cell(.evaluation)), line: row.line)
            if let indicator = indicator(cell, line: row.line) { task.indicators.append(indicator) }
            taskByCode[code] = tasks.count
            tasks.append(task)
        }
        if areas.count > 20 {
            issues.append(
                PlanFileIssue(
                    line: 1, column: PlanFileColumn.area.korean, message: LocalizedText(ko: "역점분야는 20개까지입니다", en: "At most 20 priority areas")))
        }
        if tasks.count > 1_000 {
            issues.append(
                PlanFileIssue(line: 1, column: PlanFileColumn.code.korean, message: LocalizedText(ko: "과제는 1,000건까지입니다", en: "At most 1,000 tasks")))
        }
        for task in tasks {
            var seen: Set<String> = []
            for indicator in task.indicators where !seen.insert(indicator.name).inserted {
                issues.append(
                    PlanFileIssue(
                        line: task.line, column: PlanFileColumn.indicator.korean,
                        message: LocalizedText(
                            ko: "과제 \(task.code)에 같은 지표가 두 번 있습니다: \(indicator.name)",
                            en: "Task \(task.code) names indicator '\(indicator.name)' twice")))
            }
        }
        if !issues.isEmpty { throw PlanFileError(fileName: fileName, issues: issues) }
        return PlanDraft(areas: areas, tasks: tasks, fileName: fileName)
    }

    private func value(of column: PlanFileColumn, in task: PlanDraft.TaskDraft) -> String {
        switch column {
        case .area: task.area
        case .title: task.title
        case .department: task.department
        case .start: task.start
        case .end: task.end
        default: ""
        }
    }

    private func header(_ column: PlanFileColumn) -> String { index[column].map { headers[$0] } ?? column.korean }

    private mutating func report(_ line: Int, _ column: PlanFileColumn, ko: String, en: String) {
        issues.append(PlanFileIssue(line: line, column: header(column), message: LocalizedText(ko: ko, en: en)))
    }

    private mutating func text(_ value: String, _ line: Int, _ column: PlanFileColumn, max: Int) -> String {
        if value.isEmpty {
            report(line, column, ko: "비어 있습니다", en: "Empty")
        } else if value.count > max {
            report(line, column, ko: "\(max)자 이하여야 합니다", en: "At most \(max) characters")
        }
        return value
    }

    private mutating func day(_ value: String, _ line: Int, _ column: PlanFileColumn) -> String? {
        guard let day = Self.day(value) else {
            report(line, column, ko: "날짜(YYYY-MM-DD)가 아닙니다: '\(value)'", en: "Not a date (YYYY-MM-DD): '\(value)'")
            return nil
        }
        return day
    }

    /// `YYYY-MM-DD` (also `YYYY.MM.DD` and `YYYY/MM/DD`, and a spreadsheet's date with a time of midnight) between 1900 and 2200.
    public static func day(_ value: String) -> String? {
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("00:00:00") { text = String(text.dropLast(8)).trimmingCharacters(in: CharacterSet(charactersIn: " T")) }
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "/" }).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2], Period.years.contains(y),
            LocalTime.isValid(year: y, month: m, day: d)
        else { return nil }
        return LocalTime.pad(y, width: 4) + "-" + LocalTime.pad(m) + "-" + LocalTime.pad(d)
    }

    private func list(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `2020-03-31 기본계획 수립; 2020-06-30 시범 운영 (완료 2020-06-20)`: a due day, a title, and optionally the day it was done.
    private mutating func milestones(_ value: String, line: Int) -> [PlanDraft.MilestoneDraft] {
        var result: [PlanDraft.MilestoneDraft] = []
        for item in value.split(whereSeparator: { $0 == ";" || $0 == "\n" }).map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let firstSpace = item.firstIndex(of: " ") ?? item.endIndex
            guard let due = Self.day(String(item[..<firstSpace])) else {
                report(line, .milestones, ko: "마일스톤은 'YYYY-MM-DD 제목' 형식이어야 합니다: '\(item)'", en: "A milestone is 'YYYY-MM-DD title': '\(item)'")
                continue
            }
            var title = item[firstSpace...].trimmingCharacters(in: .whitespaces)
            var doneOn: String?
            if title.hasSuffix(")"), let open = title.range(of: "(", options: .backwards) {
                let inside = title[open.upperBound..<title.index(before: title.endIndex)].trimmingCharacters(in: .whitespaces)
                for prefix in ["완료", "done"] where inside.hasPrefix(prefix) {
                    guard let day = Self.day(String(inside.dropFirst(prefix.count))) else {
                        report(line, .milestones, ko: "완료일이 날짜가 아닙니다: '\(inside)'", en: "The done day is not a date: '\(inside)'")
                        break
                    }
                    doneOn = day
                    title = title[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
                }
            }
            guard !title.isEmpty, title.count <= 200 else {
                report(line, .milestones, ko: "마일스톤 제목은 1–200자여야 합니다: '\(item)'", en: "A milestone title has 1–200 characters: '\(item)'")
                continue
            }
            result.append(PlanDraft.MilestoneDraft(title: title, due: due, doneOn: doneOn))
        }
        if result.count > 50 { report(line, .milestones, ko: "마일스톤은 과제당 50개까지입니다", en: "At most 50 milestones per task") }
        return result
    }

    private mutating func number(_ value: String, _ line: Int, _ column: PlanFileColumn) -> Double? {
        let text = value.replacingOccurrences(of: ",", with: "")
        guard let n = Double(text), n.isFinite, abs(n) <= 1e15 else {
            report(line, column, ko: "숫자가 아닙니다(절댓값 10¹⁵ 이하): '\(value)'", en: "Not a number (at most 10¹⁵ in size): '\(value)'")
            return nil
        }
        return n
    }

    private mutating func indicator(_ cell: (PlanFileColumn) -> String, line: Int) -> PlanDraft.IndicatorDraft? {
        let name = cell(.indicator)
        guard !name.isEmpty else {
            for column in [PlanFileColumn.baseline, .target, .dataset] where !cell(column).isEmpty {
                report(line, .indicator, ko: "\(column.korean) 값이 있으나 지표명이 비어 있습니다", en: "\(column.english) is given but the indicator has no name")
            }
            return nil
        }
        if name.count > 200 { report(line, .indicator, ko: "200자 이하여야 합니다", en: "At most 200 characters") }
        let baseline = number(cell(.baseline), line, .baseline)
        let target = number(cell(.target), line, .target)
        var direction = IndicatorDirection.higher
        switch cell(.direction).lowercased() {
        case "", "높을수록", "높을수록 좋음", "상향", "higher": direction = .higher
        case "낮을수록", "낮을수록 좋음", "하향", "lower": direction = .lower
        default:
            report(line, .direction, ko: "'높을수록' 또는 '낮을수록'이어야 합니다: '\(cell(.direction))'", en: "Must be 'higher' or 'lower': '\(cell(.direction))'")
        }
        var weight = 1.0
        if !cell(.weight).isEmpty {
            if let w = number(cell(.weight), line, .weight) {
                if w > 0 && w <= 1_000 {
                    weight = w
                } else {
                    report(line, .weight, ko: "가중치는 0 초과 1,000 이하여야 합니다", en: "A weight is above 0 and at most 1,000")
                }
            }
        }
        if let baseline, let target {
            if direction == .higher && target < baseline {
                report(line, .target, ko: "높을수록 좋은 지표의 목표값이 기준값보다 작습니다", en: "Higher is better, but the target is below the baseline")
            }
            if direction == .lower && target > baseline {
                report(line, .target, ko: "낮을수록 좋은 지표의 목표값이 기준값보다 큽니다", en: "Lower is better, but the target is above the baseline")
            }
        }
        var source = IndicatorSource.manual
        let dataset = cell(.dataset)
        if !dataset.isEmpty {
            if let query = computedQuery(cell, line: line) { source = .dataset(slug: dataset, query: query) }
        } else {
            for column in [PlanFileColumn.aggregate, .valueColumn, .dateColumn] where !cell(column).isEmpty {
                report(line, .dataset, ko: "\(column.korean) 값이 있으나 데이터셋이 비어 있습니다", en: "\(column.english) is given but no dataset")
            }
        }
        if cell(.unit).count > 30 { report(line, .unit, ko: "30자 이하여야 합니다", en: "At most 30 characters") }
        guard let baseline, let target else { return nil }
        return PlanDraft.IndicatorDraft(
            name: name, unit: cell(.unit), baseline: baseline, target: target, direction: direction, weight: weight, source: source
        )
    }

    private mutating func computedQuery(_ cell: (PlanFileColumn) -> String, line: Int) -> AggregateQuery? {
        let aggregateText = cell(.aggregate)
        guard let function = Self.function(aggregateText) else {
            report(
                line, .aggregate, ko: "합계·평균·건수·최근값·고유값수·최솟값·최댓값 중 하나여야 합니다: '\(aggregateText)'",
                en: "Must be sum, mean, count, latest, distinct_count, min or max: '\(aggregateText)'")
            return nil
        }
        let valueColumn = cell(.valueColumn)
        if function != .count && valueColumn.isEmpty {
            report(line, .valueColumn, ko: "\(function.koreanName) 집계에는 값열이 필요합니다", en: "The \(function.rawValue) aggregate needs a value column")
            return nil
        }
        let dateColumn = cell(.dateColumn)
        guard !dateColumn.isEmpty else {
            report(line, .dateColumn, ko: "데이터셋 지표에는 날짜열이 필요합니다", en: "A dataset indicator needs a date column")
            return nil
        }
        guard let unit = Self.unit(cell(.period)) else {
            report(line, .period, ko: "월·분기·연 중 하나여야 합니다: '\(cell(.period))'", en: "Must be month, quarter or year: '\(cell(.period))'")
            return nil
        }
        var filters: [AggregateFilter] = []
        let filterColumn = cell(.filterColumn), filterValue = cell(.filterValue)
        if !filterColumn.isEmpty {
            filters.append(.equals(column: filterColumn, value: filterValue))
        } else if !filterValue.isEmpty {
            report(line, .filterColumn, ko: "조건값이 있으나 조건열이 비어 있습니다", en: "A filter value is given without a filter column")
        }
        let region = cell(.region)
        if !region.isEmpty {
            if region.count == 10 && region.allSatisfy(\.isASCII) && region.allSatisfy(\.isNumber) {
                filters.append(.region(code: region))
            } else {
                report(line, .region, ko: "10자리 행정동 코드여야 합니다: '\(region)'", en: "Must be a 10-digit 읍면동 code: '\(region)'")
            }
        }
        return AggregateQuery(
            measures: [.init(function, column: valueColumn.isEmpty ? nil : valueColumn)], filters: filters,
            period: .init(column: dateColumn, unit: unit))
    }

    /// An aggregate by its Korean or English name.
    public static func function(_ text: String) -> AggregateFunction? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "")
        return AggregateFunction.allCases.first { $0.rawValue == t || $0.koreanName.replacingOccurrences(of: " ", with: "") == t }
            ?? (t == "합" ? .sum : t == "개수" ? .count : t == "distinct" ? .distinctCount : nil)
    }

    /// A period unit by its Korean or English name (`월`, `월별`, `month` …).
    public static func unit(_ text: String) -> PeriodUnit? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "월", "월별", "month", "monthly": .month
        case "분기", "분기별", "quarter", "quarterly": .quarter
        case "연", "년", "연도별", "연간", "year", "yearly": .year
        default: nil
        }
    }
}
