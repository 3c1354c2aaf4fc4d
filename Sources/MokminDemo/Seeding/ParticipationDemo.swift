import Foundation
import Logging
import MokminBase
import MokminCore
import MokminParticipation
import MokminServices

/// The demo's citizen participation (every title marked 데모): a demo roster of 600 Sejong residents
/// (identifiers `DEMO-0001` … `DEMO-0600`, birth years in the README), a closed 세종의 뜻 poll with results and an
/// official answer, two open polls (live and sealed), a budget round in voting with projects in three districts, and a
/// finished round decided by the Method of Equal Shares with its explanation and implementation milestones.
/// Ballots are cast through the services (each demo resident votes once), at times inside each vote's window.
public struct ParticipationDemo: Sendable {
    let services: AppServices
    let logger: Logger
    public static let marker = "[데모]"
    public static let residents = 600
    static let sejong = "3611000000"

    public init(services: AppServices, logger: Logger = Logger(label: "mokmin.demo")) {
        self.services = services
        self.logger = logger
    }

    /// A demo resident's identifier and birth year (what the README tells a visitor to type).
    public static func identity(_ i: Int) -> (identifier: String, birthYear: Int) {
        (String(format: "DEMO-%04d", i), 1950 + (i * 37) % 56)
    }

    /// Installs the demo once (when no poll is marked 데모). Returns the one-time codes it printed, or nil when
    /// already installed.
    @discardableResult
    public func installIfNeeded(now: Date = Date()) async throws -> [String]? {
        if try await services.polls.list().contains(where: { $0.isDemo }) { return nil }
        let areas = services.regions.registry.children(of: Self.sejong).filter { $0.level == .emd }.map(\.code).sorted()
        guard !areas.isEmpty else { return nil }
        var rows = ["identifier,emd_code,birth_year"]
        for i in 1...Self.residents {
            let (id, year) = Self.identity(i)
            rows.append("\(id),\(areas[(i * 7) % areas.count]),\(year)")
        }
        _ = try await services.residents.importRoster(rows.joined(separator: "\n"), fileName: "데모 주민 명부.csv", actor: nil, origin: nil, isDemo: true)
        var residents: [Resident] = []
        for i in 1...Self.residents {
            let (id, year) = Self.identity(i)
            residents.append(try await services.residents.verify(identifier: id, birthYear: year, origin: nil))
        }
        let codes = try await services.residents.issueCodes(
            count: 10, profile: ResidentProfile(emdCode: areas.first { $0 >= "3611051000" } ?? areas[0], birthYear: 1990, ageBand: nil),
            batch: "\(Self.marker) 주민센터 배부용", days: 90, actor: nil, origin: nil, isDemo: true)
        let noise = SimulationNoise(seed: 2027)
        try await polls(residents, areas: areas, noise: noise, now: now)
        try await rounds(residents, areas: areas, noise: noise, now: now)
        logger.info("demo participation installed", metadata: ["residents": "\(residents.count)", "codes": "\(codes.count)"])
        return codes
    }

    /// Picks an option index with weights that lean by 읍면동 and age, so the maps and charts have something to show.
    static func pick(_ weights: [Double], _ key: String, _ index: Int, noise: SimulationNoise) -> Int {
        let total = weights.reduce(0, +)
        var x = noise.unit(key, Int64(index)) * total
        for (i, w) in weights.enumerated() {
            x -= w
            if x < 0 { return i }
        }
        return weights.count - 1
    }

