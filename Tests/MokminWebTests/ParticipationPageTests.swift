import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminBase
import MokminCore
import MokminParticipation
import MokminTestSupport
import MokminWeb
import NIOCore
import Testing

@testable import MokminServices

/// A city runs a poll through the real router: an admin creates it and prints codes, a resident verifies with a code
/// and votes once, the results and the map show, the official answer is posted; a resident's cookie opens no staff page.
@Suite struct ParticipationPageTests {
    static func codes(in html: String) -> [String] {
        html.components(separatedBy: "<span class=\"code\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    /// A browser verified as a resident with `code` through the verify form.
    static func resident(_ client: some TestClientProtocol, code: String, next: String = "/participate") async throws -> Browser {
        var browser = Browser()
        _ = try await browser.get(client, "/participate/verify?next=\(next)")
        let response = try await browser.post(client, "/participate/verify", [("method", "code"), ("code", code), ("next", next)])
        guard response.status == .seeOther, browser.cookies["mokmin_resident"] != nil else {
            throw HTTPError(.unauthorized, message: "verification failed: \(response.status) \(String(buffer: response.body))")
        }
        return browser
    }

    @Test(arguments: StoreKind.available) func aResidentVerifiesVotesOnceAndSeesTheResults(_ kind: StoreKind) async throws {
        let t = try await TestApp.make(on: kind)
        let app = try await t.application()
        try await app.test(.router) { client in
            var admin = try await Browser.signedIn(client, login: "admin1")
            let overview = try await admin.get(client, "/admin/participation")
            #expect(overview.status == .ok)
            let created = try await admin.post(
                client, "/admin/participation/polls",
                [
                    ("question", "한솔동 공영주차장을 늘릴까요?"), ("options", "늘린다\n그대로 둔다\n"),
                    ("opens", LocalTime(Date().addingTimeInterval(-86_400)).isoDate + "T09:00"),
                    ("closes", LocalTime(Date().addingTimeInterval(30 * 86_400)).isoDate + "T18:00"), ("min_age", "14"), ("live", "true"),
                    ("threshold", "1"), ("area", "3611051000"),
                    ("area", "3611053000"),
                ])
            #expect(
                created.status == .seeOther,
                "\(String(buffer: created.body).components(separatedBy: "class=\"error\"").dropFirst().first?.prefix(300) ?? "")")
            let location = try #require(created.headers[.location])
            let pollID = try #require(Int64(location.split(separator: "/").last ?? ""))
            let printed = try await admin.post(
                client, "/admin/participation/codes",
                [("batch", "한솔동 주민센터"), ("count", "2"), ("emd_code", "3611051000"), ("birth_year", "1990"), ("age_band", ""), ("days", "30")])
            #expect(printed.status == .ok)
            let codes = Self.codes(in: String(buffer: printed.body))
            #expect(codes.count == 2)

            // The citizen: the poll invites verification, the form verifies, the ballot is cast once.
            var anonymous = Browser()
            let invite = String(buffer: try await anonymous.get(client, "/participate/polls/\(pollID)").body)
            #expect(invite.contains("/participate/verify?next="))
            var resident = try await Self.resident(client, code: codes[0], next: "/participate/polls/\(pollID)")
            let page = try await resident.get(client, "/participate/polls/\(pollID)")
            let html = String(buffer: page.body)
            #expect(html.contains("한솔동") && html.contains("name=\"option\""))
            #expect(!html.contains("/admin/") && !html.contains("/plan"))
            let optionID = try #require(
                html.components(separatedBy: "name=\"option\" value=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) })
            let cast = try await resident.post(client, "/participate/polls/\(pollID)/vote", [("option", optionID)])
            #expect(cast.status == .seeOther)
            let again = try await resident.post(client, "/participate/polls/\(pollID)/vote", [("option", optionID)])
            #expect(again.status == .conflict)
            #expect(String(buffer: again.body).contains("이미 투표하셨습니다"))
            let after = String(buffer: try await resident.get(client, "/participate/polls/\(pollID)").body)
            #expect(after.contains("투표하셨습니다") && after.contains("<svg") && after.contains("100.0%"))
            // Reaching the threshold of one makes the answer due; an official posts it.
            var official = try await Browser.signedIn(client, login: "official1")
            let staffPoll = String(buffer: try await official.get(client, "/admin/participation/polls/\(pollID)").body)
            #expect(staffPoll.contains("답변 대기"))
            let answered = try await official.post(client, "/admin/participation/polls/\(pollID)/answer", [("answer", "2027년에 200면을 늘립니다.")])
            #expect(answered.status == .seeOther)
            #expect(String(buffer: try await resident.get(client, "/participate/polls/\(pollID)").body).contains("2027년에 200면을 늘립니다."))
            let csv = try await official.get(client, "/admin/participation/polls/\(pollID)/results.csv")
            #expect(csv.status == .ok && String(buffer: csv.body).contains("늘린다"))

            // A resident's cookie is no staff credential, and its forms need their token.
            for path in ["/admin/participation", "/plan", "/board", "/admin/participation/polls/\(pollID)"] {
                let refused = try await resident.get(client, path)
                #expect(refused.status == .seeOther && refused.headers[.location]?.hasPrefix("/login") == true, "\(path)")
            }
            let forged = try await resident.post(client, "/participate/polls/\(pollID)/vote", [("option", optionID)], csrf: "")
            #expect(forged.status == .forbidden)
            var json = resident.cookieHeader
            json[.contentType] = "application/json"
            let jsonPost = try await client.execute(uri: "/participate/signout", method: .post, headers: json, body: ByteBuffer(string: "{}"))
            #expect(jsonPost.status == .forbidden)
            // Signing out ends the participation session.
            _ = try await resident.post(client, "/participate/signout", [])
            #expect(resident.cookies["mokmin_resident"] == nil)
        }
    }

    @Test(arguments: StoreKind.available) func aWrongCodeIsRefusedOnTheFormAndAResidentOutsideTheAreaCannotVote(_ kind: StoreKind) async throws {
        let t = try await TestApp.make(on: kind)
        let poll = try await t.services.polls.create(
            NewPoll(
                question: "아름동 도서관 운영시간", options: ["평일 연장", "주말 연장"], opensAt: Date().addingTimeInterval(-60),
                closesAt: Date().addingTimeInterval(3600), areas: ["3611053000"]), actor: "admin1", origin: nil)
        let codes = try await t.services.residents.issueCodes(
            count: 1, profile: ResidentProfile(emdCode: "3611025000", birthYear: 1970, ageBand: nil), batch: "조치원", days: 3, actor: "admin1",
            origin: nil)
        let app = try await t.application()
        try await app.test(.router) { client in
            var browser = Browser()
            _ = try await browser.get(client, "/participate/verify")
            let wrong = try await browser.post(client, "/participate/verify", [("method", "code"), ("code", "AAAA-BBBB-CCCC")])
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("코드가 맞지 않거나"))
            var resident = try await Self.resident(client, code: codes[0])
            let page = String(buffer: try await resident.get(client, "/participate/polls/\(poll.id)").body)
            #expect(page.contains("정해진 읍면동 주민만") && !page.contains("name=\"option\""))
            let refused = try await resident.post(client, "/participate/polls/\(poll.id)/vote", [("option", String(poll.options[0].id))])
            #expect(refused.status == .forbidden)
            let home = String(buffer: try await resident.get(client, "/participate").body)
            #expect(home.contains("아름동 도서관 운영시간") && home.contains("조치원읍"))
        }
    }
}
