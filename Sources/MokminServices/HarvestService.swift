import Foundation
import MokminBase
import MokminCore
import MokminIngest
import MokminStore

/// Scheduled collection from public APIs and other HTTP endpoints into the data hub.
///
/// Each run downloads the URL (with the service key added as a query parameter) through ``OutboundHTTP`` — its
/// address policy, a size cap (``limits``) and one deadline — into a file, then imports it as a new version
/// that keeps every earlier row and adds only rows whose key is new, so re-running a harvest never duplicates rows.
/// One harvest's failure is recorded on it and never stops another. The service key is write-only: it is never
/// returned, logged, audited or put into an error message.
public struct HarvestService: Sendable {
    let store: any HarvestRepository
    let datasets: any DatasetRepository
    public let importer: ImportService
    public let http: OutboundHTTP
    /// The download's size cap and the time for the whole request (redirects included).
    public var limits: OutboundLimits = .harvest
    /// Leases that let one server of several run each due harvest (nil: this process decides alone).
    public var leases: JobLeases?

    public init(harvests: any HarvestRepository, datasets: any DatasetRepository, importer: ImportService, http: OutboundHTTP) {
        self.store = harvests
        self.datasets = datasets
        self.importer = importer
        self.http = http
    }

    /// The same checks for the command line, the admin page and the JSON API.
    public static func check(_ h: NewHarvest) throws {
        try DatasetRules.check(DatasetMetadata(slug: h.datasetSlug, title: h.datasetSlug))
        try OutboundURL.checkStored(h.url)
        guard ["json", "csv", "tsv", "geojson"].contains(h.format) else {
            throw MokminError(.invalidInput, ko: "형식은 json, csv, tsv, geojson 중 하나입니다", en: "The format must be json, csv, tsv or geojson")
        }
        guard (1...525_600).contains(h.intervalMinutes) else {
            throw MokminError(.invalidInput, ko: "주기는 1분에서 1년 사이여야 합니다", en: "The interval must be between 1 minute and 1 year")
        }
        guard !h.uniqueKey.isEmpty, h.uniqueKey.allSatisfy({ !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) else {
            throw MokminError(
                .invalidInput, ko: "중복을 가릴 열(key)을 하나 이상 정해야 합니다", en: "Name at least one key column to de-duplicate rows on")
        }
        guard h.uniqueKey.count <= 64, h.uniqueKey.allSatisfy({ $0.count <= 200 }) else {
            throw MokminError(
                .invalidInput, ko: "중복을 가릴 열(key)은 64개, 각 200자까지입니다", en: "At most 64 key columns of at most 200 characters each")
        }
        guard (1...100).contains(h.keyParameter.count), h.keyParameter.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw MokminError(.invalidInput, ko: "서비스키 매개변수 이름이 올바르지 않습니다", en: "The service-key parameter name is not valid")
        }
    }

    public func add(_ h: NewHarvest, actor: String?) async throws -> Harvest {
        try Self.check(h)
        let audit = AuditEvent(actor: actor, action: "harvest.add", detail: Self.auditURL(h.url, keyParameter: h.keyParameter))
        return try await store.create(h, audit: audit)
    }

    /// Removes a harvest (the dataset stays); the audit entry names its dataset and URL.
    public func remove(id: Int64, actor: String?, origin: String? = nil) async throws {
        guard let harvest = try await store.find(id: id) else {
            throw MokminError(.notFound, ko: "없는 수집 설정입니다: \(id)", en: "No such harvest: \(id)")
        }
        let detail = "dataset=\(harvest.datasetSlug) " + Self.auditURL(harvest.url, keyParameter: harvest.keyParameter)
        try await store.remove(
            id: id, audit: AuditEvent(actor: actor, action: "harvest.remove", target: "harvest \(id)", detail: detail, origin: origin))
    }

