import MokminBase

/// The Pabulib `.pb` format (pabulib.org): sections META, PROJECTS and VOTES, each a header line then rows of
/// `;`-separated fields.
///
/// Read as pabutools 1.2.3 reads it: section names in any case, a UTF-8 byte-order mark and CRLF or CR line ends
/// ignored, fields trimmed, CSV quoting (`"a;b"`, `""` for a quote), `none` in any case for a missing value, `,` or
/// `.` as the decimal mark of costs and the budget, `choose-1` ballots as approval ballots. Stricter than pabutools
/// where it would crash or count nonsense: a vote for an unknown project, a project named twice on one ballot, points
/// that are not whole numbers or do not match the projects, a ballot over the META upper limits (the lower ones are left to `PBElection.validate()`), a duplicate project id and
/// `scoring` ballots are refused, each with its line and field.
public enum PBFile {
    /// Reads a `.pb` file. `fileName` only names the file in errors.
    public static func parse(_ text: String, fileName: String) throws(PBFileError) -> PBElection {
        var reader = Reader(fileName: fileName)
        return try reader.read(text)
    }

    /// Splits one line into trimmed fields as Python's csv reader with `;` does: a field that starts with `"` runs to
    /// the closing quote, `""` inside it is one quote.
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var fieldStart = true
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            current.append("\"")
                        } else {
                            inQuotes = false
                            pending = next
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == ";" {
                fields.append(current.trimmed)
                current = ""
                fieldStart = true
                continue
            } else if c == "\"" && fieldStart {
                inQuotes = true
            } else {
                current.append(c)
            }
            fieldStart = false
        }
        fields.append(current.trimmed)
        return fields
    }

    static func isNone(_ value: String) -> Bool { value.count == 4 && value.lowercased() == "none" }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

/// The reading state: the election built so far and every problem found.
private struct Reader {
    let fileName: String
    var issues: [PBFileIssue] = []
    var meta: [PBField] = []
    var metaLines: [String: Int] = [:]
    var projects: [PBProject] = []
    var projectLines: [String: Int] = [:]
    var projectColumns: [String] = []
    var voteColumns: [String] = []
    var rawBallots: [(line: Int, ballot: PBBallot)] = []

    init(fileName: String) { self.fileName = fileName }

    mutating func problem(_ line: Int, _ field: String, ko: String, en: String) {
        if issues.count < 100 { issues.append(PBFileIssue(line: line, field: field, message: LocalizedText(ko: ko, en: en))) }
    }

    mutating func read(_ text: String) throws(PBFileError) -> PBElection {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var section = ""
        var seen: [String: Int] = [:]
        var header: [String] = []
        var index = 0
        while index < lines.count {
            let number = index + 1
            let row = PBFile.fields(lines[index])
            index += 1
            if row.allSatisfy(\.isEmpty) { continue }
            let name = row[0].lowercased()
            if ["meta", "projects", "votes"].contains(name) {
                if seen[name] != nil { problem(number, name.uppercased(), ko: "같은 구역이 두 번 나옵니다", en: "the section appears twice") }
                seen[name] = number
                section = name
                guard index < lines.count else {
                    problem(number + 1, name.uppercased(), ko: "구역 머리글 줄이 없습니다", en: "the section's header line is missing")
                    break
                }
                header = PBFile.fields(lines[index])
                index += 1
                if section == "projects" { readProjectHeader(header, line: number + 1) }
                if section == "votes" { readVoteHeader(header, line: number + 1) }
                continue
            }
            switch section {
            case "meta": readMeta(row, line: number)
            case "projects": readProject(row, header: header, line: number)
            case "votes": readVote(row, header: header, line: number)
            default: problem(number, "-", ko: "META, PROJECTS, VOTES 구역 밖의 줄입니다", en: "a line outside the META, PROJECTS and VOTES sections")
            }
        }
        for name in ["meta", "projects", "votes"] where seen[name] == nil {
            problem(lines.count, name.uppercased(), ko: "\(name.uppercased()) 구역이 없습니다", en: "the \(name.uppercased()) section is missing")
        }
        let (budget, kind, rules) = readSettings()
        if let kind {
            let costs = Dictionary(projects.map { ($0.id, $0.cost) }, uniquingKeysWith: { first, _ in first })
            for (line, ballot) in rawBallots {
                for message in rules.problems(of: ballot, kind: kind, costs: costs, minimums: false) {
                    if issues.count < 100 { issues.append(PBFileIssue(line: line, field: "vote", message: message)) }
                }
            }
        }
        guard issues.isEmpty, let budget, let kind else { throw PBFileError(fileName: fileName, issues: issues) }
        let ballots = rawBallots.map(\.ballot)
        return PBElection(
            meta: meta, budget: budget, kind: kind, projects: projects, ballots: ballots, rules: rules,
            projectColumns: projectColumns, voteColumns: voteColumns)
    }

    mutating func readMeta(_ row: [String], line: Int) {
        guard row.count >= 2 else {
            problem(line, row[0], ko: "META 줄은 '키;값'입니다", en: "a META line is 'key;value'")
            return
        }
        if metaLines[row[0]] != nil { problem(line, row[0], ko: "META 키가 두 번 나옵니다", en: "the META key appears twice") }
        metaLines[row[0]] = line
        meta.append(PBField(row[0], row[1]))
    }

    mutating func readProjectHeader(_ header: [String], line: Int) {
        projectColumns = header
        if !header.contains("cost") { problem(line, "cost", ko: "PROJECTS 머리글에 cost 열이 없습니다", en: "the PROJECTS header has no cost column") }
    }

