import Foundation
import MokminBase

/// Where a poll or a round is in time.
public enum VoteState: String, Sendable {
    case upcoming
    case open
    case closed
}

/// A policy vote (세종의 뜻): a question with options, open between two times, for the residents of some 읍면동 above an
/// age, its results sealed until it closes or shown live, and an official answer once enough residents took part.
public struct Poll: Sendable, Hashable {
    public var id: Int64
    public var question: String
    public var description: String
    public var multipleChoice: Bool
    public var maxChoices: Int
    public var opensAt: Date
    public var closesAt: Date
    public var minAge: Int
    public var liveResults: Bool
    /// A named (open) poll keeps who chose what; declared at creation and never changed.
    public var isNamed: Bool
    public var answerThreshold: Int?
    public var answer: String?
    public var answeredAt: Date?
    public var answeredBy: String?
    /// The 읍면동 codes whose residents may vote; empty: every resident.
    public var areas: [String]
    public var options: [PollOption]
    public var createdBy: String
    public var isDemo: Bool
    /// How many residents have voted.
    public var participants: Int

    public init(
        id: Int64, question: String, description: String, multipleChoice: Bool, maxChoices: Int, opensAt: Date, closesAt: Date,
        minAge: Int, liveResults: Bool, isNamed: Bool, answerThreshold: Int?, answer: String?, answeredAt: Date?, answeredBy: String?,
        areas: [String], options: [PollOption], createdBy: String, isDemo: Bool, participants: Int
    ) {
        self.id = id
        self.question = question
        self.description = description
        self.multipleChoice = multipleChoice
        self.maxChoices = maxChoices
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.minAge = minAge
        self.liveResults = liveResults
        self.isNamed = isNamed
        self.answerThreshold = answerThreshold
        self.answer = answer
        self.answeredAt = answeredAt
        self.answeredBy = answeredBy
        self.areas = areas
        self.options = options
        self.createdBy = createdBy
        self.isDemo = isDemo
        self.participants = participants
    }

    public func state(at now: Date) -> VoteState {
        if now < opensAt { return .upcoming }
        return now < closesAt ? .open : .closed
    }

    /// Results are shown once the poll has closed, or while it runs when it was created with live results.
    public func resultsVisible(at now: Date) -> Bool {
        switch state(at: now) {
        case .upcoming: false
        case .open: liveResults
        case .closed: true
        }
    }

    /// An official answer is due when participation has reached the threshold and none has been posted.
    public var answerDue: Bool {
        guard let answerThreshold, answer == nil else { return false }
        return participants >= answerThreshold
    }

    /// Why `resident` may not vote at `now`, or nil when they may.
    public func refusal(for resident: Resident, at now: Date) -> MokminError? {
        switch state(at: now) {
        case .upcoming:
            return MokminError(.forbidden, ko: "아직 투표가 시작되지 않았습니다", en: "The vote has not opened yet")
        case .closed:
            return MokminError(.forbidden, ko: "투표가 마감되었습니다", en: "The vote has closed")
        case .open: break
        }
        if !areas.isEmpty, !areas.contains(resident.emdCode) {
            return MokminError(.forbidden, ko: "이 투표는 정해진 읍면동 주민만 참여할 수 있습니다", en: "Only residents of the poll's 읍면동 may vote")
        }
        let year = LocalTime(now).year
        if !resident.isAtLeast(minAge, inYear: year) {
            return MokminError(.forbidden, ko: "이 투표는 \(minAge)세 이상 주민만 참여할 수 있습니다", en: "Only residents aged \(minAge) or over may vote")
        }
        return nil
    }

    /// Checks a ballot's choices: known options, none twice, at least one, at most the poll's maximum.
    public func validate(choices: [Int64]) throws {
        guard !choices.isEmpty else {
            throw MokminError(.invalidInput, ko: "하나 이상 선택하세요", en: "Choose at least one option")
        }
        guard Set(choices).count == choices.count else {
            throw MokminError(.invalidInput, ko: "같은 항목을 두 번 고를 수 없습니다", en: "An option can be chosen once")
        }
        let limit = multipleChoice ? maxChoices : 1
        guard choices.count <= limit else {
            throw MokminError(.invalidInput, ko: "최대 \(limit)개까지 고를 수 있습니다", en: "Choose at most \(limit)")
        }
        let known = Set(options.map(\.id))
        guard choices.allSatisfy(known.contains) else {
            throw MokminError(.invalidInput, ko: "이 투표에 없는 항목입니다", en: "An option that is not in this poll")
        }
    }
}

public struct PollOption: Sendable, Hashable {
    public var id: Int64
    public var position: Int
    public var label: String

    public init(id: Int64, position: Int, label: String) {
        self.id = id
        self.position = position
        self.label = label
    }
}

/// What an administrator fills in to create a poll; `validated()` trims and checks every field.
public struct NewPoll: Sendable, Hashable {
    public static let maxOptions = 20
    public static let maxDays = 366
    public var question: String
    public var description: String
    public var options: [String]
    public var multipleChoice: Bool
    public var maxChoices: Int
    public var opensAt: Date
    public var closesAt: Date
    public var minAge: Int
    public var liveResults: Bool
    public var isNamed: Bool
    public var answerThreshold: Int?
    public var areas: [String]
    public var isDemo: Bool

