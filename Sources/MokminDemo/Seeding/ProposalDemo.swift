import Foundation
import MokminBase
import MokminCore
import MokminParticipation
import MokminServices

/// The demo's citizen proposals: one in every state a person meets (two awaiting moderation, one published with
/// supports under its threshold and a photo, one whose answer is due, one answered, one merged, one rejected), from
/// twelve demo residents of the served city's 읍면동 who also give the supports. Every title starts with "[데모]" and
/// every row is marked demo. The dates are spread over the last three weeks.
public enum ProposalDemo {
    /// The official the demo's moderation is recorded under.
    public static let actor = "demo"

    /// Seeds the proposals once (when no demo proposal exists and the served city has 읍면동). Returns whether it did.
    @discardableResult
    public static func seed(services: AppServices, now: Date = Date()) async throws -> Bool {
        let proposals = services.proposals
        let existing = try await proposals.list(ProposalFilter(statuses: []), pageSize: 100).proposals
        if existing.contains(where: \.isDemo) { return false }

        let areas = try await emdCodes(services)
        guard !areas.isEmpty else { return false }
        var residents: [Resident] = []
        for (i, emd) in (0..<4).map({ areas[$0 % areas.count] }).enumerated() {
            let codes = try await services.residents.issueCodes(
                count: 3, profile: ResidentProfile(emdCode: emd, birthYear: 1960 + i * 12, ageBand: nil), batch: "데모 제안 주민 \(i + 1)",
                days: 30, actor: actor, origin: nil, isDemo: true)
            for code in codes { residents.append(try await services.residents.redeem(code: code, origin: nil)) }
        }
        func day(_ n: Double) -> Date { now.addingTimeInterval(-n * 86_400) }
        func area(_ i: Int) -> String { areas[i % areas.count] }
        func propose(_ title: String, _ body: String, _ category: String, by resident: Int, area index: Int, daysAgo: Double, photo: Data? = nil)
            async throws -> Proposal
        {
            try await proposals.propose(
                NewProposal(title: "[데모] " + title, body: body, category: category, emdCode: area(index), photo: photo),
                resident: residents[resident], isDemo: true, now: day(daysAgo))
        }
        func support(_ p: Proposal, by indices: [Int], from daysAgo: Double) async throws {
            for (k, i) in indices.enumerated() {
                try await proposals.support(proposalID: p.id, resident: residents[i], now: day(daysAgo - Double(k) * 0.5))
            }
        }

        // Awaiting moderation.
        _ = try await propose(
            "학교 앞 횡단보도에 바닥 신호등을 설치해 주세요", "아이들이 휴대전화를 보며 건너는 일이 많습니다. 바닥 신호등이 있으면 더 안전하겠습니다.", "안전",
            by: 0, area: 0, daysAgo: 1)
        _ = try await propose(
            "공원 산책로에 야간 조명을 늘려 주세요", "저녁 운동을 하는 주민이 많은데 산책로 일부 구간이 너무 어둡습니다.", "안전", by: 4, area: 1, daysAgo: 0.5)

        // Published, under its threshold, with a photo.
        let shade = try await propose(
            "버스 정류장에 그늘막을 놓아 주세요", "여름 한낮에 정류장에서 기다리기가 힘듭니다. 정류장마다 그늘막이나 차양을 설치해 주세요.", "교통", by: 1, area: 0,
            daysAgo: 12, photo: demoPhoto)
        try await proposals.publish(proposalID: shade.id, threshold: 10, days: 30, actor: actor, origin: nil, now: day(11))
        try await support(shade, by: [2, 3, 5, 7], from: 10)

        // Published, threshold reached: the answer is due.
        let library = try await propose(
            "작은도서관 주말 운영 시간을 늘려 주세요", "맞벌이 가정은 평일에 도서관을 이용하기 어렵습니다. 토요일과 일요일 저녁 8시까지 열어 주세요.", "문화·체육", by: 2,
            area: 1, daysAgo: 18)
        try await proposals.publish(proposalID: library.id, threshold: 5, days: 30, actor: actor, origin: nil, now: day(17))
        try await support(library, by: [0, 1, 4, 6, 8], from: 16)

        // Answered.
        let bins = try await propose(
            "아파트 단지 옆 분리수거함을 늘려 주세요", "주말이면 분리수거함이 넘쳐 길가에 쓰레기가 쌓입니다.", "환경", by: 3, area: 2, daysAgo: 21)
        try await proposals.publish(proposalID: bins.id, threshold: 5, days: 30, actor: actor, origin: nil, now: day(20))
        try await support(bins, by: [0, 5, 6, 9, 10, 11], from: 19)
        try await proposals.answer(
            proposalID: bins.id,
            text: "공감해 주셔서 고맙습니다. 다음 달까지 해당 구간에 분리수거함 4개를 더 놓고, 주말 수거를 한 번 늘리겠습니다. (데모 답변)",
            actor: actor, origin: nil, now: day(5))

        // Merged into the answer-due proposal (its supporters carried over).
        let duplicate = try await propose(
            "도서관을 일요일에도 열어 주세요", "일요일에 아이와 갈 수 있는 도서관이 없습니다.", "문화·체육", by: 7, area: 3, daysAgo: 9)
        try await proposals.publish(proposalID: duplicate.id, threshold: 10, days: 30, actor: actor, origin: nil, now: day(8))
        try await support(duplicate, by: [9, 10], from: 7)
        try await proposals.merge(
            proposalID: duplicate.id, into: library.id, reason: "같은 내용의 제안과 합쳤습니다", actor: actor, origin: nil, now: day(6))

        // Rejected.
        let advert = try await propose(
            "우리 가게를 홍보해 주세요", "새로 연 가게입니다. 시 누리집에 소개해 주세요.", "경제·일자리", by: 11, area: 3, daysAgo: 4)
        try await proposals.reject(
            proposalID: advert.id, reason: "특정 업체의 홍보는 주민 제안으로 받을 수 없습니다 (데모)", actor: actor, origin: nil)
        return true
    }

