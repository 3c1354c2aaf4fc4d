import Foundation
import GRDB
import MokminCore
import MokminParticipation
import MokminServices
import MokminStore

/// Services on a fresh database file (WAL, so concurrent requests really run side by side), with helpers that make
/// verified residents.
struct ParticipationKit {
    let folder: URL
    let database: AppDatabase
    let services: AppServices

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-participation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try AppDatabase(path: folder.appendingPathComponent("city.sqlite").path)
        services = AppServices(database: database, bcryptCost: 4)
    }

    func close() {
        try? database.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A resident verified with a fresh one-time code.
    func resident(emd: String = "3611051000", birthYear: Int? = 1985, band: AgeBand? = nil) async throws -> Resident {
        let codes = try await services.residents.issueCodes(
            count: 1, profile: ResidentProfile(emdCode: emd, birthYear: birthYear, ageBand: band), batch: "test", days: 7, actor: "admin",
            origin: nil)
        return try await services.residents.redeem(code: codes[0], origin: "10.0.0.\(Int.random(in: 1...250))")
    }

    func residents(_ count: Int, emd: String = "3611051000", birthYear: Int = 1985) async throws -> [Resident] {
        let codes = try await services.residents.issueCodes(
            count: count, profile: ResidentProfile(emdCode: emd, birthYear: birthYear, ageBand: nil), batch: "many", days: 7, actor: "admin",
            origin: nil)
        var found: [Resident] = []
        for (i, code) in codes.enumerated() { found.append(try await services.residents.redeem(code: code, origin: "10.1.\(i / 250).\(i % 250)")) }
        return found
    }

    func openPoll(
        _ options: [String] = ["찬성", "반대"], multiple: Bool = false, maxChoices: Int = 1, named: Bool = false, live: Bool = true,
        areas: [String] = [], minAge: Int = 0, threshold: Int? = nil
    ) async throws -> Poll {
        try await services.polls.create(
            NewPoll(
                question: "시내버스 노선을 바꿀까요?", options: options, multipleChoice: multiple, maxChoices: maxChoices,
                opensAt: Date().addingTimeInterval(-60), closesAt: Date().addingTimeInterval(3600), minAge: minAge, liveResults: live, isNamed: named,
                answerThreshold: threshold, areas: areas), actor: "admin", origin: nil)
    }
}