    public init(
        question: String, description: String = "", options: [String], multipleChoice: Bool = false, maxChoices: Int = 1, opensAt: Date,
        closesAt: Date, minAge: Int = 0, liveResults: Bool = false, isNamed: Bool = false, answerThreshold: Int? = nil, areas: [String] = [],
        isDemo: Bool = false
    ) {
        self.question = question
        self.description = description
        self.options = options
        self.multipleChoice = multipleChoice
        self.maxChoices = maxChoices
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.minAge = minAge
        self.liveResults = liveResults
        self.isNamed = isNamed
        self.answerThreshold = answerThreshold
        self.areas = areas
        self.isDemo = isDemo
    }

    public func validated() throws -> NewPoll {
        var poll = self
        poll.question = question.trimmingCharacters(in: .whitespacesAndNewlines)
        poll.description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...300).contains(poll.question.count) else {
            throw MokminError(.invalidInput, ko: "질문은 1–300자입니다", en: "The question has 1–300 characters")
        }
        guard poll.description.count <= 10_000 else {
            throw MokminError(.invalidInput, ko: "설명은 10,000자까지입니다", en: "The description has at most 10,000 characters")
        }
        poll.options = options.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard (2...Self.maxOptions).contains(poll.options.count) else {
            throw MokminError(.invalidInput, ko: "선택지는 2–\(Self.maxOptions)개입니다", en: "A poll has 2–\(Self.maxOptions) options")
        }
        if let long = poll.options.first(where: { $0.count > 200 }) {
            throw MokminError(
                .invalidInput, ko: "선택지는 200자까지입니다: \(long.prefix(30))…", en: "An option has at most 200 characters: \(long.prefix(30))…")
        }
        guard Set(poll.options).count == poll.options.count else {
            throw MokminError(.invalidInput, ko: "같은 선택지가 두 번 있습니다", en: "Two options are the same")
        }
        if multipleChoice {
            guard (1...poll.options.count).contains(maxChoices) else {
                throw MokminError(
                    .invalidInput, ko: "최대 선택 수는 1–\(poll.options.count)입니다", en: "The most choices is 1–\(poll.options.count)")
            }
        } else {
            poll.maxChoices = 1
        }
        guard closesAt > opensAt else {
            throw MokminError(.invalidInput, ko: "마감 시각은 시작 시각보다 뒤여야 합니다", en: "The poll must close after it opens")
        }
        guard closesAt.timeIntervalSince(opensAt) <= Double(Self.maxDays) * 86_400 else {
            throw MokminError(.invalidInput, ko: "투표 기간은 \(Self.maxDays)일까지입니다", en: "A poll runs at most \(Self.maxDays) days")
        }
        guard (0...120).contains(minAge) else {
            throw MokminError(.invalidInput, ko: "최소 나이는 0–120세입니다", en: "The minimum age is 0–120")
        }
        if let answerThreshold, !(1...100_000_000).contains(answerThreshold) {
            throw MokminError(.invalidInput, ko: "답변 기준 인원은 1–100,000,000명입니다", en: "The answer threshold is 1–100,000,000")
        }
        poll.areas = Array(Set(areas.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted()
        if let bad = poll.areas.first(where: { $0.count != 10 || !$0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            throw MokminError(.invalidInput, ko: "읍면동 코드는 숫자 10자리입니다: \(bad.prefix(20))", en: "A 읍면동 code has 10 digits: \(bad.prefix(20))")
        }
        return poll
    }
}

/// A poll's counts: per option, and broken down by 읍면동 and age band (ballots, not residents, for multiple choice:
/// each ballot counts once per option chosen).
public struct PollResults: Sendable, Hashable {
    public var ballots: Int
    public var counts: [Int64: Int]
    /// Ballots per 읍면동, and per 읍면동 and option.
    public var ballotsByArea: [String: Int]
    public var countsByArea: [String: [Int64: Int]]
    public var ballotsByAgeBand: [AgeBand: Int]
    public var countsByAgeBand: [AgeBand: [Int64: Int]]

    public init(
        ballots: Int, counts: [Int64: Int], ballotsByArea: [String: Int], countsByArea: [String: [Int64: Int]], ballotsByAgeBand: [AgeBand: Int],
        countsByAgeBand: [AgeBand: [Int64: Int]]
    ) {
        self.ballots = ballots
        self.counts = counts
        self.ballotsByArea = ballotsByArea
        self.countsByArea = countsByArea
        self.ballotsByAgeBand = ballotsByAgeBand
        self.countsByAgeBand = countsByAgeBand
    }

    /// The option leading in `counts` (the lowest position on a tie), nil without ballots.
    public func leader(in counts: [Int64: Int], options: [PollOption]) -> PollOption? {
        options.filter { (counts[$0.id] ?? 0) > 0 }.max { a, b in
            let x = counts[a.id] ?? 0, y = counts[b.id] ?? 0
            return x != y ? x < y : a.position > b.position
        }
    }
}
