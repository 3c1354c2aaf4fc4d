import AsyncHTTPClient
import Foundation

/// A request to a URL a person typed.
public struct OutboundRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    public var method: Method
    public var url: String
    /// Parameters appended to the URL's query (fixed parameters, the service key): never shown in errors.
    public var query: [(String, String)]
    public var headers: [(String, String)]
    public var body: [UInt8]?
    /// Whether an answer other than 2xx is an error (feeds, harvests) or a result (webhooks).
    public var requireSuccess: Bool

    public init(
        _ method: Method = .get, url: String, query: [(String, String)] = [], headers: [(String, String)] = [], body: [UInt8]? = nil,
        requireSuccess: Bool = true
    ) {
        self.method = method
        self.url = url
        self.query = query
        self.headers = headers
        self.body = body
        self.requireSuccess = requireSuccess
    }
}

/// Where an answer's body goes as it arrives.
protocol OutboundBodySink: Sendable {
    associatedtype Output: Sendable
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
    mutating func finish() throws -> Output
}

/// Keeps the body in memory.
struct DataSink: OutboundBodySink {
    var data = Data()
    mutating func write(_ bytes: UnsafeRawBufferPointer) { data.append(contentsOf: bytes) }
    mutating func finish() -> Data { data }
}

/// Writes the body to a file, which the sink creates (replacing one there).
struct FileSink: OutboundBodySink {
    let handle: FileHandle

    init(_ file: URL) throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw OutboundError(.connection, ko: "임시 파일을 만들 수 없습니다: \(file.path)", en: "Cannot create the temporary file \(file.path)")
        }
        handle = try FileHandle(forWritingTo: file)
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws { try handle.write(contentsOf: bytes) }
    mutating func finish() throws -> Void { try handle.close() }
}

extension OutboundHTTP {
    /// GETs `url` with `query` appended and returns the body of its 2xx answer.
    public func get(_ url: String, query: [(String, String)] = [], limits: OutboundLimits) async throws -> Data {
        try await perform(OutboundRequest(.get, url: url, query: query), limits: limits) { DataSink() }.output
    }

    /// GETs `url` into `file` (created or replaced) as the body arrives; returns the number of bytes written.
    public func download(_ url: String, query: [(String, String)] = [], to file: URL, limits: OutboundLimits) async throws -> Int {
        try await perform(OutboundRequest(.get, url: url, query: query), limits: limits) { try FileSink(file) }.bytes
    }

    /// Sends `request` and returns the answer's status and body, whatever the status when `requireSuccess` is off.
    public func send(_ request: OutboundRequest, limits: OutboundLimits) async throws -> (status: Int, body: Data) {
        let result = try await perform(request, limits: limits) { DataSink() }
        return (result.status, result.output)
    }

