import Foundation
import MokminBase

/// What an administrator fills in to open a round; `validated()` checks every field.
public struct NewRound: Sendable, Hashable {
    public static let rules = ["greedy", "mes", "mes-add1", "mes-add1-greedy", "mes-step"]
    public static let maxBudget: Int64 = 1_000_000_000_000_000
    public var title: String
    public var description: String
    public var ballotKind: RoundBallotKind
    public var rule: String
    public var minProjects: Int
    public var maxProjects: Int?
    public var maxCost: Int64?
    public var maxPoints: Int?
    public var maxPointsPerProject: Int?
    public var minAge: Int
    public var votingOpensAt: Date
    public var votingClosesAt: Date
    public var districts: [NewDistrict]
    public var phase: RoundPhase
    public var isDemo: Bool

    public init(
        title: String, description: String = "", ballotKind: RoundBallotKind, rule: String, minProjects: Int = 0, maxProjects: Int? = nil,
        maxCost: Int64? = nil, maxPoints: Int? = nil, maxPointsPerProject: Int? = nil, minAge: Int = 0, votingOpensAt: Date, votingClosesAt: Date,
        districts: [NewDistrict], phase: RoundPhase = .proposals, isDemo: Bool = false
    ) {
        self.title = title
        self.description = description
        self.ballotKind = ballotKind
        self.rule = rule
        self.minProjects = minProjects
        self.maxProjects = maxProjects
        self.maxCost = maxCost
        self.maxPoints = maxPoints
        self.maxPointsPerProject = maxPointsPerProject
        self.minAge = minAge
        self.votingOpensAt = votingOpensAt
        self.votingClosesAt = votingClosesAt
        self.districts = districts
        self.phase = phase
        self.isDemo = isDemo
    }

    public func validated() throws -> NewRound {
        var r = self
        r.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        r.description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...300).contains(r.title.count) else {
            throw MokminError(.invalidInput, ko: "제목은 1–300자입니다", en: "The title has 1–300 characters")
        }
        guard r.description.count <= 10_000 else {
            throw MokminError(.invalidInput, ko: "설명은 10,000자까지입니다", en: "The description has at most 10,000 characters")
        }
        guard Self.rules.contains(rule) else {
            throw MokminError(.invalidInput, ko: "없는 선정 규칙입니다: \(rule.prefix(30))", en: "Unknown rule: \(rule.prefix(30))")
        }
        guard (0...100).contains(minProjects) else {
            throw MokminError(.invalidInput, ko: "최소 선택 수는 0–100입니다", en: "The fewest projects is 0–100")
        }
        if let maxProjects, !(max(1, minProjects)...100).contains(maxProjects) {
            throw MokminError(.invalidInput, ko: "최대 선택 수는 \(max(1, minProjects))–100입니다", en: "The most projects is \(max(1, minProjects))–100")
        }
        if let maxCost, !(1...Self.maxBudget).contains(maxCost) {
            throw MokminError(.invalidInput, ko: "비용 한도는 1원 이상입니다", en: "The cost cap is at least 1 won")
        }
        if ballotKind == .cumulative {
            guard let maxPoints, (1...1000).contains(maxPoints) else {
                throw MokminError(.invalidInput, ko: "점수 배분 투표에는 총점(1–1000)이 필요합니다", en: "A cumulative ballot needs its points (1–1000)")
            }
            if let per = maxPointsPerProject, !(1...maxPoints).contains(per) {
                throw MokminError(.invalidInput, ko: "사업당 최대 점수는 1–\(maxPoints)입니다", en: "The most points per project is 1–\(maxPoints)")
            }
        } else {
            r.maxPoints = nil
            r.maxPointsPerProject = nil
        }
        if ballotKind != .approval { r.maxCost = nil }
        guard (0...120).contains(minAge) else { throw MokminError(.invalidInput, ko: "최소 나이는 0–120세입니다", en: "The minimum age is 0–120") }
        guard votingClosesAt > votingOpensAt else {
            throw MokminError(.invalidInput, ko: "투표 마감은 시작보다 뒤여야 합니다", en: "Voting must close after it opens")
        }
        guard (1...50).contains(districts.count) else {
            throw MokminError(.invalidInput, ko: "권역은 1–50개입니다", en: "A round has 1–50 districts")
        }
        r.districts = try districts.map { try $0.validated() }
        guard Set(r.districts.map(\.name)).count == r.districts.count else {
            throw MokminError(.invalidInput, ko: "같은 이름의 권역이 두 개 있습니다", en: "Two districts have the same name")
        }
        guard r.districts.filter(\.isCityWide).count <= 1 else {
            throw MokminError(.invalidInput, ko: "시 전체 권역은 하나입니다", en: "A round has one city-wide pot")
        }
        var owner: [String: String] = [:]
        for d in r.districts {
            for area in d.areas {
                if let other = owner[area] {
                    throw MokminError(
                        .invalidInput, ko: "읍면동 \(area)이(가) '\(other)'과 '\(d.name)' 두 권역에 있습니다",
                        en: "The 읍면동 \(area) is in two districts: \(other) and \(d.name)")
                }
                owner[area] = d.name
            }
        }
        return r
    }
}