    func polls(_ residents: [Resident], areas: [String], noise: SimulationNoise, now: Date) async throws {
        let day: TimeInterval = 86_400
        let year = LocalTime(now).year
        // Closed, with results and the official answer.
        let fares = try await services.polls.create(
            NewPoll(
                question: "\(Self.marker) 시내버스 요금 체계, 어떻게 바꿀까요? (세종의 뜻)",
                description: "BRT와 두루타를 포함한 시내버스 요금 개편안에 대한 시민 의견을 묻습니다. 결과는 교통정책 심의에 반영됩니다.",
                options: ["거리비례제 도입", "현행 균일요금 유지", "청소년·어르신 무료 확대"], opensAt: now - 40 * day, closesAt: now - 10 * day, minAge: 14,
                liveResults: false, answerThreshold: 300, isDemo: true), actor: "admin", origin: nil)
        for (i, r) in residents.enumerated() where noise.unit("fares-turnout", Int64(i)) < 0.7 {
            let old = r.band(inYear: year).rawValue >= 60
            let town = r.emdCode < "3611051000"
            let weights = old ? [1.0, 2.0, 4.0] : (town ? [1.5, 3.0, 1.5] : [3.0, 1.5, 2.0])
            let choice = Self.pick(weights, "fares", i, noise: noise)
            try await services.polls.vote(pollID: fares.id, choices: [fares.options[choice].id], resident: r, now: now - 20 * day)
        }
        try await services.polls.answer(
            pollID: fares.id,
            text: "참여해 주신 시민 여러분께 감사드립니다. 청소년·어르신 무료 확대 의견을 반영해 2027년 1월부터 만 70세 이상 시내버스 무료 이용을 시행하고, 거리비례제는 광역 노선부터 검토하겠습니다. (데모 답변)",
            actor: "admin", origin: nil)
        // Open, live results.
        let park = try await services.polls.create(
            NewPoll(
                question: "\(Self.marker) 중앙공원 반려견 놀이터, 어디가 좋을까요?", description: "중앙공원 2단계 구역에 반려견 놀이터를 만듭니다. 위치를 골라 주세요.",
                options: ["북측 잔디광장 옆", "남측 주차장 옆", "수변 산책로 끝", "만들지 않는다"], opensAt: now - 3 * day, closesAt: now + 14 * day,
                liveResults: true, answerThreshold: 500, isDemo: true), actor: "admin", origin: nil)
        for (i, r) in residents.enumerated() where noise.unit("park-turnout", Int64(i)) < 0.25 {
            let choice = Self.pick([3, 2, 2.5, 1], "park", i, noise: noise)
            try await services.polls.vote(pollID: park.id, choices: [park.options[choice].id], resident: r, now: now - day)
        }
        // Open, sealed, multiple choice for the 동 only.
        let dong = areas.filter { $0 >= "3611051000" }
        let soc = try await services.polls.create(
            NewPoll(
                question: "\(Self.marker) 2027년 생활 SOC, 무엇을 먼저 지을까요? (두 개까지)", description: "동 지역 주민에게 묻습니다. 결과는 마감 뒤 공개됩니다.",
                options: ["작은 도서관", "공공 체육관", "어린이 실내 놀이터", "주민 카페·공유 부엌", "노인 여가시설"], multipleChoice: true, maxChoices: 2,
                opensAt: now - 2 * day, closesAt: now + 20 * day, minAge: 14, liveResults: false, areas: dong, isDemo: true), actor: "admin",
            origin: nil)
        for (i, r) in residents.enumerated() where dong.contains(r.emdCode) && noise.unit("soc-turnout", Int64(i)) < 0.2 {
            let a = Self.pick([3, 2, 3, 1.5, 1.5], "soc-a", i, noise: noise)
            let b = Self.pick([3, 2, 3, 1.5, 1.5], "soc-b", i, noise: noise)
            let choices = Set([soc.options[a].id, soc.options[b].id])
            try await services.polls.vote(pollID: soc.id, choices: Array(choices), resident: r, now: now - day / 2)
        }
    }

    struct DemoProject {
        var code: String
        var district: String
        var title: String
        var cost: Int64
        var category: String
        var popularity: Double
    }

    static let projects: [DemoProject] = [
        .init(code: "D01", district: "동 지역", title: "보람동 어린이 숲 놀이터", cost: 180_000_000, category: "문화·체육", popularity: 0.55),
        .init(code: "D02", district: "동 지역", title: "한솔동 보행로 그늘막 30곳", cost: 60_000_000, category: "안전", popularity: 0.45),
        .init(code: "D03", district: "동 지역", title: "아름동 작은 도서관 리모델링", cost: 150_000_000, category: "교육", popularity: 0.35),
        .init(code: "D04", district: "동 지역", title: "새롬동 공유 자전거 거치대 확충", cost: 40_000_000, category: "교통", popularity: 0.3),
        .init(code: "D05", district: "동 지역", title: "도담동 반려식물 공동체 정원", cost: 70_000_000, category: "환경", popularity: 0.15),
        .init(code: "E01", district: "읍면 지역", title: "조치원읍 전통시장 야간 조명", cost: 90_000_000, category: "경제·일자리", popularity: 0.5),
        .init(code: "E02", district: "읍면 지역", title: "연서면 마을버스 정류장 온열의자", cost: 30_000_000, category: "교통", popularity: 0.45),
        .init(code: "E03", district: "읍면 지역", title: "금남면 어르신 건강 걷기길", cost: 120_000_000, category: "복지", popularity: 0.3),
        .init(code: "E04", district: "읍면 지역", title: "전의면 농촌 체험 공방", cost: 80_000_000, category: "문화·체육", popularity: 0.2),
        .init(code: "C01", district: "시 전체", title: "세종시 전역 공공 와이파이 확대", cost: 200_000_000, category: "도시·주거", popularity: 0.5),
        .init(code: "C02", district: "시 전체", title: "BRT 정류장 실시간 혼잡도 안내", cost: 150_000_000, category: "교통", popularity: 0.4),
        .init(code: "C03", district: "시 전체", title: "청소년 주말 문화 바우처", cost: 120_000_000, category: "교육", popularity: 0.3),
        .init(code: "C04", district: "시 전체", title: "유기동물 입양센터 개보수", cost: 90_000_000, category: "환경", popularity: 0.25),
    ]