    /// The served city's 읍면동 codes (none when the registry has no city).
    static func emdCodes(_ services: AppServices) async throws -> [String] {
        guard let city = try await services.regions.city() else { return [] }
        return services.regions.registry.children(of: city.code).filter { $0.level == .emd }.map(\.code)
    }

    /// A small PNG drawn here (a sky over a bus shelter's shade, 96 × 64): the demo's photo, no file shipped.
    static let demoPhoto: Data = {
        let width = 96, height = 64
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)  // no filter
            for x in 0..<width {
                let roof = y >= 14 && y < 20 && x >= 16 && x < 80
                let post = y >= 20 && y < 56 && (x == 20 || x == 21 || x == 74 || x == 75)
                let ground = y >= 56
                let pixel: [UInt8] =
                    roof ? [31, 95, 168] : post ? [60, 60, 60] : ground ? [170, 170, 160] : [UInt8(150 + y), UInt8(200 + y / 2), 250]
                raw += pixel
            }
        }
        return DemoPNG.encode(width: width, height: height, rgb: raw)
    }()
}

/// Just enough PNG to write an RGB image: one uncompressed ("stored") deflate block per 65,535 bytes.
enum DemoPNG {
    static func encode(width: Int, height: Int, rgb scanlines: [UInt8]) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func chunk(_ type: String, _ body: [UInt8]) {
            let typed = Array(type.utf8) + body
            data += bigEndian(UInt32(body.count)) + typed + bigEndian(crc32(typed))
        }
        chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65_535, scanlines.count - offset)
            let last: UInt8 = offset + n == scanlines.count ? 1 : 0
            zlib += [last, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            zlib += scanlines[offset..<offset + n]
            offset += n
        } while offset < scanlines.count
        zlib += bigEndian(adler32(scanlines))
        chunk("IDAT", zlib)
        chunk("IEND", [])
        return data
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return (b << 16) | a
    }
}
