import Foundation
import MokminBase

/// Where a citizen proposal is: waiting for moderation, published for support, merged into another, or rejected.
public enum ProposalStatus: String, Sendable, CaseIterable, Codable {
    case pending
    case published
    case merged
    case rejected

    public var label: LocalizedText {
        switch self {
        case .pending: LocalizedText(ko: "검토 대기", en: "Awaiting moderation")
        case .published: LocalizedText(ko: "공개", en: "Published")
        case .merged: LocalizedText(ko: "병합됨", en: "Merged")
        case .rejected: LocalizedText(ko: "반려", en: "Rejected")
        }
    }
}

/// A citizen proposal (국민생각함-style): a resident's idea, moderated by officials, supported by other residents, and
/// answered officially once it reaches its support threshold within its period.
public struct Proposal: Sendable, Hashable {
    public var id: Int64
    public var title: String
    public var body: String
    public var category: String
    public var emdCode: String?
    public var hasPhoto: Bool
    public var status: ProposalStatus
    public var mergedInto: Int64?
    /// Why it was rejected or merged.
    public var reason: String?
    public var supportThreshold: Int?
    public var supportClosesAt: Date?
    public var answer: String?
    public var answeredAt: Date?
    public var answeredBy: String?
    public var supporters: Int
    public var createdAt: Date
    public var publishedAt: Date?
    public var isDemo: Bool
    /// The PB project it became, if any.
    public var projectID: Int64?

    public init(
        id: Int64, title: String, body: String, category: String, emdCode: String?, hasPhoto: Bool, status: ProposalStatus, mergedInto: Int64?,
        reason: String?, supportThreshold: Int?, supportClosesAt: Date?, answer: String?, answeredAt: Date?, answeredBy: String?, supporters: Int,
        createdAt: Date, publishedAt: Date?, isDemo: Bool, projectID: Int64?
    ) {
        self.id = id
        self.title = title
        self.body = body
        self.category = category
        self.emdCode = emdCode
        self.hasPhoto = hasPhoto
        self.status = status
        self.mergedInto = mergedInto
        self.reason = reason
        self.supportThreshold = supportThreshold
        self.supportClosesAt = supportClosesAt
        self.answer = answer
        self.answeredAt = answeredAt
        self.answeredBy = answeredBy
        self.supporters = supporters
        self.createdAt = createdAt
        self.publishedAt = publishedAt
        self.isDemo = isDemo
        self.projectID = projectID
    }

    /// Whether residents may still support it at `now`.
    public func acceptsSupport(at now: Date) -> Bool {
        status == .published && (supportClosesAt.map { now < $0 } ?? true)
    }

    /// An answer is due when the threshold was reached (within the period: supports are accepted only then) and none
    /// has been posted.
    public var answerDue: Bool {
        guard status == .published, answer == nil, let supportThreshold else { return false }
        return supporters >= supportThreshold
    }
}

/// What a resident submits.
public struct NewProposal: Sendable, Hashable {
    public static let maxPhotoBytes = 5 * 1024 * 1024
    public static let categories = ["교통", "환경", "안전", "복지", "문화·체육", "교육", "도시·주거", "경제·일자리", "행정", "기타"]
    public var title: String
    public var body: String
    public var category: String
    public var emdCode: String?
    public var photo: Data?
    public var photoType: String?

    public init(title: String, body: String, category: String, emdCode: String?, photo: Data? = nil, photoType: String? = nil) {
        self.title = title
        self.body = body
        self.category = category
        self.emdCode = emdCode
        self.photo = photo
        self.photoType = photoType
    }

    public func validated() throws -> NewProposal {
        var p = self
        p.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        p.body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(p.title.count) else {
            throw MokminError(.invalidInput, ko: "제목은 1–200자입니다", en: "The title has 1–200 characters")
        }
        guard (1...10_000).contains(p.body.count) else {
            throw MokminError(.invalidInput, ko: "내용은 1–10,000자입니다", en: "The text has 1–10,000 characters")
        }
        guard Self.categories.contains(category) else {
            throw MokminError(.invalidInput, ko: "분야를 목록에서 고르세요", en: "Choose a category from the list")
        }
        if let emd = emdCode, emd.isEmpty { p.emdCode = nil }
        if let emd = p.emdCode, emd.count != 10 || !emd.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw MokminError(.invalidInput, ko: "읍면동 코드는 숫자 10자리입니다", en: "A 읍면동 code has 10 digits")
        }
        if let photo {
            guard photo.count <= Self.maxPhotoBytes else {
                throw MokminError(.invalidInput, ko: "사진은 5 MiB까지입니다", en: "A photo has at most 5 MiB")
            }
            guard let type = Self.imageType(photo) else {
                throw MokminError(.invalidInput, ko: "사진은 JPEG, PNG, WebP 파일이어야 합니다", en: "A photo is a JPEG, PNG or WebP file")
            }
            p.photoType = type
        } else {
            p.photoType = nil
        }
        return p
    }

    /// The image type its first bytes show (what the browser claims is not trusted).
    public static func imageType(_ data: Data) -> String? {
        let b = [UInt8](data.prefix(12))
        if b.count >= 3, b[0] == 0xFF, b[1] == 0xD8, b[2] == 0xFF { return "image/jpeg" }
        if b.count >= 8, b[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return "image/png" }
        if b.count >= 12, b[0..<4] == [0x52, 0x49, 0x46, 0x46], b[8..<12] == [0x57, 0x45, 0x42, 0x50] { return "image/webp" }
        return nil
    }
}
