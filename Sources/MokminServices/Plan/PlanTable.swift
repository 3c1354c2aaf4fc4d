/// A table the plan is exported as (the task list, a period's results): a sheet name, a header and rows of text,
/// written as CSV or XLSX by ``PlanService``.
public struct PlanTable: Sendable, Hashable {
    public var sheet: String
    public var header: [String]
    public var rows: [[String]]

    public init(sheet: String, header: [String], rows: [[String]]) {
        self.sheet = sheet
        self.header = header
        self.rows = rows
    }
}
