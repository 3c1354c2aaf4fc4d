import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminBase
import MokminCore
import MokminParticipation
import MokminTestSupport
import NIOCore
import Testing

@testable import MokminServices
@testable import MokminWeb

/// Citizen proposals through the real application: residents propose with a photo and support, officials moderate
/// and answer in their queue, the public reads the list, the page and the JSON API.
@Suite struct ProposalPageTests {
    static let emd = "3611025000"
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]

    /// Browsers of `count` verified residents (a one-time code redeemed, a participation session started).
    static func residents(_ services: AppServices, count: Int) async throws -> [Browser] {
        let codes = try await services.residents.issueCodes(
            count: count, profile: ResidentProfile(emdCode: emd, birthYear: 1985, ageBand: nil), batch: "test", days: 7, actor: "admin1", origin: nil)
        var browsers: [Browser] = []
        for code in codes {
            let resident = try await services.residents.redeem(code: code, origin: nil)
            let session = try await services.residents.startSession(for: resident)
            browsers.append(Browser(cookies: [ResidentMiddleware.cookie: session.cookie], csrf: session.csrfToken))
        }
        return browsers
    }

    static func multipart(_ fields: [(String, String)], photo: [UInt8]?) -> (String, ByteBuffer) {
        let boundary = "----mokmin\(UUID().uuidString.prefix(8))"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"\(photo == nil ? "" : "p.png")\"\r\n")
        body.writeString("Content-Type: image/png\r\n\r\n")
        body.writeBytes(photo ?? [])
        body.writeString("\r\n--\(boundary)--\r\n")
        return ("multipart/form-data; boundary=\(boundary)", body)
    }

    /// Proposes through the form; returns the response (303 to the new proposal's page when it was taken).
    static func propose(_ client: some TestClientProtocol, _ browser: Browser, title: String, photo: [UInt8]? = nil) async throws -> TestResponse {
        let (type, body) = multipart(
            [("title", title), ("body", "정류장에 햇볕을 가릴 곳이 없습니다.\n그늘막을 놓아 주세요."), ("category", "교통"), ("emd", emd)], photo: photo)
        var headers = browser.cookieHeader
        headers[.contentType] = type
        return try await client.execute(
            uri: "/participate/proposals/new?csrf_token=\(browser.csrf)", method: .post, headers: headers, body: body)
    }

    static func id(_ response: TestResponse) throws -> Int64 {
        let location = try #require(response.headers[.location])
        let digits = location.dropFirst("/participate/proposals/".count).prefix { $0.isNumber }
        return try #require(Int64(digits))
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test(arguments: StoreKind.available) func aResidentProposesOfficialsModerateResidentsSupportAndTheAnswerIsShown(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var people = try await Self.residents(testApp.services, count: 4)
            // A visitor without a participation session is sent to verify, and back.
            var anonymous = Browser()
            let away = try await anonymous.get(client, "/participate/proposals/new")
            #expect(away.status == .seeOther && away.headers[.location] == "/participate/verify?next=%2Fparticipate%2Fproposals%2Fnew")
            let form = try await people[0].get(client, "/participate/proposals/new")
            #expect(form.status == .ok && String(buffer: form.body).contains("enctype=\"multipart/form-data\""))

            // A photo that is not JPEG, PNG or WebP is refused with the form again; nothing is stored.
            let gif = try await Self.propose(client, people[0], title: "그늘막", photo: Array("GIF89a....".utf8))
            #expect(gif.status == .badRequest)
            #expect(String(buffer: gif.body).contains("사진은 JPEG, PNG, WebP 파일이어야 합니다"))
            #expect(String(buffer: gif.body).contains("value=\"그늘막\""))
            #expect(try await testApp.services.proposals.list(ProposalFilter(statuses: [])).total == 0)

            let sent = try await Self.propose(client, people[0], title: "버스 정류장 그늘막", photo: Self.png)
            #expect(sent.status == .seeOther)
            let id = try Self.id(sent)
            let mine = try await people[0].get(client, "/participate/proposals/\(id)?sent=1")
            #expect(mine.status == .ok && String(buffer: mine.body).contains("검토하고 있습니다"))
            // Awaiting moderation: hidden from everyone else, photo included.
            #expect(try await anonymous.get(client, "/participate/proposals/\(id)").status == .notFound)
            #expect(try await people[1].get(client, "/participate/proposals/\(id)/photo").status == .notFound)
            let photo = try await people[0].get(client, "/participate/proposals/\(id)/photo")
            #expect(photo.status == .ok && photo.headers[.contentType] == "image/png" && photo.headers[.xContentTypeOptions] == "nosniff")
            #expect(Array(photo.body.readableBytesView) == Self.png)

            // A resident is not an official.
            let queueAsResident = try await people[0].get(client, "/admin/proposals")
            #expect(queueAsResident.status == .seeOther && queueAsResident.headers[.location]?.hasPrefix("/login") == true)
            #expect(try await people[0].post(client, "/admin/proposals/\(id)/publish", [("threshold", "2")]).status == .unauthorized)

            // The official publishes it with a threshold of two supports.
            var official = try await Browser.signedIn(client, login: "official1")
            let queue = try await official.get(client, "/admin/proposals")
            #expect(queue.status == .ok && String(buffer: queue.body).contains("버스 정류장 그늘막"))
            let published = try await official.post(
                client, "/admin/proposals/\(id)/publish", [("threshold", "2"), ("days", "30"), ("tab", "pending")])
            #expect(published.status == .seeOther && published.headers[.location] == "/admin/proposals?status=pending&done=publish")

            // Supports: the author cannot, another resident once (a second time is 409), a third reaches the threshold.
            let own = try await people[0].get(client, "/participate/proposals/\(id)")
            #expect(String(buffer: own.body).contains("자신의 제안에는 공감할 수 없습니다"))
            let page = try await people[1].get(client, "/participate/proposals/\(id)")
            #expect(String(buffer: page.body).contains("action=\"/participate/proposals/\(id)/support\""))
            #expect(String(buffer: page.body).contains("<progress max=\"2\" value=\"0\""))
            #expect(try await people[1].post(client, "/participate/proposals/\(id)/support", []).status == .seeOther)
            let twice = try await people[1].post(client, "/participate/proposals/\(id)/support", [])
            #expect(twice.status == .conflict && String(buffer: twice.body).contains("이미 공감하셨습니다"))
            #expect(try await people[2].post(client, "/participate/proposals/\(id)/support", []).status == .seeOther)
            // Supporting needs a session and its CSRF token.
            #expect(try await anonymous.post(client, "/participate/proposals/\(id)/support", []).status != .seeOther)
            #expect(try await people[3].post(client, "/participate/proposals/\(id)/support", [], csrf: "wrong").status == .forbidden)

            let list = try await anonymous.get(client, "/participate/proposals")
            #expect(String(buffer: list.body).contains("답변 필요"))
            let api = try Self.json(try await client.execute(uri: "/api/proposals/\(id)", method: .get))
            #expect(
                api["answer_due"] as? Bool == true && api["supporters"] as? Int == 2
                    && api["photo_url"] as? String == "/participate/proposals/\(id)/photo")
            let due = try await official.get(client, "/admin/proposals?status=answer_due")
            #expect(String(buffer: due.body).contains("#\(id) "))

            #expect(
                try await official.post(client, "/admin/proposals/\(id)/answer", [("answer", "올여름 안에 설치합니다."), ("tab", "answer_due")]).status
                    == .seeOther)
            let answered = try await anonymous.get(client, "/participate/proposals/\(id)")
            #expect(String(buffer: answered.body).contains("공식 답변") && String(buffer: answered.body).contains("올여름 안에 설치합니다."))
            #expect(!String(buffer: answered.body).contains("badge due"))
            let audit = try await testApp.services.repositories.audit.recent(limit: 50).filter { $0.action.hasPrefix("proposal.") }
            #expect(audit.map(\.action).sorted() == ["proposal.answer", "proposal.publish"])
        }
    }

    @Test(arguments: StoreKind.available) func rejectingNeedsAReasonMergingCarriesSupportersAndAProposalBecomesAProject(_ kind: StoreKind)
        async throws
    {
        let testApp = try await TestApp.make(on: kind)
        let app = try await testApp.application()
        try await app.test(.router) { client in
            var people = try await Self.residents(testApp.services, count: 4)
            var official = try await Browser.signedIn(client, login: "official1")
            let first = try Self.id(try await Self.propose(client, people[0], title: "첫 제안"))
            let second = try Self.id(try await Self.propose(client, people[0], title: "광고성 글"))
            let third = try Self.id(try await Self.propose(client, people[3], title: "같은 내용의 제안"))
            for id in [first, third] {
                #expect(try await official.post(client, "/admin/proposals/\(id)/publish", [("threshold", "10"), ("days", "30")]).status == .seeOther)
            }

            let noReason = try await official.post(client, "/admin/proposals/\(second)/reject", [("reason", "  "), ("tab", "pending")])
            #expect(noReason.status == .badRequest && String(buffer: noReason.body).contains("반려 사유: 내용을 적어 주세요"))
            #expect(try await official.post(client, "/admin/proposals/\(second)/reject", [("reason", "광고입니다")]).status == .seeOther)
            let rejected = try await people[0].get(client, "/participate/proposals/\(second)")
            #expect(String(buffer: rejected.body).contains("광고입니다"))

            for person in [1, 2] { _ = try await people[person].post(client, "/participate/proposals/\(first)/support", []) }
            _ = try await people[1].post(client, "/participate/proposals/\(third)/support", [])
            // people[1] supports both: counted once; the third's author people[3] is carried over.
            #expect(
                try await official.post(client, "/admin/proposals/\(third)/merge", [("into", String(first)), ("reason", "중복")]).status == .seeOther)
            #expect(try await testApp.services.proposals.proposal(first).supporters == 3)
            let merged = try await people[3].get(client, "/participate/proposals/\(third)")
            #expect(String(buffer: merged.body).contains("href=\"/participate/proposals/\(first)\""))
            let intoPending = try await official.post(client, "/admin/proposals/\(first)/merge", [("into", String(second))])
            #expect(intoPending.status == .badRequest)

            // Into a PB round that is taking proposals.
            let now = Date()
            let round = try await testApp.services.repositories.budgetRounds.create(
                NewRound(
                    title: "2026 주민참여예산", ballotKind: .approval, rule: "greedy", votingOpensAt: now.addingTimeInterval(86_400),
                    votingClosesAt: now.addingTimeInterval(864_000), districts: [NewDistrict(name: "시 전체", budget: 1_000_000_000, isCityWide: true)]),
                createdBy: "admin1", audit: AuditEvent(actor: "admin1", action: "pb.create"))
            let district = try #require(round.districts.first).id
            let queue = try await official.get(client, "/admin/proposals?status=published")
            #expect(String(buffer: queue.body).contains("action=\"/admin/proposals/\(first)/project\""))
            let made = try await official.post(client, "/admin/proposals/\(first)/project", [("district", String(district)), ("cost", "30000000")])
            #expect(made.status == .seeOther)
            let project = try #require(try await testApp.services.repositories.budgetRounds.projects(roundID: round.id).first)
            #expect(project.proposalID == first && project.proposedCost == 30_000_000 && project.title == "첫 제안")
            #expect(try Self.json(try await client.execute(uri: "/api/proposals/\(first)", method: .get))["project_id"] as? Int64 == project.id)
            let again = try await official.post(client, "/admin/proposals/\(first)/project", [("district", String(district)), ("cost", "1")])
            #expect(again.status == .conflict)

            // The public API lists only what is published.
            let listed = try Self.json(try await client.execute(uri: "/api/proposals?sort=support&limit=10", method: .get))
            #expect((listed["proposals"] as? [[String: Any]])?.compactMap { $0["id"] as? Int64 } == [first])
            #expect(try await client.execute(uri: "/api/proposals/\(second)", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/proposals?category=nope", method: .get).status == .badRequest)
        }
    }
}
