import Foundation
import MokminBase
import MokminCore
import MokminIngest
import MokminPlan

extension PlanService {
    /// The columns of an evaluation file: area, indicator number, indicator, points, evidence wanted (Korean or English).
    static let frameworkColumns: [(key: String, names: [String], required: Bool)] = [
        ("area", ["평가영역", "area"], true), ("code", ["지표번호", "code"], true), ("title", ["평가지표", "indicator", "title"], true),
        ("points", ["배점", "points"], true), ("evidence", ["증빙", "요구 증빙", "evidence"], false),
    ]

    /// Reads an evaluation framework (one row per indicator, areas in the order they first appear), naming every bad
    /// cell with its line and column.
    public static func readFrameworkFile(_ file: URL, fileName: String, year: Int, title: String) throws -> FrameworkDraft {
        guard let format = SourceFormat.guess(fileName: fileName), [.csv, .tsv, .xlsx].contains(format) else {
            throw MokminError(.invalidInput, ko: "\(fileName): CSV, TSV, XLSX 파일만 받습니다", en: "\(fileName): only CSV, TSV and XLSX files are taken")
        }
        var reader = try Readers.open(file, options: ReaderOptions(format: format))
        var index: [String: Int] = [:]
        var issues: [PlanFileIssue] = []
        for column in frameworkColumns {
            if let i = reader.header.firstIndex(where: { name in column.names.contains { $0.caseInsensitiveCompare(name) == .orderedSame } }) {
                index[column.key] = i
            } else if column.required {
                issues.append(
                    PlanFileIssue(line: 1, column: column.names[0], message: LocalizedText(ko: "필수 열이 없습니다", en: "Required column missing")))
            }
        }
        if !issues.isEmpty { throw PlanFileError(fileName: fileName, issues: issues) }
        var areas: [(title: String, indicators: [FrameworkDraft.IndicatorDraft])] = []
        var codes: Set<String> = []
        while let row = try reader.next() {
            func cell(_ key: String) -> String {
                guard let i = index[key], i < row.fields.count else { return "" }
                return (row.fields[i] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            }
            func bad(_ key: String, _ ko: String, _ en: String) {
                let name = frameworkColumns.first { $0.key == key }.flatMap { c in index[key].map { reader.header[$0] } ?? c.names.first } ?? key
                issues.append(PlanFileIssue(line: row.line, column: name, message: LocalizedText(ko: ko, en: en)))
            }
            let area = cell("area"), code = cell("code"), name = cell("title")
            if area.isEmpty || area.count > 200 { bad("area", "1–200자여야 합니다", "Must have 1–200 characters") }
            if code.isEmpty || code.count > 20 { bad("code", "1–20자여야 합니다", "Must have 1–20 characters") }
            if !codes.insert(code).inserted { bad("code", "같은 지표번호가 앞에 있습니다: \(code)", "The number appears earlier: \(code)") }
            if name.isEmpty || name.count > 300 { bad("title", "1–300자여야 합니다", "Must have 1–300 characters") }
            let points = Double(cell("points"))
            if points == nil || !(0...1000).contains(points!) {
                bad("points", "배점은 0–1000의 수입니다: '\(cell("points"))'", "Points are a number 0–1000: '\(cell("points"))'")
            }
            let indicator = FrameworkDraft.IndicatorDraft(
                code: code, title: name, points: points ?? 0, evidence: String(cell("evidence").prefix(1000)))
            if let i = areas.firstIndex(where: { $0.title == area }) {
                areas[i].indicators.append(indicator)
            } else {
                areas.append((area, [indicator]))
            }
        }
        if !reader.issues.isEmpty {
            issues += reader.issues.map { PlanFileIssue(line: $0.line, column: $0.column ?? "", message: $0.reason) }
        }
        if areas.isEmpty { issues.append(PlanFileIssue(line: 2, column: "", message: LocalizedText(ko: "지표가 없습니다", en: "No indicators"))) }
        if !issues.isEmpty { throw PlanFileError(fileName: fileName, issues: issues) }
        return FrameworkDraft(year: year, title: title, areas: areas)
    }
}
