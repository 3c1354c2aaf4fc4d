import Foundation
import Logging
import MokminBase
import MokminCore
import MokminParticipation
import MokminStore
import PostgresNIO

/// The PostgreSQL implementation of `ProposalRepository`.
///
/// A moderation step locks the proposal's row (`FOR UPDATE`) before it reads the status it decides on, and a support
/// shares that lock, so that a support and a merge or rejection arriving at two servers at once happen one after the
/// other as in SQLite: a support lands before a merge (and is carried over) or after it (and is refused). One support
/// per resident is the primary key of `proposalSupport`.
public struct PostgresProposalRepository: ProposalRepository {
    let store: PostgresStore
    public init(_ store: PostgresStore) { self.store = store }
    var logger: Logger { store.logger }

    /// Every column but the photo's bytes, with the supporter count and the PB project naming the proposal.
    static let columns = """
        p.id, p.title, p.body, p.category, p.emdcode, p.photo IS NOT NULL AS hasphoto, p.status, p.mergedinto, p.reason,
        p.supportthreshold, p.supportclosesat, p.answer, p.answeredat, p.answeredby, p.isdemo, p.createdat, p.publishedat,
        (SELECT count(*) FROM proposalsupport s WHERE s.proposalid = p.id) AS supporters,
        (SELECT min(id) FROM pbproject WHERE proposalid = p.id) AS projectid
        """
    typealias Columns = (
        Int64, String, String, String, String?, Bool, String, Int64?, String?, Int?, Date?, String?, Date?, String?, Bool, Date, Date?, Int, Int64?
    )

    static func proposal(_ r: Columns) -> Proposal {
        Proposal(
            id: r.0, title: r.1, body: r.2, category: r.3, emdCode: r.4, hasPhoto: r.5, status: ProposalStatus(rawValue: r.6) ?? .pending,
            mergedInto: r.7, reason: r.8, supportThreshold: r.9, supportClosesAt: r.10, answer: r.11, answeredAt: r.12, answeredBy: r.13,
            supporters: r.17, createdAt: r.15, publishedAt: r.16, isDemo: r.14, projectID: r.18)
    }

    static func fetch(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws -> Proposal? {
        var bindings = PostgresBindings()
        bindings.append(id)
        return try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(columns) FROM proposal p WHERE p.id = $1", binds: bindings), logger: logger
        )
        .decode(Columns.self).firstElement().map(proposal)
    }

    static func notFound(_ id: Int64) -> MokminError {
        MokminError(.notFound, ko: "없는 제안입니다: \(id)", en: "No such proposal: \(id)")
    }

    /// Locks proposal `id` for the rest of the transaction and returns its status, or not found.
    static func lockedStatus(_ connection: PostgresConnection, _ id: Int64, logger: Logger) async throws -> ProposalStatus {
        guard
            let raw = try await connection.query("SELECT status FROM proposal WHERE id = \(id) FOR UPDATE", logger: logger).decode(String.self)
                .firstElement()
        else { throw notFound(id) }
        return ProposalStatus(rawValue: raw) ?? .pending
    }

    static func audit(_ connection: PostgresConnection, _ audit: AuditEvent, proposalID: Int64, detail: String?, logger: Logger) async throws {
        var event = audit
        event.target = "proposal \(proposalID)"
        event.detail = detail
        try await connection.record(event, logger: logger)
    }

    public func create(_ proposal: NewProposal, residentID: Int64, isDemo: Bool, now: Date) async throws -> Proposal {
        let p = try proposal.validated()
        return try await store.transaction { connection in
            let id = try await connection.query(
                """
                INSERT INTO proposal (residentid, title, body, category, emdcode, photo, phototype, status, isdemo, createdat)
                VALUES (\(residentID), \(p.title), \(p.body), \(p.category), \(p.emdCode), \(p.photo), \(p.photoType), 'pending', \(isDemo), \(now))
                RETURNING id
                """, logger: logger
            ).decode(Int64.self).firstElement()!
            guard let created = try await Self.fetch(connection, id: id, logger: logger) else { throw Self.notFound(id) }
            return created
        }
    }