    /// The loop every request goes through: check the URL, send, follow a redirect by checking its target again,
    /// stream the final body into the sink up to the cap — all before one deadline.
    func perform<Sink: OutboundBodySink>(
        _ request: OutboundRequest, limits: OutboundLimits, sink makeSink: @escaping @Sendable () throws -> Sink
    ) async throws -> (status: Int, output: Sink.Output, bytes: Int) {
        let first = try OutboundURL(request.url, query: request.query)
        let policy = try await policy()
        let deadline = ContinuousClock.now + limits.timeout
        let seconds = Double(limits.timeout.components.seconds) + Double(limits.timeout.components.attoseconds) / 1e18
        let timedOut = OutboundError.deadline(first.display, seconds: seconds)
        return try await Self.within(deadline, else: timedOut) {
            var current = first
            var method = request.method
            var body = request.body
            var hops = 0
            while true {
                let response = try await self.execute(
                    request, method: method, body: body, to: current, policy: policy, deadline: deadline, timedOut: timedOut)
                let status = Int(response.status.code)
                if [301, 302, 303, 307, 308].contains(status), let location = response.headers.first(name: "Location") {
                    try? await Self.drain(response.body)
                    guard hops < limits.maxRedirects else { throw OutboundError.redirectLimit(first.display, limit: limits.maxRedirects) }
                    let next = try current.following(location)
                    if current.scheme == "https" && next.scheme == "http" { throw OutboundError.redirectDowngrade(current.display) }
                    if status == 303 || (status != 307 && status != 308 && method == .post) {
                        method = .get
                        body = nil
                    }
                    current = next
                    hops += 1
                    continue
                }
                if request.requireSuccess && !(200..<300).contains(status) { throw OutboundError.status(current.display, code: status) }
                if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > limits.maxBytes {
                    throw OutboundError.tooLarge(current.display, limit: limits.maxBytes)
                }
                var sink = try makeSink()
                var total = 0
                do {
                    for try await chunk in response.body {
                        total += chunk.readableBytes
                        guard total <= limits.maxBytes else { throw OutboundError.tooLarge(current.display, limit: limits.maxBytes) }
                        try chunk.withUnsafeReadableBytes { try sink.write($0) }
                    }
                } catch let error as OutboundError {
                    throw error
                } catch {
                    try Task.checkCancellation()
                    throw Self.mapped(error, url: current, timedOut: timedOut)
                }
                return (status, try sink.finish(), total)
            }
        }
    }

    /// One hop: the policy's check, then the request — for `http` sent to the checked address itself.
    private func execute(
        _ request: OutboundRequest, method: OutboundRequest.Method, body: [UInt8]?, to url: OutboundURL, policy: OutboundPolicy,
        deadline: ContinuousClock.Instant, timedOut: OutboundError
    ) async throws -> HTTPClientResponse {
        let addresses = try await policy.check(url)
        var outgoing = HTTPClientRequest(url: url.url.absoluteString)
        if url.scheme == "http", let address = addresses.first, let pinned = url.pinned(to: address) {
            outgoing = HTTPClientRequest(url: pinned)
            outgoing.headers.replaceOrAdd(name: "Host", value: url.hostHeader)
        }
        outgoing.method = method == .post ? .POST : .GET
        for (name, value) in request.headers { outgoing.headers.replaceOrAdd(name: name, value: value) }
        if !outgoing.headers.contains(name: "User-Agent") { outgoing.headers.add(name: "User-Agent", value: "mokmin") }
        if method == .post, let body { outgoing.body = .bytes(body) }
        let remaining = ContinuousClock.now.duration(to: deadline)
        let nanoseconds = max(1, remaining.components.seconds * 1_000_000_000 + remaining.components.attoseconds / 1_000_000_000)
        do {
            return try await client.execute(outgoing, timeout: .nanoseconds(nanoseconds), logger: logger)
        } catch {
            try Task.checkCancellation()
            throw Self.mapped(error, url: url, timedOut: timedOut)
        }
    }

    /// The client's errors as ``OutboundError``s: its deadline as ours, others with a short, query-free reason.
    static func mapped(_ error: any Error, url: OutboundURL, timedOut: OutboundError) -> OutboundError {
        if let error = error as? HTTPClientError, error == .deadlineExceeded { return timedOut }
        var text = String(describing: error)
        if let query = url.url.query, !query.isEmpty { text = text.replacingOccurrences(of: query, with: "…") }
        return OutboundError.connection(url.display, reason: String(text.prefix(200)))
    }

    /// Reads and drops a redirect's body (at most 64 KiB, so the connection can be reused; past that it is closed).
    static func drain(_ body: HTTPClientResponse.Body) async throws {
        var total = 0
        for try await chunk in body {
            total += chunk.readableBytes
            if total > 64 << 10 { break }
        }
    }

    /// Runs `operation`, throwing `error` if it has not finished at `deadline` (the operation is then cancelled).
    static func within<T: Sendable>(
        _ deadline: ContinuousClock.Instant, else error: OutboundError, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                throw error
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}
