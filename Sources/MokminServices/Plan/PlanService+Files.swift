import Foundation
import MokminBase
import MokminCore
import MokminIngest
import MokminPlan
import MokminStore

extension PlanService {
    /// Reads a task file (CSV, TSV or XLSX, by its name) and stores it into the plan `plan` (created when missing), in
    /// one transaction; then computes the plan's dataset indicators. Every bad cell is named with its line and column,
    /// and nothing is stored when any is bad. The planning office only.
    public func importTasks(_ file: URL, fileName: String, into plan: NewPlan, actor: PlanActor) async throws -> (
        PlanImportSummary, problems: [String]
    ) {
        try await requirePlanner(actor)
        // Reading (XLSX inflates, CSV may be CP949) is blocking work: on a thread of its own, as imports are.
        let draft = try await OwnThread.run(name: "mokmin-plan-file") { try Self.readTaskFile(file, fileName: fileName) }
        let summary = try await store.store(draft, into: plan, audit: Self.audit(actor, "plan.import"))
        let problems = await recomputeAll(try await snapshot(summary.planID))
        return (summary, problems)
    }

    /// Stores a draft made in code (the demo's plan), as ``importTasks(_:fileName:into:actor:)`` stores a file's.
    public func store(_ draft: PlanDraft, into plan: NewPlan, actor: PlanActor) async throws -> PlanImportSummary {
        try await requirePlanner(actor)
        return try await store.store(draft, into: plan, audit: Self.audit(actor, "plan.import"))
    }

    /// The draft a task file holds, or a ``PlanFileError`` naming every bad cell.
    public static func readTaskFile(_ file: URL, fileName: String) throws -> PlanDraft {
        guard let format = SourceFormat.guess(fileName: fileName), [.csv, .tsv, .xlsx].contains(format) else {
            throw MokminError(.invalidInput, ko: "\(fileName): CSV, TSV, XLSX 파일만 받습니다", en: "\(fileName): only CSV, TSV and XLSX files are taken")
        }
        var reader = try Readers.open(file, options: ReaderOptions(format: format))
        var rows: [(line: Int, cells: [String])] = []
        while let row = try reader.next() {
            rows.append((row.line, row.fields.map { $0 ?? "" }))
            if rows.count > 20_000 {
                throw MokminError(.invalidInput, ko: "\(fileName): 행이 너무 많습니다(20,000행까지)", en: "\(fileName): too many rows (at most 20,000)")
            }
        }
        if !reader.issues.isEmpty {
            throw PlanFileError(
                fileName: fileName, issues: reader.issues.map { PlanFileIssue(line: $0.line, column: $0.column ?? "", message: $0.reason) })
        }
        var parser = PlanFileParser(fileName: fileName)
        return try parser.parse(header: reader.header, rows: rows)
    }

    /// The plan as a task file (the columns ``PlanFileParser`` reads): importing it again changes nothing.
    public func taskTable(_ snapshot: PlanSnapshot) -> PlanTable {
        let columns = PlanFileColumn.allCases
        let areaTitle = Dictionary(uniqueKeysWithValues: snapshot.areas.map { ($0.id, $0.title) })
        let evaluationCode = Dictionary(uniqueKeysWithValues: (snapshot.framework?.indicators ?? []).map { ($0.id, $0.code) })
        var rows: [[String]] = []
        for task in snapshot.tasks {
            let indicators = snapshot.indicators[task.id] ?? []
            for (i, indicator) in (indicators.isEmpty ? [nil] : indicators.map(Optional.some)).enumerated() {
                var cells: [PlanFileColumn: String] = [.code: task.code]
                if i == 0 {
                    cells[.area] = areaTitle[task.areaID] ?? ""
                    cells[.title] = task.title
                    cells[.department] = snapshot.department(task.departmentID)?.name ?? ""
                    cells[.manager] = task.manager
                    cells[.description] = task.description
                    cells[.start] = task.start
                    cells[.end] = task.end
                    cells[.budget] = task.budget.map(String.init) ?? ""
                    cells[.milestones] = (snapshot.milestones[task.id] ?? []).map { m in
                        "\(m.due) \(m.title)" + (m.doneOn.map { " (완료 \($0))" } ?? "")
                    }.joined(separator: "; ")
                    cells[.evaluation] = (snapshot.serves[task.id] ?? []).compactMap { evaluationCode[$0] }.sorted().joined(separator: "; ")
                }
                if let indicator {
                    cells[.indicator] = indicator.name
                    cells[.unit] = indicator.unit
                    cells[.baseline] = Self.number(indicator.baseline)
                    cells[.target] = Self.number(indicator.target)
                    cells[.direction] = indicator.direction == .higher ? "높을수록" : "낮을수록"
                    cells[.weight] = Self.number(indicator.weight)
                    if case .dataset(let slug, let query) = indicator.source, let measure = query.measures.first {
                        cells[.dataset] = slug
                        cells[.aggregate] = measure.function.koreanName
                        cells[.valueColumn] = measure.column ?? ""
                        cells[.dateColumn] = query.period?.column ?? ""
                        cells[.period] = query.period?.unit.koreanName ?? ""
                        for filter in query.filters {
                            switch filter {
                            case .equals(let column, let value): (cells[.filterColumn], cells[.filterValue]) = (column, value)
                            case .region(let code): cells[.region] = code
                            case .dateRange: break
                            }
                        }
                    }
                }
                rows.append(columns.map { cells[$0] ?? "" })
            }
        }
        return PlanTable(sheet: "과제목록", header: columns.map(\.korean), rows: rows)
    }

