import Crypto
import Foundation
import Logging
import MokminBase
import MokminCore
import MokminParticipation
import MokminStore

/// Where one-time codes go when the city sends them instead of printing them.
public protocol CodeSender: Sendable {
    /// Delivers `body` (which holds the code) to `recipient` (a phone number or an address, as the city keeps it).
    func send(code: String, body: String, recipient: String, batch: String) async throws
}

/// The only built-in sender: it "sends" by writing the message to the server log and to the outbox the admin page
/// shows. A city that wants SMS or KakaoTalk implements ``CodeSender`` with its provider.
public struct LogCodeSender: CodeSender {
    let residents: any ResidentRepository
    let logger: Logger

    public init(residents: any ResidentRepository, logger: Logger = Logger(label: "mokmin.codes")) {
        self.residents = residents
        self.logger = logger
    }

    public func send(code: String, body: String, recipient: String, batch: String) async throws {
        logger.notice("one-time code sent", metadata: ["batch": .string(batch), "recipient": .string(recipient), "message": .string(body)])
        try await residents.recordMessage(batch: batch, recipient: recipient, body: body, at: Date())
    }
}

/// Residents: the roster, one-time codes, verification and the participation session (its own cookie, apart from
/// staff sessions).
public struct ResidentService: Sendable {
    let residents: any ResidentRepository
    let settings: any SettingRepository
    let signInThrottle: any SignInThrottleRepository
    public let sender: any CodeSender
    public var throttle = SignInThrottle()
    /// A participation session lasts a day: residents come from a phone, vote and leave.
    public var sessionLifetime: TimeInterval = 24 * 3600
    static let saltKey = "participation.salt"
    public static let maxCodesPerBatch = 10_000

    public init(repositories: Repositories, sender: (any CodeSender)? = nil) {
        residents = repositories.residents
        settings = repositories.settings
        signInThrottle = repositories.signInThrottle
        self.sender = sender ?? LogCodeSender(residents: repositories.residents)
    }

    /// The installation's secret salt for identifier hashes (made by the migration that created the tables).
    func salt() async throws -> SymmetricKey {
        guard let stored = try await settings.value(for: Self.saltKey), let data = Data(base64Encoded: stored), data.count == 32 else {
            throw MokminError(
                .unavailable, ko: "주민 명부의 비밀 값(salt)이 없습니다: mokmin migrate를 실행하세요", en: "The roster salt is missing: run mokmin migrate")
        }
        return SymmetricKey(data: data)
    }

    /// HMAC-SHA-256 of the identifier (spaces and dashes removed) under the salt, in hex.
    func identifierHash(_ identifier: String, salt: SymmetricKey) -> String {
        let normalized = identifier.filter { !$0.isWhitespace && $0 != "-" }
        return HMAC<SHA256>.authenticationCode(for: Data(normalized.utf8), using: salt).map { String(format: "%02x", $0) }.joined()
    }

    /// Imports a roster file (see ``RosterFile``): every line is checked before anything is stored, then all are
    /// stored in one transaction. The identifiers are hashed here and never stored.
    public func importRoster(_ text: String, fileName: String, actor: String?, origin: String?, isDemo: Bool = false) async throws -> (
        added: Int, updated: Int
    ) {
        let entries = try RosterFile.parse(text, fileName: fileName, currentYear: LocalTime(Date()).year)
        let salt = try await salt()
        let hashed = entries.map { (identifierHash: identifierHash($0.identifier, salt: salt), profile: $0.profile) }
        return try await residents.importRoster(
            hashed, batch: fileName, isDemo: isDemo, audit: AuditEvent(actor: actor, action: "participation.roster", origin: origin))
    }

    /// Issues `count` one-time codes for residents of one 읍면동 and age, valid `days` days. Returns the codes (shown
    /// once, to print); only their hashes are stored. With `recipients`, one code goes to each through the sender.
    public func issueCodes(
        count: Int, profile: ResidentProfile, batch: String, days: Int, recipients: [String] = [], actor: String?, origin: String?,
        isDemo: Bool = false
    ) async throws -> [String] {
        let n = recipients.isEmpty ? count : recipients.count
        guard (1...Self.maxCodesPerBatch).contains(n) else {
            throw MokminError(.invalidInput, ko: "한 번에 1–\(Self.maxCodesPerBatch)개를 발급합니다", en: "Issue 1–\(Self.maxCodesPerBatch) codes at a time")
        }
        guard (1...366).contains(days) else {
            throw MokminError(.invalidInput, ko: "유효 기간은 1–366일입니다", en: "A code is valid 1–366 days")
        }
        let name = batch.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else {
            throw MokminError(.invalidInput, ko: "묶음 이름은 1–100자입니다", en: "A batch name has 1–100 characters")
        }
        try Self.check(profile)
        let codes = (0..<n).map { _ in ResidentCode.make() }
        try await residents.issueCodes(
            codes.map { (codeHash: SecretDigest.hex(ResidentCode.normalize($0)!), profile: profile) }, batch: name,
            expiresAt: Date().addingTimeInterval(Double(days) * 86_400), isDemo: isDemo,
            audit: AuditEvent(actor: actor, action: "participation.codes", origin: origin))
        for (code, recipient) in zip(codes, recipients) {
            let body = "[목민] 주민 참여 인증 코드: \(code) (\(days)일 동안 한 번 쓸 수 있습니다) / Your Mokmin participation code: \(code)"
            try await sender.send(code: code, body: body, recipient: recipient, batch: name)
        }
        return codes
    }

