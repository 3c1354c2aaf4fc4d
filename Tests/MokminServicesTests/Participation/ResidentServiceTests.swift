import Foundation
import GRDB
import MokminBase
import MokminParticipation
import MokminServices
import MokminStore
import MokminTestSupport
import Testing

/// Residents: the roster is stored without its identifiers, verification needs the right birth year and is throttled,
/// a one-time code works once and not after it expires, and a session is found by its cookie only.
@Suite struct ResidentServiceTests {
    static let roster = """
        identifier,emd_code,birth_year,age_band
        900101-1234567,3611051000,1990,
        A-7731,3611052000,,30
        880202 2345678,3611051000,1988,

        """

    @Test func theRosterKeepsNoIdentifierAndVerifiesWithTheBirthYear() async throws {
        let kit = try await ParticipationKit()
        defer { kit.close() }
        let added = try await kit.services.residents.importRoster(Self.roster, fileName: "roster.csv", actor: "admin", origin: nil)
        #expect(added.added == 3 && added.updated == 0)
        // No text column anywhere holds the raw identifier.
        let found: Bool = try await kit.database.writer.read { db in
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                for column in try db.columns(in: table) {
                    let hits =
                        try Int.fetchOne(
                            db,
                            sql:
                                "SELECT COUNT(*) FROM \"\(table)\" WHERE CAST(\"\(column.name)\" AS TEXT) LIKE '%1234567%' OR CAST(\"\(column.name)\" AS TEXT) LIKE '%A-7731%'"
                        ) ?? 0
                    if hits > 0 { return true }
                }
            }
            return false
        }
        #expect(!found)
        let resident = try await kit.services.residents.verify(identifier: "900101-1234567", birthYear: 1990, origin: "10.0.0.1")
        #expect(resident.emdCode == "3611051000" && resident.birthYear == 1990 && resident.source == .roster)
        // Spaces and dashes do not matter; a band-only resident needs no birth year.
        _ = try await kit.services.residents.verify(identifier: "8802022345678", birthYear: 1988, origin: "10.0.0.1")
        let banded = try await kit.services.residents.verify(identifier: "A7731", birthYear: nil, origin: "10.0.0.1")
        #expect(banded.ageBand == AgeBand(rawValue: 30) && banded.band(inYear: 2026) == AgeBand(rawValue: 30))
        await #expect(throws: MokminError.self) {
            try await kit.services.residents.verify(identifier: "900101-1234567", birthYear: 1991, origin: "10.0.0.2")
        }
        // A second import of the same people updates them.
        let again = try await kit.services.residents.importRoster(Self.roster, fileName: "roster.csv", actor: "admin", origin: nil)
        #expect(again.added == 0 && again.updated == 3)
    }

    @Test(arguments: StoreKind.available) func guessingIsThrottledPerAddress(_ kind: StoreKind) async throws {
        let kit = try await ParticipationKit(kind)
        defer { kit.close() }
        _ = try await kit.services.residents.importRoster(Self.roster, fileName: "roster.csv", actor: "admin", origin: nil)
        var kinds: [MokminError.Kind] = []
        for i in 0..<8 {
            do { _ = try await kit.services.residents.verify(identifier: "guess-\(i)", birthYear: 1990, origin: "192.0.2.9") } catch let e
                as MokminError
            {
                kinds.append(e.kind)
            }
        }
        // Five free failures (the sign-in throttle's rule for one address), then a wait.
        #expect(kinds.filter { $0 == .unauthorized }.count == 5)
        #expect(kinds.last == .rateLimited)
        // Another address is not held up.
        _ = try await kit.services.residents.verify(identifier: "900101-1234567", birthYear: 1990, origin: "192.0.2.10")
    }

    @Test(arguments: StoreKind.available) func aCodeWorksOnceAndTheSessionFindsItsResident(_ kind: StoreKind) async throws {
        let kit = try await ParticipationKit(kind)
        defer { kit.close() }
        let codes = try await kit.services.residents.issueCodes(
            count: 3, profile: ResidentProfile(emdCode: "3611051000", birthYear: 2001, ageBand: nil), batch: "아름동 주민센터", days: 30,
            recipients: [], actor: "admin", origin: nil)
        #expect(codes.count == 3 && Set(codes).count == 3)
        #expect(codes.allSatisfy { $0.count == 14 && ResidentCode.normalize($0) != nil })
        // Typed in lower case without dashes.
        let resident = try await kit.services.residents.redeem(
            code: codes[0].lowercased().replacingOccurrences(of: "-", with: ""), origin: "10.0.0.1")
        #expect(resident.source == .code && resident.birthYear == 2001)
        await #expect(throws: MokminError.self) { try await kit.services.residents.redeem(code: codes[0], origin: "10.0.0.1") }
        let (cookie, csrf) = try await kit.services.residents.startSession(for: resident)
        let session = try await kit.services.residents.session(forCookie: cookie)
        #expect(session?.resident.id == resident.id && session?.csrfToken == csrf)
        #expect(try await kit.services.residents.session(forCookie: cookie + "x") == nil)
        try await kit.services.residents.endSession(cookie: cookie)
        #expect(try await kit.services.residents.session(forCookie: cookie) == nil)
        let summary = try await kit.services.residents.summary()
        #expect(summary.codeResidents == 1 && summary.batches.first?.issued == 3 && summary.batches.first?.used == 1)
    }

    @Test func anExpiredCodeIsRefusedAndTheSenderWritesToTheOutbox() async throws {
        let kit = try await ParticipationKit()
        defer { kit.close() }
        let codes = try await kit.services.residents.issueCodes(
            count: 1, profile: ResidentProfile(emdCode: "3611051000", birthYear: nil, ageBand: AgeBand(rawValue: 40)), batch: "문자 발송", days: 1,
            recipients: ["010-1234-5678", "010-2345-6789"], actor: "admin", origin: nil)
        #expect(codes.count == 2)
        let outbox = try await kit.services.residents.outbox()
        #expect(outbox.count == 2 && outbox.allSatisfy { $0.batch == "문자 발송" })
        #expect(outbox.contains { $0.recipient == "010-1234-5678" && $0.body.contains(codes[0]) })
        try await kit.database.writer.write { db in
            try db.execute(
                sql: "UPDATE residentCode SET issuedAt = ?, expiresAt = ?",
                arguments: [Date().addingTimeInterval(-7200), Date().addingTimeInterval(-1)])
        }
        await #expect(throws: MokminError.self) { try await kit.services.residents.redeem(code: codes[1], origin: "10.0.0.1") }
        await #expect(throws: MokminError.self) {
            try await kit.services.residents.issueCodes(
                count: 0, profile: ResidentProfile(emdCode: "3611051000", birthYear: 1990, ageBand: nil), batch: "x", days: 1, actor: nil, origin: nil
            )
        }
    }
}