public struct NewDistrict: Sendable, Hashable {
    public var name: String
    public var budget: Int64
    public var isCityWide: Bool
    public var areas: [String]

    public init(name: String, budget: Int64, isCityWide: Bool = false, areas: [String] = []) {
        self.name = name
        self.budget = budget
        self.isCityWide = isCityWide
        self.areas = areas
    }

    public func validated() throws -> NewDistrict {
        var d = self
        d.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(d.name.count) else {
            throw MokminError(.invalidInput, ko: "권역 이름은 1–100자입니다", en: "A district name has 1–100 characters")
        }
        guard (1...NewRound.maxBudget).contains(budget) else {
            throw MokminError(.invalidInput, ko: "\(d.name): 예산은 1원 이상입니다", en: "\(d.name): the budget is at least 1 won")
        }
        d.areas = Array(Set(areas.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted()
        if let bad = d.areas.first(where: { $0.count != 10 || !$0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            throw MokminError(
                .invalidInput, ko: "\(d.name): 읍면동 코드는 숫자 10자리입니다: \(bad.prefix(20))", en: "\(d.name): a 읍면동 code has 10 digits: \(bad.prefix(20))")
        }
        if isCityWide {
            d.areas = []
        } else if d.areas.isEmpty {
            throw MokminError(.invalidInput, ko: "\(d.name): 읍면동을 하나 이상 지정하세요", en: "\(d.name): name at least one 읍면동")
        }
        return d
    }
}

/// A project proposed into a round (by officials, from a citizen proposal, or from an imported `.pb` file).
public struct NewProject: Sendable, Hashable {
    public var districtID: Int64
    public var code: String
    public var title: String
    public var description: String
    public var category: String
    public var emdCode: String?
    public var proposedCost: Int64
    public var proposalID: Int64?
    public var isDemo: Bool

    public init(
        districtID: Int64, code: String, title: String, description: String = "", category: String = "", emdCode: String? = nil,
        proposedCost: Int64, proposalID: Int64? = nil, isDemo: Bool = false
    ) {
        self.districtID = districtID
        self.code = code
        self.title = title
        self.description = description
        self.category = category
        self.emdCode = emdCode
        self.proposedCost = proposedCost
        self.proposalID = proposalID
        self.isDemo = isDemo
    }

    public func validated() throws -> NewProject {
        var p = self
        p.code = code.trimmingCharacters(in: .whitespaces)
        p.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        p.description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...40).contains(p.code.count), !p.code.contains(where: { $0 == ";" || $0 == "," || $0.isNewline }) else {
            throw MokminError(.invalidInput, ko: "사업 번호는 1–40자이고 ; , 를 쓸 수 없습니다", en: "A project code has 1–40 characters without ; or ,")
        }
        guard (1...200).contains(p.title.count) else {
            throw MokminError(.invalidInput, ko: "사업명은 1–200자입니다", en: "A project title has 1–200 characters")
        }
        guard p.description.count <= 10_000, category.count <= 50 else {
            throw MokminError(.invalidInput, ko: "설명은 10,000자, 분야는 50자까지입니다", en: "At most 10,000 characters of description and 50 of category")
        }
        guard (1...NewRound.maxBudget).contains(proposedCost) else {
            throw MokminError(.invalidInput, ko: "사업비는 1원 이상입니다", en: "A project costs at least 1 won")
        }
        return p
    }
}
