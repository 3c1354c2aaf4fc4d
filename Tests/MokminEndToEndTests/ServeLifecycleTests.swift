import Foundation
import MokminTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real binary on a live port: the demo starts, the demo admin signs in, and a SIGTERM in the middle of
/// requests stops the server cleanly; a restart on the same database finds everything.
@Suite(.serialized) struct ServeLifecycleTests {
    static let underCI = ProcessInfo.processInfo.environment["CI"] == "true"

    @Test(.enabled(if: underCI || ServerProcess.binaryExists, "needs the mokmin binary (swift build)"))
    func demoSignInSigtermAndRestart() async throws {
        try #require(ServerProcess.binaryExists, "the mokmin binary is missing at \(ServerProcess.binary.path): run `swift build` first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("city.sqlite").path

        // 1. First start with --demo prints exactly one demo admin line.
        let first = try ServerProcess(database: db, demo: true)
        try await first.waitUntilHealthy()
        let demoLines = first.standardOutput.split(separator: "\n").filter { $0.hasPrefix("demo admin: admin ") }
        #expect(demoLines.count == 1)
        let password = String(try #require(demoLines.first).dropFirst("demo admin: admin ".count))

        // 2. The home page shows Sejong's 20 읍면동; the demo admin signs in through the form.
        let session = HTTPSession(base: first.base)
        let home = try await session.get("/")
        #expect(home.status == 200)
        #expect(home.body.components(separatedBy: "class=\"area\"").count - 1 == 20)
        #expect(home.body.contains("조치원읍"))
        let signedIn = try await session.signIn(login: "admin", password: password)
        #expect(signedIn.status == 200)
        #expect(signedIn.body.contains("데모 관리자"))
        let csrf = try #require(session.csrf)

        // 3. Create accounts while a burst of requests is in flight, and send SIGTERM in the middle of it.
        var created: [String] = []
        for i in 0..<5 {
            let r = try await session.postJSON(
                "/api/users", #"{"login":"kept\#(i)","name":"유지 \#(i)","role":"official","password":"long-enough-\#(i)"}"#, csrf: csrf)
            #expect(r.status == 201)
            created.append("kept\(i)")
        }
        // Forty page requests at once; SIGTERM goes out as soon as five have been answered, with the rest in flight.
        let answered = Counter()
        let results = await withTaskGroup(of: Int.self) { group -> [Int] in
            for i in 0..<40 {
                group.addTask {
                    let status = (try? await session.get(i % 2 == 0 ? "/" : "/regions").status) ?? -1
                    await answered.increment()
                    return status
                }
            }
            group.addTask {
                while await answered.value < 5 { try? await Task.sleep(for: .milliseconds(5)) }
                first.terminate()
                return 0
            }
            return await group.reduce(into: []) { $0.append($1) }.filter { $0 != 0 }
        }
        let status = try await first.waitForExit()
        #expect(status == 0, "the server should exit cleanly after SIGTERM, got \(status)")
        // Every request either got a whole answer or was refused a connection; none got a server error.
        #expect(results.allSatisfy { $0 == 200 || $0 == -1 }, "\(results)")
        #expect(results.filter { $0 == 200 }.count >= 5)

        // 4. Restart on the same database: nothing is lost, the demo is not loaded again, the password still works.
        let second = try ServerProcess(database: db, demo: true)
        try await second.waitUntilHealthy()
        #expect(!second.standardOutput.contains("demo admin:"))
        let again = HTTPSession(base: second.base)
        let back = try await again.signIn(login: "admin", password: password)
        #expect(back.status == 200)
        let users = try await again.get("/admin/users")
        for login in created { #expect(users.body.contains(login)) }
        second.terminate()
        #expect(try await second.waitForExit() == 0)
    }
}

actor Counter {
    private(set) var value = 0
    func increment() { value += 1 }
}

/// A tiny browser over URLSession: keeps its own cookies, does not follow redirects (it follows a 303 itself),
/// and reads the CSRF token from pages.
final class HTTPSession: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    let base: String
    private var session: URLSession!
    private let lock = NSLock()
    private var cookies: [String: String] = [:]
    private var _csrf: String?

    init(base: String) {
        self.base = base
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.timeoutIntervalForRequest = 30
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    var csrf: String? { lock.withLock { _csrf } }

    /// The same browser (its cookies) talking to another server.
    func moved(to base: String) -> HTTPSession {
        let other = HTTPSession(base: base)
        let (cookies, csrf) = lock.withLock { (self.cookies, self._csrf) }
        other.lock.withLock {
            other.cookies = cookies
            other._csrf = csrf
        }
        return other
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    struct Answer {
        var status: Int
        var body: String
        var location: String?
    }

    func send(_ original: URLRequest) async throws -> Answer {
        var request = original
        let cookieHeader = lock.withLock { cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if !cookieHeader.isEmpty { request.setValue(cookieHeader, forHTTPHeaderField: "Cookie") }
        let (data, response): (Data, URLResponse) = try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error { continuation.resume(throwing: error) } else { continuation.resume(returning: (data ?? Data(), response!)) }
            }.resume()
        }
        let http = response as? HTTPURLResponse
        let body = String(decoding: data, as: UTF8.self)
        lock.withLock {
            if let setCookie = http?.value(forHTTPHeaderField: "Set-Cookie") {
                // Several cookies may arrive folded into one header, separated by commas.
                for part in setCookie.components(separatedBy: ",") {
                    let pair = part.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    if pair.count == 2, !pair[0].isEmpty, !pair[0].contains(" ") { cookies[pair[0]] = pair[1].isEmpty ? nil : pair[1] }
                }
            }
            if let range = body.range(of: "name=\"csrf_token\" value=\"") {
                _csrf = String(body[range.upperBound...].prefix { $0 != "\"" })
            }
        }
        return Answer(status: http?.statusCode ?? 0, body: body, location: http?.value(forHTTPHeaderField: "Location"))
    }

    func get(_ path: String) async throws -> Answer { try await send(URLRequest(url: URL(string: base + path)!)) }

    /// Signs in through the form and follows the 303 to the page after it.
    func signIn(login: String, password: String) async throws -> Answer {
        _ = try await get("/login")
        var request = URLRequest(url: URL(string: base + "/login")!)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let fields = ["login": login, "password": password, "csrf_token": csrf ?? "", "next": "/"]
        request.httpBody = Data(
            fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&").utf8)
        let answer = try await send(request)
        guard answer.status == 303, let location = answer.location else { return answer }
        return try await get(location)
    }

    func postJSON(_ path: String, _ json: String, csrf: String) async throws -> Answer {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(csrf, forHTTPHeaderField: "X-CSRF-Token")
        request.httpBody = Data(json.utf8)
        return try await send(request)
    }
}
