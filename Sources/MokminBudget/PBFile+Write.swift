extension PBFile {
    /// Writes an election as a `.pb` file (LF line ends, `.` as the decimal mark) that `parse` reads back to an equal
    /// election. META keeps its lines and order; `budget`, `vote_type` and the ballot limits are brought up to date
    /// (a line whose text already means the current value is left as written). Missing values are written `none`;
    /// a field with `;`, a quote or a line break is quoted (line breaks become spaces).
    public static func write(_ election: PBElection) -> String {
        var meta = election.meta
        func set(_ key: String, _ value: String?, same: (String) -> Bool) {
            if let index = meta.firstIndex(where: { $0.key == key }) {
                if let value {
                    if !same(meta[index].value) { meta[index].value = value }
                } else {
                    meta.remove(at: index)
                }
            } else if let value {
                meta.append(PBField(key, value))
            }
        }
        func amount(_ value: Rational?) -> String? { value.map(decimalText) }
        set("budget", decimalText(election.budget)) { Rational(decimal: $0) == election.budget }
        set("vote_type", election.kind.rawValue) { PBBallotKind(rawValue: $0.lowercased()) == election.kind }
        let r = election.rules
        let wholes: [(String, Int?)] = [
            ("min_length", r.minLength), ("max_length", r.maxLength), ("min_points", r.minPoints), ("max_points", r.maxPoints),
            ("min_sum_points", r.minSumPoints), ("max_sum_points", r.maxSumPoints),
        ]
        for (key, value) in wholes { set(key, value.map(String.init)) { Int($0) == value } }
        set("min_sum_cost", amount(r.minSumCost)) { Rational(decimal: $0) == r.minSumCost }
        set("max_sum_cost", amount(r.maxSumCost)) { Rational(decimal: $0) == r.maxSumCost }

        var out = "META\nkey;value\n"
        for field in meta { out += row([field.key, field.value]) }
        out += "PROJECTS\n" + row(election.projectColumns)
        let idColumn = election.projectColumns.firstIndex(of: "project_id") ?? 0
        for project in election.projects {
            out += row(
                election.projectColumns.enumerated().map { index, column in
                    if index == idColumn { return project.id }
                    switch column {
                    case "cost": return decimalText(project.cost)
                    case "name": return project.name ?? "none"
                    default: return project.extra[column] ?? "none"
                    }
                })
        }
        out += "VOTES\n" + row(election.voteColumns)
        for ballot in election.ballots {
            // An empty cumulative ballot is `none;none`: pabutools reads an empty `points` field as one empty value.
            let empty = ballot.projects.isEmpty && election.kind == .cumulative
            out += row(
                election.voteColumns.map { column in
                    switch column {
                    case "voter_id": return ballot.voterID
                    case "vote": return empty ? "none" : ballot.projects.joined(separator: ",")
                    case "points": return empty ? "none" : (ballot.points ?? []).map(String.init).joined(separator: ",")
                    default: return ballot.extra[column] ?? "none"
                    }
                })
        }
        return out
    }

    /// The shortest exact decimal, or ten digits after the point for a value without one (never from a parsed file).
    static func decimalText(_ value: Rational) -> String { value.exactDecimalString ?? value.decimalString(scale: 10) }

    static func row(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ";") + "\n"
    }

    static func quoted(_ field: String) -> String {
        var text = field
        if text.contains(where: \.isNewline) { text = String(text.map { $0.isNewline ? " " : $0 }) }
        guard text.contains(";") || text.contains("\"") else { return text }
        return "\"" + text.replacingQuotes() + "\""
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for c in self { out += c == "\"" ? "\"\"" : String(c) }
        return out
    }
}
