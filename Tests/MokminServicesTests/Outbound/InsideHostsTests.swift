import MokminBase
import MokminCore
import MokminServices
import MokminStore
import Testing

/// The admin's list of hosts allowed inside: what an entry may be, how it matches a URL, and that every change is
/// stored with its audit entry (and a refused change stores nothing).
@Suite struct InsideHostsTests {
    @Test func entriesAreNormalizedAndMatchTheHostAsTheClientReadsIt() throws {
        let hosts = try InsideHosts(text: " API.County.Local. ,10.20.0.5\n[0:0:0:0:0:0:0:1]  api.county.local")
        #expect(hosts.entries == ["api.county.local", "10.20.0.5", "::1"])
        #expect(hosts.allows(host: "api.county.local") && hosts.allows(host: "API.COUNTY.LOCAL."))
        #expect(hosts.allows(address: IPAddress("10.20.0.5")!) && hosts.allows(host: "::1"))
        #expect(!hosts.allows(host: "county.local") && !hosts.allows(host: "evil-api.county.local"))
        #expect(!hosts.allows(address: IPAddress("10.20.0.6")!))
    }

    @Test func aBadEntryIsRefusedWithABilingualMessage() {
        for (entry, word) in [
            ("http://10.0.0.5/", "not a host name"), ("10.0.0.5:8080", "not a host name"), ("api.county.local/path", "not a host name"),
            ("169.254.169.254", "metadata"), ("::ffff:169.254.169.254", "metadata"), ("Metadata.Google.Internal", "metadata"),
            (String(repeating: "a", count: 254), "1–253"), ("bad..name", "not a host name"),
        ] {
            let error = #expect(throws: MokminError.self) { try InsideHosts([entry]) }
            #expect(error?.message.en.contains(word) == true && error?.message.ko.isEmpty == false, "\(entry): \(error?.message.en ?? "")")
        }
        let many = (0..<101).map { "host\($0).local" }
        #expect(throws: MokminError.self) { try InsideHosts(many) }
    }

    @Test func changesAreAuditedInTheSameWriteAndARefusedChangeKeepsTheList() async throws {
        let repositories = Repositories.grdb(try AppDatabase.inMemory())
        let setting = InsideHostsSetting(settings: repositories.settings)
        #expect(try await setting.current().entries.isEmpty)
        try await setting.replace(with: "api.county.local\n10.20.0.5", actor: "admin1", origin: "10.0.0.9")
        try await setting.add(["192.168.7.7"], actor: "admin1")
        try await setting.remove(["10.20.0.5"], actor: nil)
        #expect(try await setting.current().entries == ["api.county.local", "192.168.7.7"])

        await #expect(throws: MokminError.self) { try await setting.replace(with: "api.county.local\n169.254.169.254", actor: "admin1") }
        await #expect(throws: MokminError.self) { try await setting.remove(["not-there.local"], actor: "admin1") }
        #expect(try await setting.current().entries == ["api.county.local", "192.168.7.7"], "a refused change stores nothing")

        let audit = try await repositories.audit.recent(limit: 10).filter { $0.action == "settings.insideHosts" }
        #expect(
            audit.map(\.detail) == [
                "hosts=api.county.local,192.168.7.7", "hosts=api.county.local,10.20.0.5,192.168.7.7", "hosts=api.county.local,10.20.0.5",
            ])
        #expect(audit.last?.actor == "admin1" && audit.last?.origin == "10.0.0.9")
    }
}