    /// A period's results, one row per task and indicator: status, progress, the current value and where it came from,
    /// and the report's text.
    public func resultsTable(_ snapshot: PlanSnapshot, period: Period, today: String) -> PlanTable {
        let asOf = PlanSnapshot.asOf(period, today: today)
        let assessments = snapshot.assessments(asOf: asOf)
        let areaTitle = Dictionary(uniqueKeysWithValues: snapshot.areas.map { ($0.id, $0.title) })
        let header = [
            "역점분야", "과제번호", "과제명", "담당부서", "상태", "진척도(%)", "기대 진척도(%)", "보고 상태", "성과지표", "단위", "기준값", "목표값", "현재값", "값의 기간", "값의 출처",
            "추진실적", "문제점", "향후계획",
        ]
        var rows: [[String]] = []
        for task in snapshot.tasks {
            guard let a = assessments[task.id] else { continue }
            let report = snapshot.reports[task.id]?.first { $0.period == period }
            let common = [
                areaTitle[task.areaID] ?? "", task.code, task.title, snapshot.department(task.departmentID)?.name ?? "", a.status.koreanName,
                a.progress.map { Self.number(($0 * 1000).rounded() / 10) } ?? "", Self.number((a.expected * 1000).rounded() / 10),
                report?.status.koreanName ?? "미작성",
            ]
            let text = [report?.narrative ?? "", report?.issues ?? "", report?.nextSteps ?? ""]
            if a.indicators.isEmpty {
                rows.append(common + ["", "", "", "", "", "", ""] + text)
            }
            for state in a.indicators {
                let source: String
                if let version = state.value?.datasetVersionNumber, let slug = state.indicator.source.datasetSlug {
                    source = "\(slug) v\(version)"
                } else {
                    source = state.value == nil ? "" : "보고"
                }
                rows.append(
                    common + [
                        state.indicator.name, state.indicator.unit, Self.number(state.indicator.baseline), Self.number(state.indicator.target),
                        state.value.map { Self.number($0.value) } ?? "", state.value?.period.description ?? "", source,
                    ] + text)
            }
        }
        return PlanTable(sheet: "\(period) 실적", header: header, rows: rows)
    }

    /// A number as a sheet shows it: no trailing `.0`, no exponent for ordinary sizes.
    public static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }

    /// The table as CSV (UTF-8 with BOM).
    public static func csv(_ table: PlanTable) -> Data { CSVWriter.data(header: table.header, rows: table.rows) }
}

extension PlanService {
    /// The table as an XLSX workbook of one sheet: numbers where a cell reads as one, text otherwise.
    public static func xlsx(_ table: PlanTable) throws -> Data {
        var writer = XLSXWriter()
        writer.addSheet(
            name: table.sheet,
            rows: [table.header.map(XLSXWriter.Cell.text)]
                + table.rows.map { row in
                    row.map { cell in
                        // A cell becomes a number only when that number prints back as the same text, so every cell
                        // reads back as written (1-1, 007, 1.50 and +3 stay text).
                        if let n = Double(cell), n.isFinite, Self.number(n) == cell {
                            return .number(n)
                        }
                        return cell.isEmpty ? .empty : .text(cell)
                    }
                })
        return try writer.data()
    }
}
