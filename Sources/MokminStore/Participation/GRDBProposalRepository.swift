import Foundation
import GRDB
import MokminBase
import MokminCore
import MokminParticipation

/// The GRDB implementation of `ProposalRepository`.
public struct GRDBProposalRepository: ProposalRepository {
    let writer: any DatabaseWriter
    public init(_ database: AppDatabase) { writer = database.writer }

    /// Every column but the photo's bytes, with the supporter count and the PB project naming the proposal.
    static let columns = """
        p.id, p.title, p.body, p.category, p.emdCode, p.photo IS NOT NULL AS hasPhoto, p.status, p.mergedInto, p.reason,
        p.supportThreshold, p.supportClosesAt, p.answer, p.answeredAt, p.answeredBy, p.isDemo, p.createdAt, p.publishedAt,
        (SELECT COUNT(*) FROM proposalSupport s WHERE s.proposalID = p.id) AS supporters,
        (SELECT MIN(id) FROM pbProject WHERE proposalID = p.id) AS projectID
        """

    static func proposal(_ row: Row) -> Proposal {
        Proposal(
            id: row["id"], title: row["title"], body: row["body"], category: row["category"], emdCode: row["emdCode"], hasPhoto: row["hasPhoto"],
            status: ProposalStatus(rawValue: row["status"]) ?? .pending, mergedInto: row["mergedInto"], reason: row["reason"],
            supportThreshold: row["supportThreshold"], supportClosesAt: row["supportClosesAt"], answer: row["answer"],
            answeredAt: row["answeredAt"], answeredBy: row["answeredBy"], supporters: row["supporters"], createdAt: row["createdAt"],
            publishedAt: row["publishedAt"], isDemo: row["isDemo"], projectID: row["projectID"])
    }

