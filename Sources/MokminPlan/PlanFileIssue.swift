import MokminBase

/// One problem in a plan file: the line and column it is on, and what is wrong.
public struct PlanFileIssue: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    /// The column's header as the file wrote it (or the expected header when it is missing).
    public var column: String
    public var message: LocalizedText

    public init(line: Int, column: String, message: LocalizedText) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line)행 '\(column)' 열: \(message.ko) / line \(line), column '\(column)': \(message.en)" }
}

/// A plan file that cannot be stored, with every problem found (nothing of it is stored).
public struct PlanFileError: BilingualError, Sendable {
    public var fileName: String
    public var issues: [PlanFileIssue]

    public init(fileName: String, issues: [PlanFileIssue]) {
        self.fileName = fileName
        self.issues = issues
    }

    public var message: LocalizedText {
        let shown = issues.prefix(20)
        let more = issues.count - shown.count
        return LocalizedText(
            ko: "\(fileName): 오류 \(issues.count)건으로 아무것도 저장하지 않았습니다.\n"
                + shown.map { "  \($0.line)행 '\($0.column)' 열: \($0.message.ko)" }.joined(separator: "\n") + (more > 0 ? "\n  … 외 \(more)건" : ""),
            en: "\(fileName): \(issues.count) problem(s); nothing was stored.\n"
                + shown.map { "  line \($0.line), column '\($0.column)': \($0.message.en)" }.joined(separator: "\n")
                + (more > 0 ? "\n  … and \(more) more" : ""))
    }
}
