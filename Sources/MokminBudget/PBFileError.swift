import MokminBase

/// One problem in a `.pb` file: the line it is on, the field (column or META key), and what is wrong.
public struct PBFileIssue: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var field: String
    public var message: LocalizedText

    public init(line: Int, field: String, message: LocalizedText) {
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String { "\(line)행 '\(field)': \(message.ko) / line \(line), field \(field): \(message.en)" }
}

/// A `.pb` file that cannot be read, with its problems (at most the first 100); nothing of it is used.
public struct PBFileError: BilingualError, Sendable {
    public var fileName: String
    public var issues: [PBFileIssue]

    public init(fileName: String, issues: [PBFileIssue]) {
        self.fileName = fileName
        self.issues = issues
    }

    public var message: LocalizedText {
        let shown = issues.prefix(20)
        let more = issues.count - shown.count
        return LocalizedText(
            ko: "\(fileName): 문제 \(issues.count)건으로 읽지 않았습니다.\n"
                + shown.map { "  \($0.line)행 '\($0.field)': \($0.message.ko)" }.joined(separator: "\n") + (more > 0 ? "\n  … 외 \(more)건" : ""),
            en: "\(fileName): \(issues.count) problem(s); the file was not read.\n"
                + shown.map { "  line \($0.line), field \($0.field): \($0.message.en)" }.joined(separator: "\n")
                + (more > 0 ? "\n  … and \(more) more" : ""))
    }
}
