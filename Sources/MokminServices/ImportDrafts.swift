import Foundation
import MokminBase
import MokminCore
import MokminIngest

/// Uploaded files waiting for the analyst to review and publish, one folder each under `directory`:
/// the file itself (`data`), what was said about it (`draft.json`) and, once read, the first pass's plan (`plan.json`),
/// so that publishing reads the file only once more, to store it. Only their uploader (or an admin) may use them.
public struct ImportDrafts: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public struct Draft: Codable, Sendable {
        public var id: String
        public var fileName: String
        public var format: String
        public var encoding: String?
        public var sheet: String?
        public var uploader: String
        public var createdAt: Date

        public init(id: String, fileName: String, format: String, encoding: String?, sheet: String?, uploader: String, createdAt: Date) {
            self.id = id
            self.fileName = fileName
            self.format = format
            self.encoding = encoding
            self.sheet = sheet
            self.uploader = uploader
            self.createdAt = createdAt
        }
    }

    public func folder(_ id: String) -> URL { directory.appendingPathComponent(id) }
    public func dataFile(_ id: String) -> URL { folder(id).appendingPathComponent("data") }

    /// A fresh folder for an upload; returns its id.
    public func create() throws -> String {
        let id = SecretToken.make(length: 24)
        try FileManager.default.createDirectory(at: folder(id), withIntermediateDirectories: true)
        return id
    }

    public func save(_ draft: Draft) throws {
        try JSONEncoder().encode(draft).write(to: folder(draft.id).appendingPathComponent("draft.json"))
    }

    /// The draft, if it exists and `principal` may use it.
    public func load(_ id: String, for principal: Principal?) throws -> Draft {
        guard id.allSatisfy({ $0.isLetter || $0.isNumber }), let principal,
            let data = FileManager.default.contents(atPath: folder(id).appendingPathComponent("draft.json").path),
            let draft = try? JSONDecoder().decode(Draft.self, from: data),
            draft.uploader == principal.login || principal.role == .admin
        else {
            throw MokminError(.notFound, ko: "올린 파일이 없거나 이미 처리되었습니다", en: "No such upload, or it was already handled")
        }
        return draft
    }

    /// The first pass's plan kept with the draft, or nil before the file was first read.
    public func plan(_ id: String) -> ImportPlan? {
        FileManager.default.contents(atPath: folder(id).appendingPathComponent("plan.json").path).flatMap {
            try? JSONDecoder().decode(ImportPlan.self, from: $0)
        }
    }

    public func savePlan(_ plan: ImportPlan, for id: String) throws {
        try JSONEncoder().encode(plan).write(to: folder(id).appendingPathComponent("plan.json"))
    }

    public func remove(_ id: String) {
        try? FileManager.default.removeItem(at: folder(id))
    }

    /// Deletes drafts older than `age` seconds (abandoned uploads).
    public func sweep(olderThan age: TimeInterval, now: Date = Date()) {
        let items = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        for item in items {
            let modified = (try? item.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? now
            if now.timeIntervalSince(modified) > age { try? FileManager.default.removeItem(at: item) }
        }
    }
}