    /// `url=…` for the audit log: the URL with its key parameter and other secret values masked.
    static func auditURL(_ url: String, keyParameter: String) -> String {
        "url=" + OutboundURL.redacted(url, extraSecrets: [keyParameter])
    }

    /// What a run did.
    public struct RunResult: Sendable {
        public var rowsAdded: Int
        public var version: Int?
    }

    /// Runs one harvest now; records the outcome on the harvest either way and rethrows a failure.
    @discardableResult
    public func run(id: Int64, actor: String? = nil) async throws -> RunResult {
        guard let harvest = try await store.find(id: id) else {
            throw MokminError(.notFound, ko: "없는 수집 설정입니다: \(id)", en: "No such harvest: \(id)")
        }
        let key = try await store.serviceKey(id: id)
        let started = Date()
        do {
            let result = try await collect(harvest, key: key, actor: actor)
            try await store.recordRun(id: id, at: started, error: nil, rowsAdded: result.rowsAdded)
            return result
        } catch {
            var message = (error as? any BilingualError)?.message.description ?? "\(error)"
            if let key, !key.isEmpty { message = message.replacingOccurrences(of: key, with: "***") }
            try await store.recordRun(id: id, at: started, error: message, rowsAdded: nil)
            throw MokminError(.upstream, ko: "수집 \(id) 실패: \(message)", en: "Harvest \(id) failed: \(message)")
        }
    }

    private func collect(_ harvest: Harvest, key: String?, actor: String?) async throws -> RunResult {
        let parameters = key.map { $0.isEmpty ? [] : [(harvest.keyParameter, $0)] } ?? []
        let components = URLComponents(string: harvest.url) ?? URLComponents()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-harvest-\(UUID().uuidString).\(harvest.format)")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try await http.download(harvest.url, query: parameters, to: file, limits: limits)
        } catch let error as OutboundError {
            throw error.mokminError
        }

        let existing = try await datasets.dataset(slug: harvest.datasetSlug)
        let metadata = existing?.metadata ?? DatasetMetadata(slug: harvest.datasetSlug, title: harvest.datasetSlug, source: harvest.url)
        var request2 = ImportService.Request(
            file: file, fileName: components.path.split(separator: "/").last.map(String.init) ?? harvest.datasetSlug, metadata: metadata,
            options: ReaderOptions(format: SourceFormat(rawValue: harvest.format) ?? .json), skipBadRows: true, actor: actor ?? "harvest")
        if let latest = existing?.latest {
            request2.appendToLatest = true
            request2.typeOverrides = Dictionary(latest.columns.map { ($0.label, $0.type) }, uniquingKeysWith: { a, _ in a })
        }
        request2.uniqueKey = harvest.uniqueKey
        let before = existing?.latest?.rowCount ?? 0
        let outcome: ImportOutcome
        do {
            outcome = try await importer.run(request2)
        } catch is DatasetUnchanged {
            return RunResult(rowsAdded: 0, version: existing?.latest?.number)
        }
        guard let version = outcome.version else { return RunResult(rowsAdded: 0, version: nil) }
        return RunResult(rowsAdded: version.rowCount - before, version: version.number)
    }

    /// Runs every due harvest, one after another; a failure is recorded and the next one runs.
    public func runDue(now: Date = Date()) async -> Int {
        guard let all = try? await store.list() else { return 0 }
        var ran = 0
        for harvest in all where harvest.isDue(at: now) {
            guard let leases else {
                _ = try? await run(id: harvest.id)
                ran += 1
                continue
            }
            // Under the harvest's lease, and only if no other server ran it since the list was read.
            let done = await leases.run("harvest:\(harvest.id)") { () async -> Bool in
                guard let fresh = try? await store.find(id: harvest.id), fresh.isDue(at: Date()) else { return false }
                _ = try? await run(id: harvest.id)
                return true
            }
            if done == true { ran += 1 }
        }
        return ran
    }

    /// Every harvest (never with its service key).
    public func list() async throws -> [Harvest] { try await store.list() }
}