    static func fetch(_ db: Database, id: Int64) throws -> Proposal? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM proposal p WHERE p.id = ?", arguments: [id]).map(proposal)
    }

    static func notFound(_ id: Int64) -> MokminError {
        MokminError(.notFound, ko: "없는 제안입니다: \(id)", en: "No such proposal: \(id)")
    }

    /// The status of proposal `id`, or not found.
    static func status(_ db: Database, _ id: Int64) throws -> ProposalStatus {
        guard let raw = try String.fetchOne(db, sql: "SELECT status FROM proposal WHERE id = ?", arguments: [id]) else { throw notFound(id) }
        return ProposalStatus(rawValue: raw) ?? .pending
    }

    static func audit(_ db: Database, _ audit: AuditEvent, proposalID: Int64, detail: String?) throws {
        var event = audit
        event.target = "proposal \(proposalID)"
        event.detail = detail
        try AuditRecord(event).insert(db)
    }

    public func create(_ proposal: NewProposal, residentID: Int64, isDemo: Bool, now: Date) async throws -> Proposal {
        let p = try proposal.validated()
        return try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO proposal (residentID, title, body, category, emdCode, photo, photoType, status, isDemo, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                    """,
                arguments: [residentID, p.title, p.body, p.category, p.emdCode, p.photo, p.photoType, isDemo, now])
            let id = db.lastInsertedRowID
            guard let created = try Self.fetch(db, id: id) else { throw Self.notFound(id) }
            return created
        }
    }

    public func proposals(_ filter: ProposalFilter, limit: Int, offset: Int) async throws -> (proposals: [Proposal], total: Int) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        let statuses = filter.statuses.isEmpty ? ProposalStatus.allCases : filter.statuses
        conditions.append("p.status IN (\(statuses.map { _ in "?" }.joined(separator: ", ")))")
        for status in statuses { arguments += [status.rawValue] }
        if let category = filter.category {
            conditions.append("p.category = ?")
            arguments += [category]
        }
        if let emd = filter.emdCode {
            conditions.append("p.emdCode = ?")
            arguments += [emd]
        }
        if filter.answerDueOnly {
            conditions.append(
                """
                p.status = 'published' AND p.answer IS NULL AND p.supportThreshold IS NOT NULL
                AND (SELECT COUNT(*) FROM proposalSupport s WHERE s.proposalID = p.id) >= p.supportThreshold
                """)
        }
        let clause = "WHERE " + conditions.joined(separator: " AND ")
        let order =
            switch filter.order {
            case .newest: "COALESCE(p.publishedAt, p.createdAt) DESC, p.id DESC"
            case .oldest: "p.createdAt, p.id"
            case .supporters: "supporters DESC, p.id DESC"
            }
        let limit = min(max(limit, 1), 100), offset = min(max(offset, 0), 1_000_000)
        let countArguments = arguments, pageArguments = arguments + [limit, offset]
        return try await writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM proposal p \(clause)", arguments: countArguments) ?? 0
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(Self.columns) FROM proposal p \(clause) ORDER BY \(order) LIMIT ? OFFSET ?", arguments: pageArguments)
            return (rows.map(Self.proposal), total)
        }
    }

    public func proposal(id: Int64) async throws -> Proposal? {
        try await writer.read { db in try Self.fetch(db, id: id) }
    }

    public func photo(proposalID: Int64) async throws -> (data: Data, type: String)? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT photo, photoType FROM proposal WHERE id = ? AND photo IS NOT NULL", arguments: [proposalID])
            else { return nil }
            return (row["photo"], row["photoType"])
        }
    }

    public func authorID(proposalID: Int64) async throws -> Int64? {
        try await writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT residentID FROM proposal WHERE id = ?", arguments: [proposalID])
        }
    }

    public func hasSupported(proposalID: Int64, residentID: Int64) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM proposalSupport WHERE proposalID = ? AND residentID = ?)", arguments: [proposalID, residentID])
                ?? false
        }
    }

    public func pendingCount(residentID: Int64) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM proposal WHERE residentID = ? AND status = 'pending'", arguments: [residentID]) ?? 0
        }
    }

    public func publish(proposalID: Int64, threshold: Int, closesAt: Date, by: String, now: Date, audit: AuditEvent) async throws {
        try await writer.write { db in
            guard try Self.status(db, proposalID) == .pending else {
                throw MokminError(.conflict, ko: "검토 대기 중인 제안만 공개할 수 있습니다", en: "Only a proposal awaiting moderation can be published")
            }
            try db.execute(
                sql: """
                    UPDATE proposal SET status = 'published', supportThreshold = ?, supportClosesAt = ?, publishedAt = ?, moderatedBy = ?
                    WHERE id = ?
                    """,
                arguments: [threshold, closesAt, now, by, proposalID])
            try Self.audit(db, audit, proposalID: proposalID, detail: "threshold \(threshold), closes \(LocalTime(closesAt).isoDate)")
        }
    }

    public func merge(proposalID: Int64, into targetID: Int64, reason: String?, by: String, now: Date, audit: AuditEvent) async throws -> Int {
        try await writer.write { db in
            guard proposalID != targetID else {
                throw MokminError(.invalidInput, ko: "제안을 자기 자신에 병합할 수 없습니다", en: "A proposal cannot be merged into itself")
            }
            guard [.pending, .published].contains(try Self.status(db, proposalID)) else {
                throw MokminError(
                    .conflict, ko: "검토 대기 중이거나 공개된 제안만 병합할 수 있습니다", en: "Only a pending or published proposal can be merged")
            }
            guard let target = try Self.fetch(db, id: targetID) else {
                throw MokminError(.invalidInput, ko: "병합 대상 제안이 없습니다: \(targetID)", en: "No proposal \(targetID) to merge into")
            }
            guard target.acceptsSupport(at: now) else {
                throw MokminError(
                    .invalidInput, ko: "병합 대상은 공감을 받고 있는 공개 제안이어야 합니다: \(targetID)",
                    en: "The target must be a published proposal still open for support: \(targetID)")
            }
            let targetAuthor = try Int64.fetchOne(db, sql: "SELECT residentID FROM proposal WHERE id = ?", arguments: [targetID])
            // The merged proposal's supporters keep the day they supported; its author supports the target from now.
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO proposalSupport (proposalID, residentID, supportedAt)
                    SELECT ?, residentID, supportedAt FROM proposalSupport WHERE proposalID = ? AND residentID IS NOT ?
                    """,
                arguments: [targetID, proposalID, targetAuthor])
            var carried = db.changesCount
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO proposalSupport (proposalID, residentID, supportedAt)
                    SELECT ?, residentID, ? FROM proposal WHERE id = ? AND residentID IS NOT NULL AND residentID IS NOT ?
                    """,
                arguments: [targetID, now, proposalID, targetAuthor])
            carried += db.changesCount
            try db.execute(
                sql: "UPDATE proposal SET status = 'merged', mergedInto = ?, reason = ?, moderatedBy = ? WHERE id = ?",
                arguments: [targetID, reason, by, proposalID])
            try Self.audit(db, audit, proposalID: proposalID, detail: "into proposal \(targetID), \(carried) supports carried over")
            return carried
        }
    }

    public func reject(proposalID: Int64, reason: String, by: String, audit: AuditEvent) async throws {
        try await writer.write { db in
            guard [.pending, .published].contains(try Self.status(db, proposalID)) else {
                throw MokminError(
                    .conflict, ko: "검토 대기 중이거나 공개된 제안만 반려할 수 있습니다", en: "Only a pending or published proposal can be rejected")
            }
            try db.execute(
                sql: "UPDATE proposal SET status = 'rejected', reason = ?, moderatedBy = ? WHERE id = ?", arguments: [reason, by, proposalID])
            try Self.audit(db, audit, proposalID: proposalID, detail: String(reason.prefix(200)))
        }
    }

    public func support(proposalID: Int64, residentID: Int64, now: Date) async throws {
        try await writer.write { db in
            guard let proposal = try Self.fetch(db, id: proposalID) else { throw Self.notFound(proposalID) }
            guard proposal.status == .published else {
                throw MokminError(.forbidden, ko: "공개된 제안에만 공감할 수 있습니다", en: "Only a published proposal can be supported")
            }
            guard proposal.acceptsSupport(at: now) else {
                throw MokminError(.forbidden, ko: "공감 기간이 끝났습니다", en: "The support period has closed")
            }
            do {
                try db.execute(
                    sql: "INSERT INTO proposalSupport (proposalID, residentID, supportedAt) VALUES (?, ?, ?)",
                    arguments: [proposalID, residentID, now])
            } catch let error as DatabaseError where [.SQLITE_CONSTRAINT_PRIMARYKEY, .SQLITE_CONSTRAINT_UNIQUE].contains(error.extendedResultCode) {
                throw MokminError(
                    .conflict, ko: "이미 공감하셨습니다. 한 사람이 한 번 공감합니다", en: "You have already supported this proposal: one resident, one support")
            }
        }
    }

    public func answer(proposalID: Int64, text: String, by: String, now: Date, audit: AuditEvent) async throws {
        try await writer.write { db in
            guard try Self.status(db, proposalID) == .published else {
                throw MokminError(.conflict, ko: "공개된 제안에만 답변할 수 있습니다", en: "Only a published proposal can be answered")
            }
            try db.execute(
                sql: "UPDATE proposal SET answer = ?, answeredAt = ?, answeredBy = ? WHERE id = ?", arguments: [text, now, by, proposalID])
            try Self.audit(db, audit, proposalID: proposalID, detail: String(text.prefix(200)))
        }
    }

    public func makeProject(_ project: NewProject, roundID: Int64, audit: AuditEvent) async throws -> Int64 {
        let p = try project.validated()
        guard let proposalID = p.proposalID else {
            throw MokminError(.invalidInput, ko: "제안이 지정되지 않았습니다", en: "No proposal named")
        }
        return try await writer.write { db in
            guard try Self.status(db, proposalID) == .published else {
                throw MokminError(.conflict, ko: "공개된 제안만 주민참여예산 사업이 될 수 있습니다", en: "Only a published proposal can become a PB project")
            }
            if let existing = try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM pbProject WHERE proposalID = ?", arguments: [proposalID]) {
                throw MokminError(
                    .conflict, ko: "이 제안은 이미 사업이 되었습니다 (사업 \(existing))", en: "This proposal is already a project (project \(existing))")
            }
            guard let phase = try String.fetchOne(db, sql: "SELECT phase FROM pbRound WHERE id = ?", arguments: [roundID]) else {
                throw MokminError(.invalidInput, ko: "없는 주민참여예산 공모입니다: \(roundID)", en: "No such PB round: \(roundID)")
            }
            guard phase == RoundPhase.proposals.rawValue || phase == RoundPhase.review.rawValue else {
                throw MokminError(
                    .conflict, ko: "사업 제안이나 타당성 검토 단계의 공모에만 사업을 더할 수 있습니다",
                    en: "Projects can be added only to a round taking proposals or under review")
            }
            let id = try GRDBBudgetRoundRepository.insertProject(p, roundID: roundID, db: db)
            try Self.audit(db, audit, proposalID: proposalID, detail: "pb-project \(id) in round \(roundID), \(p.proposedCost) won")
            return id
        }
    }
}
