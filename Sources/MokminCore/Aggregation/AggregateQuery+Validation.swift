import MokminBase

extension AggregateQuery {
    /// Checks the query against a version's columns, throwing an ``MokminError/Kind/invalidInput`` error that names
    /// the column (in Korean and English) and what is wrong with it, at the first problem:
    ///
    /// - at least one measure, and at most ``maxParts`` measures, filters and group columns each;
    /// - every column named (by its label) is one of `columns`;
    /// - sum, mean, min and max take a numeric column; distinct count and latest take any column; count takes a
    ///   column (counting the rows that have a value in it) or none; every other function needs one;
    /// - the period column, and a date range's column, is a `date` or `dateTime` column;
    /// - a region code has 2 to 10 digits; a date range's bounds are `YYYY-MM-DD` days, the first not after the last.
    public func validate(columns: [DatasetColumn]) throws(MokminError) {
        guard !measures.isEmpty else {
            throw Self.invalid(ko: "집계할 값(measures)이 없습니다: 하나 이상 지정하세요.", en: "The query has no measures: give at least one.")
        }
        for (count, ko, en) in [
            (measures.count, "집계할 값(measures)", "measures"), (filters.count, "필터(filters)", "filters"),
            (groupBy.count, "묶을 열(groupBy)", "group columns (groupBy)"),
        ]
        where count > Self.maxParts {
            throw Self.invalid(
                ko: "\(ko): \(Self.maxParts)개까지입니다 (\(count)개).", en: "At most \(Self.maxParts) \(en) are allowed; the query has \(count).")
        }
        func column(_ label: String) throws(MokminError) -> DatasetColumn {
            guard let column = columns.first(where: { $0.label == label }) else {
                let list = columns.map(\.label).joined(separator: ", ")
                throw Self.invalid(ko: "'\(label)' 열이 없습니다 (있는 열: \(list)).", en: "No column '\(label)' (columns: \(list)).")
            }
            return column
        }
        for measure in measures {
            let function = measure.function
            guard let label = measure.column else {
                guard function == .count else {
                    throw Self.invalid(
                        ko: "\(function.koreanName)(\(function.rawValue))에는 집계할 열이 필요합니다.",
                        en: "\(function.rawValue) needs a column.")
                }
                continue
            }
            let c = try column(label)
            if function.needsNumber, !c.type.isNumeric {
                throw Self.invalid(
                    ko: "'\(label)' 열은 숫자가 아니어서 \(function.koreanName)(\(function.rawValue))에 쓸 수 없습니다 (\(c.type.koreanName) 열).",
                    en: "\(function.rawValue) needs a numeric column: '\(label)' is a \(c.type.rawValue) column.")
            }
        }
        if let period {
            let c = try column(period.column)
            guard c.type == .date || c.type == .dateTime else {
                throw Self.invalid(
                    ko: "기간으로 묶을 '\(c.label)' 열은 날짜가 아닙니다 (\(c.type.koreanName) 열): 날짜 또는 날짜·시각 열이어야 합니다.",
                    en: "The period column '\(c.label)' must be a date or dateTime column; it is a \(c.type.rawValue) column.")
            }
        }
        for label in groupBy { _ = try column(label) }
        for filter in filters {
            switch filter {
            case .equals(let label, _):
                _ = try column(label)
            case .region(let code):
                guard (2...10).contains(code.utf8.count), code.utf8.allSatisfy({ (48...57).contains($0) }) else {
                    throw Self.invalid(
                        ko: "지역 코드는 2–10자리 숫자여야 합니다: '\(code)'.", en: "The region code '\(code)' must be 2 to 10 digits.")
                }
            case .dateRange(let label, let from, let to):
                let c = try column(label)
                guard c.type == .date || c.type == .dateTime else {
                    throw Self.invalid(
                        ko: "기간 필터의 '\(label)' 열은 날짜가 아닙니다 (\(c.type.koreanName) 열): 날짜 또는 날짜·시각 열이어야 합니다.",
                        en: "The date range column '\(label)' must be a date or dateTime column; it is a \(c.type.rawValue) column.")
                }
                for (bound, ko, en) in [(from, "시작(from)", "start (from)"), (to, "끝(to)", "end (to)")] {
                    if let bound, Self.day(bound) == nil {
                        throw Self.invalid(
                            ko: "'\(label)' 열 기간의 \(ko)은 YYYY-MM-DD 형식의 날짜여야 합니다: '\(bound)'.",
                            en: "The \(en) of the date range on '\(label)' must be a YYYY-MM-DD day; got '\(bound)'.")
                    }
                }
                if let from, let to, from > to {
                    throw Self.invalid(
                        ko: "'\(label)' 열 기간의 시작(from) \(from)이 끝(to) \(to)보다 늦습니다.",
                        en: "The date range on '\(label)' starts (from) \(from) after it ends (to) \(to).")
                }
            }
        }
    }

    /// The day number of `text` when it is a real day written exactly `YYYY-MM-DD`, else nil.
    static func day(_ text: String) -> Int? {
        guard let day = LocalTime.day(parsing: text), LocalTime.isoString(ofDay: day) == text else { return nil }
        return day
    }

    private static func invalid(ko: String, en: String) -> MokminError { MokminError(.invalidInput, ko: ko, en: en) }
}
