import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MokminCore
import MokminDemo
import MokminServices
import MokminStore
import MokminTestSupport
import MokminWeb
import NIOCore

/// The real application on a fresh in-memory database with the bundled regions, one account per role
/// (password `password-123`) and an API token for each, plus a display token.
struct TestApp {
    let services: AppServices
    var tokens: [Role: String] = [:]
    var displayToken = ""
    static let password = "password-123"

    /// On SQLite, or on PostgreSQL (a new database holding the bundled regions) for the tests that run on both
    /// stores; `MOKMIN_TEST_STORE=postgres` runs every web test on PostgreSQL.
    static func make(on kind: StoreKind = TestApp.defaultStore) async throws -> TestApp {
        let services: AppServices
        switch kind {
        case .sqlite:
            let (database, _) = try await Fixtures.seededDatabase()
            services = AppServices(database: database, bcryptCost: 4, simulator: CitySimulator())
        case .postgres:
            let (store, _) = try await TestPostgres.freshStore(seeded: true)
            services = AppServices(postgres: store, bcryptCost: 4, simulator: CitySimulator())
        }
        var app = TestApp(services: services)
        for role in Role.allCases {
            let login = "\(role.rawValue)1"
            _ = try await services.accounts.createUser(login: login, name: "\(role.koreanName) 1", role: role, password: password, actor: nil)
            app.tokens[role] = try await services.accounts.createToken(login: login, label: "test", displayOnly: false, actor: nil).secret
        }
        app.displayToken = try await services.accounts.createToken(login: "admin1", label: "wall", displayOnly: true, actor: nil).secret
        return app
    }

    static var defaultStore: StoreKind {
        ProcessInfo.processInfo.environment["MOKMIN_TEST_STORE"] == "postgres" && TestPostgres.available ? .postgres : .sqlite
    }

    func application() async throws -> some ApplicationProtocol {
        try await buildApplication(AppConfiguration(bcryptCost: 4, logLevel: .error), services: services)
    }
}

/// A browser's cookie jar and CSRF token, for cookie-authenticated requests.
struct Browser {
    var cookies: [String: String] = [:]
    var csrf = ""

    var cookieHeader: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    mutating func absorb(_ response: TestResponse) {
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), v = pair.count > 1 ? String(pair[1]) : ""
            if v.isEmpty || value.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = v }
        }
        if let token = Browser.csrfToken(in: String(buffer: response.body)) { csrf = token }
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf_token\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return String(rest.prefix { $0 != "\"" })
    }

    mutating func get(_ client: some TestClientProtocol, _ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: cookieHeader)
        absorb(response)
        return response
    }

    /// Posts a form; `csrf: nil` sends the browser's token, a string sends that instead, `""` sends none.
    mutating func post(_ client: some TestClientProtocol, _ uri: String, _ fields: [(String, String)], csrf: String? = nil)
        async throws -> TestResponse
    {
        var all = fields
        let token = csrf ?? self.csrf
        if !token.isEmpty { all.append(("csrf_token", token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        absorb(response)
        return response
    }

    /// Signs in through the real form and returns the browser holding the session.
    static func signedIn(_ client: some TestClientProtocol, login: String, password: String = TestApp.password) async throws -> Browser {
        var browser = Browser()
        _ = try await browser.get(client, "/login")
        let response = try await browser.post(client, "/login", [("login", login), ("password", password)])
        guard response.status == .seeOther, browser.cookies["mokmin_session"] != nil else {
            throw HTTPError(.unauthorized, message: "sign-in failed: \(response.status)")
        }
        _ = try await browser.get(client, "/")
        return browser
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }
}

extension HTTPField.Name {
    static let ckanKey = HTTPField.Name("X-CKAN-API-Key")!
}
