/// The errors of ``ReaderLimits``' bounds that more than one reader raises, worded once.
extension ReadError {
    /// More columns than a dataset can hold, found at `line` (the header's line, or the JSON record whose keys
    /// brought the count past the bound).
    static func tooManyColumns(file: String, line: Int, count: Int) -> ReadError {
        let found = LimitText.count(count), limit = LimitText.count(ReaderLimits.maxColumns)
        let table = LimitText.count(ReaderLimits.sqliteMaxColumns), hidden = ReaderLimits.internalColumns.count
        return ReadError(
            .tooManyColumns, file: file, line: line,
            ko: "열이 \(found)개입니다. 데이터셋에는 열을 \(limit)개까지 담을 수 있습니다 (SQLite 표의 열 \(table)개 중 \(hidden)개는 내부 열입니다)",
            en: "has \(found) columns; a dataset holds at most \(limit) (SQLite's \(table) columns per table, less \(hidden) internal ones)")
    }

    /// A record longer than `limit` bytes, starting at `line`; `what` names the record in both languages (the Korean
    /// with its subject particle: "레코드가").
    static func recordTooLarge(file: String, line: Int?, limit: Int, what: (ko: String, en: String), hint: (ko: String, en: String)? = nil)
        -> ReadError
    {
        let size = LimitText.bytes(limit)
        return ReadError(
            .recordTooLarge, file: file, line: line,
            ko: "\(what.ko) \(size.ko)를 넘습니다" + (hint.map { ". " + $0.ko } ?? ""),
            en: "\(what.en) is longer than \(size.en)" + (hint.map { "; " + $0.en } ?? ""))
    }
}
