import Foundation
import MokminBase
import MokminCore
import MokminGeo
import MokminStore
import MokminTestSupport
import Testing

/// The accounts' contract: users, the region registry and sign-in throttling, written against the protocols only
/// (`Repositories`), so that the PostgreSQL store can be held to it unchanged.
extension RepositoryContractTests {
    // MARK: Users

    @Test(arguments: StoreKind.available) func accountsRoundTripAndLoginsAreUnique(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let kim = try await store.users.create(
                login: "kim", name: "김민지", role: .analyst, passwordHash: "hash-kim", audit: accountAudit("user.add", "kim"))
            #expect(kim.login == "kim" && kim.name == "김민지" && kim.role == .analyst && !kim.disabled)
            let lee = try await store.users.create(
                login: "lee", name: "이서준", role: .official, passwordHash: "hash-lee", audit: accountAudit("user.add", "lee"))
            let ahn = try await store.users.create(
                login: "ahn", name: "안지우", role: .admin, passwordHash: "hash-ahn", audit: accountAudit("user.add", "ahn"))
            #expect(Set([kim.id, lee.id, ahn.id]).count == 3)

            #expect(try await store.users.find(login: "kim") == kim, "create answers what find reads back")
            #expect(kim.createdAt == accountT0, "an account is created at its audit event's time")
            #expect(try await store.users.find(login: "kim").map { sameAccount($0, kim) } == true)
            #expect(try await store.users.find(id: lee.id).map { sameAccount($0, lee) } == true)
            let credentials = try #require(try await store.users.credentials(login: "ahn"))
            #expect(sameAccount(credentials.0, ahn) && credentials.passwordHash == "hash-ahn")
            let listed = try await store.users.list()
            #expect(listed.map(\.login) == ["ahn", "kim", "lee"], "ordered by login")
            #expect(listed.map(\.role) == [.admin, .analyst, .official])
            #expect(try await store.users.count() == 3)

            // A login is unique; the refused account is neither stored nor audited.
            await accountError(.conflict) {
                _ = try await store.users.create(login: "kim", name: "김민수", role: .admin, passwordHash: "x", audit: accountAudit("user.add", "kim"))
            }
            #expect(try await store.users.count() == 3)
            #expect(try await store.users.credentials(login: "kim")?.passwordHash == "hash-kim")
            #expect(try await store.audit.count(action: "user.add", target: nil, origin: nil, since: accountT0) == 3)
            #expect(try await store.audit.recent(limit: 3).map(\.target) == ["ahn", "lee", "kim"], "each creation audited as given")

            // Unknown accounts are nil, not errors.
            #expect(try await store.users.find(login: "nobody") == nil)
            #expect(try await store.users.find(id: 9_999) == nil)
            #expect(try await store.users.credentials(login: "nobody") == nil)
        }
    }

    @Test(arguments: StoreKind.available) func aNewPasswordEndsTheSessionsOfThatAccountOnly(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let kim = try await store.users.create(
                login: "kim", name: "김민지", role: .analyst, passwordHash: "hash-1", audit: accountAudit("user.add", "kim"))
            let lee = try await store.users.create(
                login: "lee", name: "이서준", role: .official, passwordHash: "hash-lee", audit: accountAudit("user.add", "lee"))
            let expires = accountT0.addingTimeInterval(3600)
            try await store.sessions.create(
                idHash: "s-kim", userID: kim.id, csrfToken: "c1", expiresAt: expires, audit: accountAudit("login.success", "kim"))
            try await store.sessions.create(
                idHash: "s-lee", userID: lee.id, csrfToken: "c2", expiresAt: expires, audit: accountAudit("login.success", "lee"))

            try await store.users.setPasswordHash(login: "kim", passwordHash: "hash-2", audit: accountAudit("user.password", "kim"))
            #expect(try await store.users.credentials(login: "kim")?.passwordHash == "hash-2")
            #expect(try await store.sessions.find(idHash: "s-kim", now: accountT0) == nil, "the old password's sessions end")
            #expect(try await store.sessions.find(idHash: "s-lee", now: accountT0)?.user.id == lee.id)
            #expect(try await store.users.find(login: "kim")?.disabled == false)

            await accountError(.notFound) {
                try await store.users.setPasswordHash(login: "nobody", passwordHash: "x", audit: accountAudit("user.password", "nobody"))
            }
            #expect(try await store.audit.count(action: "user.password", target: nil, origin: nil, since: accountT0) == 1)
            #expect(try await store.audit.recent(limit: 1).first?.target == "kim")
        }
    }

    @Test(arguments: StoreKind.available) func anAccountsCityIsStoredAndReachesItsSessionsAndTokens(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let kim = try await store.users.create(
                login: "kim", name: "김민지", role: .official, passwordHash: "hash-1", audit: accountAudit("user.add", "kim"))
            #expect(kim.city == nil, "a new account sees every served city")
            try await store.users.setCity(login: "kim", city: "4272000000", audit: accountAudit("user.city", "kim"))
            #expect(try await store.users.find(login: "kim")?.city == "4272000000")
            #expect(try await store.users.credentials(login: "kim")?.0.city == "4272000000")
            #expect(try await store.users.list().first?.city == "4272000000")
            try await store.sessions.create(
                idHash: "s-kim", userID: kim.id, csrfToken: "c1", expiresAt: accountT0.addingTimeInterval(3600),
                audit: accountAudit("login.success", "kim"))
            #expect(try await store.sessions.find(idHash: "s-kim", now: accountT0)?.user.city == "4272000000")
            _ = try await store.tokens.create(
                userID: kim.id, label: "t", tokenHash: "th-kim", displayOnly: false, audit: accountAudit("token.create", "kim"))
            #expect(try await store.tokens.authenticate(tokenHash: "th-kim", now: accountT0)?.user.city == "4272000000")

            try await store.users.setCity(login: "kim", city: nil, audit: accountAudit("user.city", "kim"))
            #expect(try await store.users.find(login: "kim")?.city == nil)
            await accountError(.notFound) {
                try await store.users.setCity(login: "nobody", city: nil, audit: accountAudit("user.city", "nobody"))
            }
            #expect(try await store.audit.count(action: "user.city", target: nil, origin: nil, since: accountT0) == 2)
        }
    }

    @Test(arguments: StoreKind.available) func disablingAnAccountEndsItsSessionsAndRevokesItsTokens(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let kim = try await store.users.create(
                login: "kim", name: "김민지", role: .analyst, passwordHash: "hash-kim", audit: accountAudit("user.add", "kim"))
            let lee = try await store.users.create(
                login: "lee", name: "이서준", role: .official, passwordHash: "hash-lee", audit: accountAudit("user.add", "lee"))
            let expires = accountT0.addingTimeInterval(3600)
            try await store.sessions.create(
                idHash: "s-kim", userID: kim.id, csrfToken: "c1", expiresAt: expires, audit: accountAudit("login.success", "kim"))
            try await store.sessions.create(
                idHash: "s-lee", userID: lee.id, csrfToken: "c2", expiresAt: expires, audit: accountAudit("login.success", "lee"))
            let kimToken = try await store.tokens.create(
                userID: kim.id, label: "노트북", tokenHash: "t-kim", displayOnly: false, audit: accountAudit("token.create", "kim"))
            let leeToken = try await store.tokens.create(
                userID: lee.id, label: "벽면", tokenHash: "t-lee", displayOnly: true, audit: accountAudit("token.create", "lee"))

            try await store.users.disable(login: "kim", audit: accountAudit("user.disable", "kim"))
            #expect(try await store.users.find(login: "kim")?.disabled == true)
            #expect(try await store.users.credentials(login: "kim")?.0.disabled == true, "still found, marked disabled")
            #expect(try await store.users.count() == 2, "a disabled account is kept")
            #expect(try await store.sessions.find(idHash: "s-kim", now: accountT0) == nil)
            #expect(try await store.sessions.find(idHash: "s-lee", now: accountT0) != nil)
            #expect(try await store.tokens.authenticate(tokenHash: "t-kim", now: accountT0) == nil)
            #expect(try await store.tokens.authenticate(tokenHash: "t-lee", now: accountT0)?.user.id == lee.id)
            var tokens = Dictionary(uniqueKeysWithValues: try await store.tokens.list().map { ($0.id, $0) })
            let revokedAt = try #require(tokens[kimToken.id]?.revokedAt, "the account's tokens are revoked")
            #expect(tokens[leeToken.id]?.revokedAt == nil)

            // Disabling again changes nothing: a revoked token keeps the time it was revoked.
            try await store.users.disable(login: "kim", audit: accountAudit("user.disable", "kim"))
            tokens = Dictionary(uniqueKeysWithValues: try await store.tokens.list().map { ($0.id, $0) })
            #expect(tokens[kimToken.id]?.revokedAt == revokedAt)
            await accountError(.notFound) { try await store.users.disable(login: "nobody", audit: accountAudit("user.disable", "nobody")) }
            #expect(try await store.audit.count(action: "user.disable", target: "kim", origin: nil, since: accountT0) == 2)
            #expect(try await store.audit.count(action: "user.disable", target: "nobody", origin: nil, since: accountT0) == 0)
        }
    }

    // MARK: Regions

    @Test(arguments: StoreKind.available) func regionsAreUpsertedByCodeWithTheirBoundariesAndCountedByLevel(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            #expect(try await store.regions.all().isEmpty)
            #expect(try await store.regions.count(level: nil) == 0)
            // A province with a hole and a second part, and a dong under a district that is not loaded.
            let sejong = Region(
                code: "3600000000", level: .sido, name: "세종특별자치시", fullName: "세종특별자치시", parentCode: nil, kostatCode: "29", kostatCode8: nil,
                boundary: MultiPolygon(polygons: [
                    Polygon(rings: [square(127.1, 36.4, 0.4), square(127.2, 36.5, 0.05)]), Polygon(rings: [square(127.6, 36.4, 0.02)]),
                ]))
            let jochiwon = Region(
                code: "3611025000", level: .emd, name: "조치원읍", fullName: "세종특별자치시 조치원읍", parentCode: "3611000000", kostatCode: "2901025",
                kostatCode8: "29010250", boundary: MultiPolygon(Polygon(rings: [square(127.28, 36.59, 0.03)])))
            try await store.regions.upsert([jochiwon, sejong], source: "test", audit: accountAudit("regions.load", "2"))
            #expect(try await store.regions.all() == [sejong, jochiwon], "ordered by code, every field and the boundary kept")
            #expect(try await store.regions.count(level: nil) == 2)
            #expect(try await store.regions.count(level: .sido) == 1)
            #expect(try await store.regions.count(level: .sgg) == 0)
            #expect(try await store.regions.count(level: .emd) == 1)

            // The same code again replaces the region.
            var renamed = Region(
                code: "3611025000", level: .emd, name: "조치원", fullName: "세종 조치원", parentCode: nil, kostatCode: nil, kostatCode8: nil,
                boundary: MultiPolygon(Polygon(rings: [square(127.27, 36.58, 0.05)])))
            renamed.areaSquareMetres = 12_345.5
            try await store.regions.upsert([renamed], source: "test", audit: accountAudit("regions.load", "1"))
            #expect(try await store.regions.all() == [sejong, renamed])

            // One transaction: a batch with a region the store refuses (a code that is not ten digits) stores nothing.
            let district = Region(
                code: "3611000000", level: .sgg, name: "세종", fullName: "세종특별자치시 세종", parentCode: "3600000000", kostatCode: nil, kostatCode8: nil,
                boundary: MultiPolygon(Polygon(rings: [square(127.2, 36.5, 0.1)])))
            var broken = district
            broken.code = "36110"
            await #expect(throws: (any Error).self) {
                try await store.regions.upsert([district, broken], source: "test", audit: accountAudit("regions.load", "broken"))
            }
            #expect(try await store.regions.all() == [sejong, renamed])
            #expect(
                try await store.audit.recent(limit: 10).filter { $0.action == "regions.load" }.map(\.target) == ["1", "2"], "audited in the same call"
            )
        }
    }

    @Test(arguments: StoreKind.available) func theCodeCrosswalkIsReplacedWhole(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            let jochiwon = RegionCodeEntry(
                code: "3611025000", kostatCode: "2901025", kostatCode8: "29010250", fullName: "세종특별자치시 조치원읍", name: "조치원읍", sggCode: "3611000000",
                sggName: "세종특별자치시", sidoCode: "3600000000", sidoName: "세종특별자치시")
            let hansol = RegionCodeEntry(
                code: "3611051500", kostatCode: nil, kostatCode8: nil, fullName: "세종특별자치시 한솔동", name: "한솔동", sggCode: "3611000000",
                sggName: "세종특별자치시",
                sidoCode: "3600000000", sidoName: "세종특별자치시")
            let areum = RegionCodeEntry(
                code: "3611055000", kostatCode: "2901055", kostatCode8: nil, fullName: "세종특별자치시 아름동", name: "아름동", sggCode: "3611000000",
                sggName: "세종특별자치시", sidoCode: "3600000000", sidoName: "세종특별자치시")
            #expect(try await store.regions.codeEntries().isEmpty)
            try await store.regions.replaceCodes([hansol, jochiwon], audit: accountAudit("regions.codes", "2"))
            #expect(try await store.regions.codeEntries() == [jochiwon, hansol], "ordered by code, missing KOSTAT codes kept as nil")
            try await store.regions.replaceCodes([areum], audit: accountAudit("regions.codes", "1"))
            #expect(try await store.regions.codeEntries() == [areum], "the old crosswalk is gone")

            // One transaction: a refused crosswalk (a code twice) leaves the one before.
            await #expect(throws: (any Error).self) {
                try await store.regions.replaceCodes([jochiwon, jochiwon], audit: accountAudit("regions.codes", "dup"))
            }
            #expect(try await store.regions.codeEntries() == [areum])
            try await store.regions.replaceCodes([], audit: accountAudit("regions.codes", "0"))
            #expect(try await store.regions.codeEntries().isEmpty)
            #expect(try await store.audit.recent(limit: 10).filter { $0.action == "regions.codes" }.map(\.target) == ["0", "1", "2"])
            #expect(try await store.regions.count(level: nil) == 0, "the crosswalk is not the registry")
        }
    }

    // MARK: Sign-in throttle

    @Test(arguments: StoreKind.available) func failuresAreCountedBeforeThePasswordAndDelaysDoubleUpToTheirCap(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            var throttle = SignInThrottle()
            throttle.rules[.pair] = SignInThrottle.Rule(freeFailures: 2, firstDelay: 30, maxDelay: 120)
            let keys = throttle.keys(login: "kim", origin: "10.0.0.7")
            func attempt(_ seconds: Double) async throws -> SignInDecision {
                try await store.signInThrottle.reserve(
                    keys, throttle: throttle, login: "kim", origin: "10.0.0.7", now: accountT0.addingTimeInterval(seconds))
            }
            func until(_ seconds: Double) -> SignInDecision { .refused(until: accountT0.addingTimeInterval(seconds)) }

            #expect(try await attempt(0) == .reserved)
            #expect(try await attempt(0) == .reserved, "the second failure is free, and sets the first delay")
            #expect(try await attempt(0) == until(30))
            #expect(try await attempt(29.5) == until(30), "a refusal is not a failure: the wait does not grow")
            #expect(try await attempt(30) == .reserved, "allowed again exactly when the delay ends")
            #expect(try await attempt(31) == until(90))
            #expect(try await attempt(90) == .reserved)
            #expect(try await attempt(91) == until(210))
            #expect(try await attempt(210) == .reserved)
            #expect(try await attempt(211) == until(330), "capped at the rule's maximum")

            // A right password forgets the failures: the free ones are free again.
            try await store.signInThrottle.clear(keys)
            #expect(try await attempt(212) == .reserved)
            #expect(try await attempt(212) == .reserved)
            #expect(try await attempt(212) == until(242))
        }
    }

    @Test(arguments: StoreKind.available) func anAttemptWaitsForTheLatestOfItsKeys(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            var throttle = SignInThrottle()
            throttle.rules[.pair] = SignInThrottle.Rule(freeFailures: 1, firstDelay: 60, maxDelay: 60)
            throttle.rules[.login] = SignInThrottle.Rule(freeFailures: 1, firstDelay: 600, maxDelay: 600)
            let t = accountT0
            #expect(
                try await store.signInThrottle.reserve(
                    throttle.keys(login: "lee", origin: nil), throttle: throttle, login: "lee", origin: nil, now: t)
                    == .reserved)
            #expect(
                try await store.signInThrottle.reserve(
                    throttle.keys(login: "lee", origin: nil), throttle: throttle, login: "lee", origin: nil, now: t.addingTimeInterval(1))
                    == .refused(until: t.addingTimeInterval(600)))
            // The login's own key holds whoever guesses at it, from any address; other logins are not held.
            #expect(
                try await store.signInThrottle.reserve(
                    throttle.keys(login: "lee", origin: "10.0.0.9"), throttle: throttle, login: "lee", origin: "10.0.0.9",
                    now: t.addingTimeInterval(2))
                    == .refused(until: t.addingTimeInterval(600)))
            #expect(
                try await store.signInThrottle.reserve(
                    throttle.keys(login: "kim", origin: "10.0.0.9"), throttle: throttle, login: "kim", origin: "10.0.0.9",
                    now: t.addingTimeInterval(2))
                    == .reserved)
        }
    }

    @Test(arguments: StoreKind.available) func refusalsReachTheAuditLogAtMostOncePerIntervalAsACount(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            var throttle = SignInThrottle()
            throttle.rules[.pair] = SignInThrottle.Rule(freeFailures: 1, firstDelay: 600, maxDelay: 600)
            let keys = throttle.keys(login: "kim", origin: "10.0.0.7")
            func attempt(_ seconds: Double) async throws -> SignInDecision {
                try await store.signInThrottle.reserve(
                    keys, throttle: throttle, login: "kim", origin: "10.0.0.7", now: accountT0.addingTimeInterval(seconds))
            }
            func reported() async throws -> Int {
                try await store.audit.count(action: "login.blocked", target: "kim", origin: "10.0.0.7", since: accountT0)
            }

            #expect(try await attempt(0) == .reserved)
            #expect(try await reported() == 0, "a reserved attempt is not a refusal")
            #expect(try await attempt(0) == .refused(until: accountT0.addingTimeInterval(600)))
            #expect(try await reported() == 1)
            var entry = try #require(try await store.audit.recent(limit: 1).first)
            #expect(entry.actor == nil && entry.at == accountT0 && entry.detail?.hasPrefix("1 attempt(s) refused by pair") == true)
            _ = try await attempt(10)
            _ = try await attempt(20)
            #expect(try await reported() == 1, "within the interval refusals are only counted")
            _ = try await attempt(60)
            #expect(try await reported() == 2)
            entry = try #require(try await store.audit.recent(limit: 1).first)
            #expect(
                entry.at == accountT0.addingTimeInterval(60) && entry.detail?.hasPrefix("3 attempt(s) refused by pair") == true,
                "\(entry.detail ?? "")")
            #expect(try await attempt(600) == .reserved)
        }
    }

    @Test(arguments: StoreKind.available) func failuresAreForgottenAfterTheirTimeAndPrunedByTheirLastFailure(_ kind: StoreKind) async throws {
        try await kind.withStore { (store: TestStore) async throws in
            var throttle = SignInThrottle()
            throttle.rules[.pair] = SignInThrottle.Rule(freeFailures: 1, firstDelay: 7200, maxDelay: 7200)
            throttle.forgetAfter = 3600
            func attempt(_ login: String, _ seconds: Double) async throws -> SignInDecision {
                try await store.signInThrottle.reserve(
                    throttle.keys(login: login, origin: nil), throttle: throttle, login: login, origin: nil,
                    now: accountT0.addingTimeInterval(seconds))
            }
            #expect(try await attempt("kim", 0) == .reserved)
            #expect(try await attempt("kim", 1800) == .refused(until: accountT0.addingTimeInterval(7200)))
            #expect(
                try await attempt("kim", 3600) == .refused(until: accountT0.addingTimeInterval(7200)), "forgotten only once older than forgetAfter")
            #expect(try await attempt("kim", 3601) == .reserved)

            // Pruning drops the keys whose last failure is strictly older than the date.
            #expect(try await attempt("lee", 4000) == .reserved)
            try await store.signInThrottle.prune(before: accountT0.addingTimeInterval(3601))
            #expect(
                try await attempt("kim", 4001) == .refused(until: accountT0.addingTimeInterval(3601 + 7200)),
                "kept: its last failure is the date itself")
            try await store.signInThrottle.prune(before: accountT0.addingTimeInterval(4000))
            #expect(try await attempt("kim", 4002) == .reserved, "pruned: its failures are gone")
            #expect(
                try await attempt("lee", 4003) == .refused(until: accountT0.addingTimeInterval(4000 + 7200)),
                "kept: a failure at the date is not older")
        }
    }
}

