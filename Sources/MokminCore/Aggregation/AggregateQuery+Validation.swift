import MokminBase

extension AggregateQuery {
    /// Checks the query against a version's columns: every label exists, numeric functions get numeric columns, the
    /// period column holds dates, and the query stays small. Throws a bilingual error naming the column and the problem.
    public func validate(columns: [DatasetColumn]) throws {
        func column(_ label: String, _ role: String, _ roleEnglish: String) throws -> DatasetColumn {
            guard let c = columns.first(where: { $0.label == label }) else {
                throw MokminError(
                    .invalidInput, ko: "\(role) '\(label)' 열이 없습니다 (있는 열: \(columns.map(\.label).joined(separator: ", ")))",
                    en: "No column '\(label)' for the \(roleEnglish) (columns: \(columns.map(\.label).joined(separator: ", ")))")
            }
            return c
        }
        guard !measures.isEmpty else { throw MokminError(.invalidInput, ko: "집계 항목이 없습니다", en: "No measure to compute") }
        guard measures.count <= Self.maxParts, filters.count <= Self.maxParts, groupBy.count <= Self.maxParts else {
            throw MokminError(
                .invalidInput, ko: "집계·조건·묶음은 각각 \(Self.maxParts)개까지입니다", en: "At most \(Self.maxParts) measures, filters and groupings each")
        }
        for measure in measures {
            guard let label = measure.column else {
                guard measure.function == .count else {
                    throw MokminError(
                        .invalidInput, ko: "\(measure.function.koreanName) 집계에는 열이 필요합니다", en: "The \(measure.function.rawValue) measure needs a column")
                }
                continue
            }
            let c = try column(label, "집계할", "measure")
            if measure.function.needsNumber && !c.type.isNumeric {
                throw MokminError(
                    .invalidInput, ko: "'\(label)' 열은 숫자가 아니어서 \(measure.function.koreanName)을(를) 구할 수 없습니다",
                    en: "Column '\(label)' is not numeric: no \(measure.function.rawValue)")
            }
        }
        if let period {
            let c = try column(period.column, "기간의 날짜", "period")
            guard c.type == .date || c.type == .dateTime else {
                throw MokminError(
                    .invalidInput, ko: "'\(period.column)' 열은 날짜가 아닙니다(\(c.type.koreanName))", en: "Column '\(period.column)' holds no dates (\(c.type.rawValue))")
            }
        }
        for label in groupBy { _ = try column(label, "묶을", "grouping") }
        for filter in filters {
            switch filter {
            case .equals(let label, let value):
                _ = try column(label, "조건", "filter")
                guard value.count <= 1_000 else { throw MokminError(.invalidInput, ko: "조건값은 1,000자까지입니다", en: "A filter value has at most 1,000 characters") }
            case .region(let code):
                guard (2...10).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    throw MokminError(.invalidInput, ko: "행정구역 코드는 2–10자리 숫자입니다: \(code)", en: "A region code has 2–10 digits: \(code)")
                }
            case .dateRange(let label, let from, let to):
                let c = try column(label, "날짜 조건", "date range")
                guard c.type == .date || c.type == .dateTime else {
                    throw MokminError(.invalidInput, ko: "'\(label)' 열은 날짜가 아닙니다", en: "Column '\(label)' holds no dates")
                }
                for bound in [from, to].compactMap({ $0 }) where LocalTime.day(parsing: bound) == nil || bound.count != 10 {
                    throw MokminError(.invalidInput, ko: "날짜 범위는 YYYY-MM-DD입니다: \(bound)", en: "A date range bound is YYYY-MM-DD: \(bound)")
                }
            }
        }
    }
}