    func makeRound(title: String, areas: [String], opens: Date, closes: Date, budgets: [String: Int64], ballotKind: RoundBallotKind = .approval)
        async throws -> (BudgetRound, [String: BudgetProject])
    {
        let dong = areas.filter { $0 >= "3611051000" }, town = areas.filter { $0 < "3611051000" }
        let round = try await services.budget.create(
            NewRound(
                title: title,
                description: "세종시 주민이 직접 제안하고 고르는 주민참여예산입니다. 권역 예산과 시 전체 예산에 각각 투표합니다. 결과는 균등 배분 방식(MES)으로 정합니다.",
                ballotKind: ballotKind, rule: "mes-step", maxProjects: 3, minAge: 14, votingOpensAt: opens, votingClosesAt: closes,
                districts: [
                    NewDistrict(name: "동 지역", budget: budgets["동 지역"]!, areas: dong),
                    NewDistrict(name: "읍면 지역", budget: budgets["읍면 지역"]!, areas: town),
                    NewDistrict(name: "시 전체", budget: budgets["시 전체"]!, isCityWide: true),
                ], isDemo: true), actor: "admin", origin: nil)
        var made: [String: BudgetProject] = [:]
        for p in Self.projects {
            let district = round.districts.first { $0.name == p.district }!
            made[p.code] = try await services.budget.addProject(
                NewProject(
                    districtID: district.id, code: p.code, title: "\(Self.marker) \(p.title)", description: "데모 사업입니다: \(p.title).",
                    category: p.category,
                    proposedCost: p.cost, isDemo: true), roundID: round.id, actor: "admin", origin: nil)
        }
        _ = try await services.budget.advance(roundID: round.id, actor: "admin", origin: nil)
        for p in Self.projects {
            if p.code == "D05" {
                try await services.budget.review(
                    projectID: made[p.code]!.id, feasibility: .infeasible, cost: nil, note: "대상 부지가 2027년 공원 조성 공사 구역과 겹칩니다 (데모 검토)", actor: "admin",
                    origin: nil)
            } else {
                try await services.budget.review(
                    projectID: made[p.code]!.id, feasibility: .feasible, cost: p.cost * (p.code == "C01" ? 11 : 10) / 10, note: "", actor: "admin",
                    origin: nil)
            }
        }
        _ = try await services.budget.advance(roundID: round.id, actor: "admin", origin: nil)
        return (try await services.budget.round(round.id), made)
    }

    func vote(
        _ round: BudgetRound, _ made: [String: BudgetProject], residents: [Resident], share: Double, key: String, at time: Date,
        noise: SimulationNoise
    )
        async throws
    {
        for (i, r) in residents.enumerated() where noise.unit("\(key)-turnout", Int64(i)) < share {
            var ballots: [Int64: [Int64: Int]] = [:]
            for district in round.districts(for: r.emdCode) {
                let candidates = Self.projects.filter { $0.district == district.name && $0.code != "D05" }
                var picked: [Int64: Int] = [:]
                for (j, p) in candidates.enumerated() where noise.unit("\(key)-\(p.code)", Int64(i * 31 + j)) < p.popularity {
                    // Approval: 1 for each; a ranking: 1, 2, 3 in the order drawn.
                    if picked.count < 3 { picked[made[p.code]!.id] = round.ballotKind == .ordinal ? picked.count + 1 : 1 }
                }
                ballots[district.id] = picked
            }
            guard ballots.values.contains(where: { !$0.isEmpty }) else { continue }
            try await services.budget.vote(roundID: round.id, ballots: ballots, resident: r, now: time)
        }
    }

    func rounds(_ residents: [Resident], areas: [String], noise: SimulationNoise, now: Date) async throws {
        let day: TimeInterval = 86_400
        // Finished: decided by MES with completion, with implementation under way.
        let (finished, made) = try await makeRound(
            title: "\(Self.marker) 2026 세종 열린 시민참여예산", areas: areas, opens: now - 60 * day, closes: now - 30 * day,
            budgets: ["동 지역": 300_000_000, "읍면 지역": 200_000_000, "시 전체": 350_000_000])
        try await vote(finished, made, residents: residents, share: 0.55, key: "pb2026", at: now - 45 * day, noise: noise)
        _ = try await services.budget.advance(roundID: finished.id, actor: "admin", origin: nil)
        _ = try await services.budget.advance(roundID: finished.id, actor: "admin", origin: nil)
        let outcomes = try await services.budget.outcomes(finished.id)
        for (n, projectID) in outcomes.values.flatMap(\.selected).sorted().enumerated() {
            try await services.budget.setStatus(projectID: projectID, status: n % 3 == 0 ? .done : .inProgress, actor: "admin", origin: nil)
            try await services.budget.addMilestone(projectID: projectID, title: "실시설계", dueDay: "2026-09-30", actor: "admin", origin: nil)
            try await services.budget.addMilestone(projectID: projectID, title: "준공", dueDay: "2027-03-31", actor: "admin", origin: nil)
        }
        // In voting now, with ranked ballots (up to three projects per district).
        let (open, openMade) = try await makeRound(
            title: "\(Self.marker) 2027 세종 열린 시민참여예산", areas: areas, opens: now - 5 * day, closes: now + 25 * day,
            budgets: ["동 지역": 350_000_000, "읍면 지역": 250_000_000, "시 전체": 400_000_000], ballotKind: .ordinal)
        try await vote(open, openMade, residents: Array(residents.prefix(400)), share: 0.3, key: "pb2027", at: now - day, noise: noise)
    }
}