// MARK: Fixtures

/// 2027-01-15T08:00:00Z, 17:00 in Seoul.
private let accountT0 = Date(timeIntervalSince1970: 1_800_000_000)

private func accountAudit(_ action: String, _ target: String) -> AuditEvent {
    AuditEvent(actor: "admin", action: action, target: target, at: accountT0)
}

/// The same account; the creation time as stored may be rounded (to the millisecond in SQLite, the microsecond in PostgreSQL).
private func sameAccount(_ a: User, _ b: User) -> Bool {
    a.id == b.id && a.login == b.login && a.name == b.name && a.role == b.role && a.disabled == b.disabled
        && abs(a.createdAt.timeIntervalSince(b.createdAt)) < 0.001
}

/// Expects `body` to throw a ``MokminError`` of `kind`.
private func accountError(_ kind: MokminError.Kind, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async {
    let error = await #expect(throws: MokminError.self, sourceLocation: sourceLocation) { try await body() }
    #expect(error?.kind == kind, sourceLocation: sourceLocation)
}

/// An open square ring from its south-west corner.
private func square(_ lon: Double, _ lat: Double, _ size: Double) -> [GeoPoint] {
    [
        GeoPoint(lon: lon, lat: lat), GeoPoint(lon: lon + size, lat: lat), GeoPoint(lon: lon + size, lat: lat + size),
        GeoPoint(lon: lon, lat: lat + size),
    ]
}