    public func proposals(_ filter: ProposalFilter, limit: Int, offset: Int) async throws -> (proposals: [Proposal], total: Int) {
        var conditions: [String] = []
        var bindings = PostgresBindings()
        let statuses = filter.statuses.isEmpty ? ProposalStatus.allCases : filter.statuses
        bindings.append(statuses.map(\.rawValue))
        conditions.append("p.status = ANY($\(bindings.count))")
        if let category = filter.category {
            bindings.append(category)
            conditions.append("p.category = $\(bindings.count)")
        }
        if let emd = filter.emdCode {
            bindings.append(emd)
            conditions.append("p.emdcode = $\(bindings.count)")
        }
        if filter.answerDueOnly {
            conditions.append(
                """
                p.status = 'published' AND p.answer IS NULL AND p.supportthreshold IS NOT NULL
                AND (SELECT count(*) FROM proposalsupport s WHERE s.proposalid = p.id) >= p.supportthreshold
                """)
        }
        let clause = "WHERE " + conditions.joined(separator: " AND ")
        let order =
            switch filter.order {
            case .newest: "coalesce(p.publishedat, p.createdat) DESC, p.id DESC"
            case .oldest: "p.createdat, p.id"
            case .supporters: "supporters DESC, p.id DESC"
            }
        let limit = min(max(limit, 1), 100), offset = min(max(offset, 0), 1_000_000)
        let countBindings = bindings
        var pageBindings = bindings
        pageBindings.append(limit)
        pageBindings.append(offset)
        let page = "SELECT \(Self.columns) FROM proposal p \(clause) ORDER BY \(order) LIMIT $\(bindings.count + 1) OFFSET $\(bindings.count + 2)"
        return try await store.transaction { connection in
            // One snapshot for the count and the page, as the GRDB store reads them.
            _ = try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            let total =
                try await connection.query(
                    PostgresQuery(unsafeSQL: "SELECT count(*) FROM proposal p \(clause)", binds: countBindings), logger: logger
                ).decode(Int.self).firstElement() ?? 0
            let rows = try await connection.query(PostgresQuery(unsafeSQL: page, binds: pageBindings), logger: logger).decode(Columns.self).all()
            return (rows.map(Self.proposal), total)
        }
    }

    public func proposal(id: Int64) async throws -> Proposal? {
        try await store.connection { connection in try await Self.fetch(connection, id: id, logger: logger) }
    }

    public func photo(proposalID: Int64) async throws -> (data: Data, type: String)? {
        try await store.connection { connection in
            try await connection.query(
                "SELECT photo, phototype FROM proposal WHERE id = \(proposalID) AND photo IS NOT NULL", logger: logger
            ).decode((Data, String).self).firstElement().map { (data: $0.0, type: $0.1) }
        }
    }

    public func authorID(proposalID: Int64) async throws -> Int64? {
        try await store.connection { connection in
            try await connection.query("SELECT residentid FROM proposal WHERE id = \(proposalID)", logger: logger).decode(Int64?.self).firstElement()
                ?? nil
        }
    }

    public func hasSupported(proposalID: Int64, residentID: Int64) async throws -> Bool {
        try await store.connection { connection in
            try await connection.query(
                "SELECT EXISTS (SELECT 1 FROM proposalsupport WHERE proposalid = \(proposalID) AND residentid = \(residentID))", logger: logger
            ).decode(Bool.self).firstElement() ?? false
        }
    }

    public func pendingCount(residentID: Int64) async throws -> Int {
        try await store.connection { connection in
            try await connection.query(
                "SELECT count(*) FROM proposal WHERE residentid = \(residentID) AND status = 'pending'", logger: logger
            ).decode(Int.self).firstElement() ?? 0
        }
    }

