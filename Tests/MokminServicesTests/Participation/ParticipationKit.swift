import Foundation
import GRDB
import MokminCore
import MokminParticipation
import MokminServices
import MokminStore
import MokminTestSupport

/// Services on a fresh database file (WAL, so concurrent requests really run side by side), with helpers that make
/// verified residents.
/// On PostgreSQL (`ParticipationKit(.postgres)`) the same services run on a new database of the test server.
struct ParticipationKit {
    let folder: URL
    /// The SQLite database (on SQLite only: tests that look into the schema).
    let sqlite: AppDatabase?
    let services: AppServices
    var database: AppDatabase { sqlite! }

    init(_ kind: StoreKind = .sqlite) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-participation-\(UUID().uuidString)")
        switch kind {
        case .sqlite:
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let database = try AppDatabase(path: folder.appendingPathComponent("city.sqlite").path)
            sqlite = database
            services = AppServices(database: database, bcryptCost: 4)
        case .postgres:
            let (store, _) = try await TestPostgres.freshStore()
            sqlite = nil
            services = AppServices(postgres: store, bcryptCost: 4)
        }
    }

    func close() {
        try? sqlite?.close()
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