    static func check(_ profile: ResidentProfile) throws {
        guard profile.emdCode.count == 10, profile.emdCode.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw MokminError(.invalidInput, ko: "읍면동 코드는 숫자 10자리입니다", en: "A 읍면동 code has 10 digits")
        }
        if let year = profile.birthYear, !(1900...LocalTime(Date()).year).contains(year) {
            throw MokminError(.invalidInput, ko: "출생연도가 올바르지 않습니다", en: "The birth year is out of range")
        }
        guard profile.birthYear != nil || profile.ageBand != nil else {
            throw MokminError(.invalidInput, ko: "출생연도나 연령대가 필요합니다", en: "A birth year or an age band is required")
        }
    }

    func reserve(origin: String?) async throws -> [SignInThrottle.Key] {
        let keys = throttle.keys(login: "resident", origin: origin).filter { $0.scope == .pair }
        let now = Date()
        if case .refused(let until) = try await signInThrottle.reserve(keys, throttle: throttle, login: "resident", origin: origin, now: now) {
            let seconds = max(1, Int(min(until.timeIntervalSince(now), 86_400).rounded(.up)))
            throw MokminError(
                .rateLimited, ko: "인증 시도가 너무 많습니다. \(seconds)초 뒤에 다시 시도하세요.", en: "Too many attempts. Try again in \(seconds) s.")
        }
        return keys
    }

    /// Verifies a roster resident by the identifier the city holds and the birth year (when the roster has one).
    /// Attempts are throttled per address like staff sign-in.
    public func verify(identifier: String, birthYear: Int?, origin: String?) async throws -> Resident {
        let keys = try await reserve(origin: origin)
        let hash = identifierHash(identifier, salt: try await salt())
        guard let resident = try await residents.verifyRoster(identifierHash: hash, now: Date()),
            resident.birthYear == nil || resident.birthYear == birthYear
        else {
            throw MokminError(
                .unauthorized, ko: "명부에서 찾을 수 없습니다. 식별번호와 출생연도를 확인하세요",
                en: "Not found in the roster: check the identifier and the birth year")
        }
        try await signInThrottle.clear(keys)
        return resident
    }

    /// Verifies a resident with a one-time code (used once).
    public func redeem(code: String, origin: String?) async throws -> Resident {
        let keys = try await reserve(origin: origin)
        guard let normalized = ResidentCode.normalize(code),
            let resident = try await residents.redeemCode(codeHash: SecretDigest.hex(normalized), now: Date())
        else {
            throw MokminError(
                .unauthorized, ko: "코드가 맞지 않거나 이미 사용되었거나 기한이 지났습니다", en: "The code is wrong, used or expired")
        }
        try await signInThrottle.clear(keys)
        return resident
    }

    /// Opens a participation session: the cookie value (only its hash is stored) and the session's CSRF token.
    public func startSession(for resident: Resident) async throws -> (cookie: String, csrfToken: String) {
        let cookie = SecretToken.make(), csrf = SecretToken.make()
        try await residents.createSession(
            idHash: SecretDigest.hex(cookie), residentID: resident.id, csrfToken: csrf, expiresAt: Date().addingTimeInterval(sessionLifetime))
        return (cookie, csrf)
    }

    public func session(forCookie cookie: String) async throws -> (resident: Resident, csrfToken: String)? {
        try await residents.findSession(idHash: SecretDigest.hex(cookie), now: Date())
    }

    public func endSession(cookie: String) async throws { try await residents.deleteSession(idHash: SecretDigest.hex(cookie)) }

    public func summary() async throws -> ResidentSummary { try await residents.summary(now: Date()) }

    public func outbox(limit: Int = 50) async throws -> [CodeMessage] { try await residents.messages(limit: min(max(limit, 1), 500)) }

    public func deleteExpiredSessions() async throws -> Int { try await residents.deleteExpiredSessions(now: Date()) }
}