    public func publish(proposalID: Int64, threshold: Int, closesAt: Date, by: String, now: Date, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            guard try await Self.lockedStatus(connection, proposalID, logger: logger) == .pending else {
                throw MokminError(.conflict, ko: "검토 대기 중인 제안만 공개할 수 있습니다", en: "Only a proposal awaiting moderation can be published")
            }
            _ = try await connection.query(
                """
                UPDATE proposal SET status = 'published', supportthreshold = \(threshold), supportclosesat = \(closesAt), publishedat = \(now),
                  moderatedby = \(by)
                WHERE id = \(proposalID)
                """, logger: logger)
            try await Self.audit(
                connection, audit, proposalID: proposalID, detail: "threshold \(threshold), closes \(LocalTime(closesAt).isoDate)", logger: logger)
        }
    }

    public func merge(proposalID: Int64, into targetID: Int64, reason: String?, by: String, now: Date, audit: AuditEvent) async throws -> Int {
        guard proposalID != targetID else {
            throw MokminError(.invalidInput, ko: "제안을 자기 자신에 병합할 수 없습니다", en: "A proposal cannot be merged into itself")
        }
        return try await store.transaction { connection in
            // Both rows, in id order (two merges of the same pair in opposite directions take turns, never deadlock).
            _ = try await connection.query(
                "SELECT id FROM proposal WHERE id = ANY(\([proposalID, targetID])) ORDER BY id FOR UPDATE", logger: logger
            ).all()
            guard [.pending, .published].contains(try await Self.lockedStatus(connection, proposalID, logger: logger)) else {
                throw MokminError(
                    .conflict, ko: "검토 대기 중이거나 공개된 제안만 병합할 수 있습니다", en: "Only a pending or published proposal can be merged")
            }
            guard let target = try await Self.fetch(connection, id: targetID, logger: logger) else {
                throw MokminError(.invalidInput, ko: "병합 대상 제안이 없습니다: \(targetID)", en: "No proposal \(targetID) to merge into")
            }
            guard target.acceptsSupport(at: now) else {
                throw MokminError(
                    .invalidInput, ko: "병합 대상은 공감을 받고 있는 공개 제안이어야 합니다: \(targetID)",
                    en: "The target must be a published proposal still open for support: \(targetID)")
            }
            let targetAuthor =
                try await connection.query("SELECT residentid FROM proposal WHERE id = \(targetID)", logger: logger).decode(Int64?.self)
                .firstElement() ?? nil
            // The merged proposal's supporters keep the day they supported; its author supports the target from now.
            var carried = try await connection.count(
                """
                INSERT INTO proposalsupport (proposalid, residentid, supportedat)
                SELECT \(targetID), residentid, supportedat FROM proposalsupport
                WHERE proposalid = \(proposalID) AND residentid IS DISTINCT FROM \(targetAuthor)
                ON CONFLICT DO NOTHING RETURNING 1
                """, logger: logger)
            carried += try await connection.count(
                """
                INSERT INTO proposalsupport (proposalid, residentid, supportedat)
                SELECT \(targetID), residentid, \(now) FROM proposal
                WHERE id = \(proposalID) AND residentid IS NOT NULL AND residentid IS DISTINCT FROM \(targetAuthor)
                ON CONFLICT DO NOTHING RETURNING 1
                """, logger: logger)
            _ = try await connection.query(
                "UPDATE proposal SET status = 'merged', mergedinto = \(targetID), reason = \(reason), moderatedby = \(by) WHERE id = \(proposalID)",
                logger: logger)
            try await Self.audit(
                connection, audit, proposalID: proposalID, detail: "into proposal \(targetID), \(carried) supports carried over", logger: logger)
            return carried
        }
    }

    public func reject(proposalID: Int64, reason: String, by: String, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            guard [.pending, .published].contains(try await Self.lockedStatus(connection, proposalID, logger: logger)) else {
                throw MokminError(
                    .conflict, ko: "검토 대기 중이거나 공개된 제안만 반려할 수 있습니다", en: "Only a pending or published proposal can be rejected")
            }
            _ = try await connection.query(
                "UPDATE proposal SET status = 'rejected', reason = \(reason), moderatedby = \(by) WHERE id = \(proposalID)", logger: logger)
            try await Self.audit(connection, audit, proposalID: proposalID, detail: String(reason.prefix(200)), logger: logger)
        }
    }

    public func support(proposalID: Int64, residentID: Int64, now: Date) async throws {
        try await store.transaction { connection in
            // A shared lock: supports go side by side, a merge or rejection waits for them (and they for it).
            guard
                try await connection.query("SELECT 1 FROM proposal WHERE id = \(proposalID) FOR SHARE", logger: logger).firstElement() != nil,
                let proposal = try await Self.fetch(connection, id: proposalID, logger: logger)
            else { throw Self.notFound(proposalID) }
            guard proposal.status == .published else {
                throw MokminError(.forbidden, ko: "공개된 제안에만 공감할 수 있습니다", en: "Only a published proposal can be supported")
            }
            guard proposal.acceptsSupport(at: now) else {
                throw MokminError(.forbidden, ko: "공감 기간이 끝났습니다", en: "The support period has closed")
            }
            do {
                _ = try await connection.query(
                    "INSERT INTO proposalsupport (proposalid, residentid, supportedat) VALUES (\(proposalID), \(residentID), \(now))", logger: logger)
            } catch  where error.violatesUniqueKey {
                throw MokminError(
                    .conflict, ko: "이미 공감하셨습니다. 한 사람이 한 번 공감합니다", en: "You have already supported this proposal: one resident, one support")
            }
        }
    }

    public func answer(proposalID: Int64, text: String, by: String, now: Date, audit: AuditEvent) async throws {
        try await store.transaction { connection in
            guard try await Self.lockedStatus(connection, proposalID, logger: logger) == .published else {
                throw MokminError(.conflict, ko: "공개된 제안에만 답변할 수 있습니다", en: "Only a published proposal can be answered")
            }
            _ = try await connection.query(
                "UPDATE proposal SET answer = \(text), answeredat = \(now), answeredby = \(by) WHERE id = \(proposalID)", logger: logger)
            try await Self.audit(connection, audit, proposalID: proposalID, detail: String(text.prefix(200)), logger: logger)
        }
    }

    public func makeProject(_ project: NewProject, roundID: Int64, audit: AuditEvent) async throws -> Int64 {
        let p = try project.validated()
        guard let proposalID = p.proposalID else {
            throw MokminError(.invalidInput, ko: "제안이 지정되지 않았습니다", en: "No proposal named")
        }
        return try await store.transaction { connection in
            // The proposal's lock makes two servers turning it into a project take turns: the second finds the first's project.
            guard try await Self.lockedStatus(connection, proposalID, logger: logger) == .published else {
                throw MokminError(.conflict, ko: "공개된 제안만 주민참여예산 사업이 될 수 있습니다", en: "Only a published proposal can become a PB project")
            }
            if let existing = try await connection.query("SELECT min(id) FROM pbproject WHERE proposalid = \(proposalID)", logger: logger)
                .decode(Int64?.self).firstElement() ?? nil
            {
                throw MokminError(
                    .conflict, ko: "이 제안은 이미 사업이 되었습니다 (사업 \(existing))", en: "This proposal is already a project (project \(existing))")
            }
            // The round's phase holds until the project is in (a move to voting waits).
            guard
                let phase = try await connection.query("SELECT phase FROM pbround WHERE id = \(roundID) FOR SHARE", logger: logger)
                    .decode(String.self).firstElement()
            else {
                throw MokminError(.invalidInput, ko: "없는 주민참여예산 공모입니다: \(roundID)", en: "No such PB round: \(roundID)")
            }
            guard phase == RoundPhase.proposals.rawValue || phase == RoundPhase.review.rawValue else {
                throw MokminError(
                    .conflict, ko: "사업 제안이나 타당성 검토 단계의 공모에만 사업을 더할 수 있습니다",
                    en: "Projects can be added only to a round taking proposals or under review")
            }
            let id = try await PostgresBudgetRoundRepository.insertProject(p, roundID: roundID, connection, logger: logger)
            try await Self.audit(
                connection, audit, proposalID: proposalID, detail: "pb-project \(id) in round \(roundID), \(p.proposedCost) won", logger: logger)
            return id
        }
    }
}