    mutating func readVoteHeader(_ header: [String], line: Int) {
        voteColumns = header
        if !header.contains("vote") { problem(line, "vote", ko: "VOTES 머리글에 vote 열이 없습니다", en: "the VOTES header has no vote column") }
    }

    mutating func readProject(_ row: [String], header: [String], line: Int) {
        guard row.count <= header.count else {
            problem(
                line, "-", ko: "필드가 \(row.count)개로 머리글(\(header.count)개)보다 많습니다", en: "\(row.count) fields, more than the header's \(header.count)")
            return
        }
        let idColumn = header.firstIndex(of: "project_id") ?? 0
        let id = row[idColumn]
        if id.isEmpty || PBFile.isNone(id) {
            problem(line, header[idColumn], ko: "사업 id가 비었습니다", en: "the project id is empty")
            return
        }
        if let first = projectLines[id] {
            problem(line, header[idColumn], ko: "사업 id '\(id)'가 \(first)행에도 있습니다", en: "project id '\(id)' also appears on line \(first)")
            return
        }
        projectLines[id] = line
        var cost = Rational.zero
        var name: String? = nil
        var extra: [PBField] = []
        for (column, value) in zip(header, row) where column != header[idColumn] && !PBFile.isNone(value) {
            switch column {
            case "cost":
                if let parsed = Rational(decimal: value), !parsed.isNegative {
                    cost = parsed
                } else {
                    problem(line, "cost", ko: "'\(value)'은(는) 0 이상의 수가 아닙니다", en: "'\(value)' is not a number of at least 0")
                }
            case "name": name = value
            default: extra.append(PBField(column, value))
            }
        }
        if let costColumn = header.firstIndex(of: "cost"), costColumn >= row.count || PBFile.isNone(row[costColumn]) {
            problem(line, "cost", ko: "비용이 없습니다", en: "the cost is missing")
        }
        projects.append(PBProject(id: id, cost: cost, name: name, extra: extra))
    }

    mutating func readVote(_ row: [String], header: [String], line: Int) {
        guard row.count <= header.count else {
            problem(
                line, "-", ko: "필드가 \(row.count)개로 머리글(\(header.count)개)보다 많습니다", en: "\(row.count) fields, more than the header's \(header.count)")
            return
        }
        var ballot = PBBallot(voterID: "", projects: [])
        for (column, value) in zip(header, row) where !PBFile.isNone(value) {
            switch column {
            case "voter_id": ballot.voterID = value
            case "vote":
                ballot.projects = value.isEmpty ? [] : value.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmed }
            case "points":
                var points: [Int] = []
                for piece in value.isEmpty ? [] : value.split(separator: ",", omittingEmptySubsequences: false) {
                    let text = String(piece).trimmed
                    if let p = Int(text) {
                        points.append(p)
                    } else {
                        problem(line, "points", ko: "'\(text)'은(는) 정수가 아닙니다", en: "'\(text)' is not a whole number")
                    }
                }
                ballot.points = points
            default: ballot.extra.append(PBField(column, value))
            }
        }
        // pabutools skips empty names in approval and ordinal votes ("1,,2"); an empty name stays wrong in cumulative ones.
        if ballot.points == nil { ballot.projects.removeAll(where: \.isEmpty) }
        rawBallots.append((line, ballot))
    }

    /// The budget, the ballot kind and the ballot rules from META, each refused with the line it is on.
    mutating func readSettings() -> (Rational?, PBBallotKind?, PBBallotRules) {
        var budget: Rational? = nil
        if let text = meta["budget"] {
            if let value = Rational(decimal: text), !value.isNegative {
                budget = value
            } else {
                problem(metaLines["budget"] ?? 0, "budget", ko: "'\(text)'은(는) 0 이상의 수가 아닙니다", en: "'\(text)' is not a number of at least 0")
            }
        } else {
            problem(metaLines.values.max() ?? 1, "budget", ko: "META에 budget이 없습니다", en: "META has no budget")
        }
        var kind: PBBallotKind? = nil
        if let text = meta["vote_type"] {
            kind = PBBallotKind(rawValue: text.lowercased())
            if kind == nil {
                problem(
                    metaLines["vote_type"] ?? 0, "vote_type", ko: "지원하지 않는 투표 방식 '\(text)'(approval, choose-1, cumulative, ordinal)",
                    en: "unsupported vote_type '\(text)' (approval, choose-1, cumulative or ordinal)")
            }
        } else {
            problem(metaLines.values.max() ?? 1, "vote_type", ko: "META에 vote_type이 없습니다", en: "META has no vote_type")
        }
        var rules = PBBallotRules()
        func whole(_ key: String) -> Int? {
            guard let text = meta[key], !PBFile.isNone(text) else { return nil }
            if let value = Int(text) { return value }
            problem(metaLines[key] ?? 0, key, ko: "'\(text)'은(는) 정수가 아닙니다", en: "'\(text)' is not a whole number")
            return nil
        }
        func amount(_ key: String) -> Rational? {
            guard let text = meta[key], !PBFile.isNone(text) else { return nil }
            if let value = Rational(decimal: text) { return value }
            problem(metaLines[key] ?? 0, key, ko: "'\(text)'은(는) 수가 아닙니다", en: "'\(text)' is not a number")
            return nil
        }
        rules.minLength = whole("min_length")
        rules.maxLength = whole("max_length")
        rules.minSumCost = amount("min_sum_cost")
        rules.maxSumCost = amount("max_sum_cost")
        rules.minPoints = whole("min_points")
        rules.maxPoints = whole("max_points")
        rules.minSumPoints = whole("min_sum_points")
        rules.maxSumPoints = whole("max_sum_points")
        return (budget, kind, rules)
    }
}
