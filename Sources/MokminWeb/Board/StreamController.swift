import Foundation
import HTTPTypes
import Hummingbird
import MokminBase
import MokminCore
import MokminServices
import ServiceLifecycle

/// `GET /api/stream`: the board's live updates as server-sent events.
///
/// Each event has a growing `id:`. A client that reconnects with `Last-Event-ID` (or `?lastEventId=` on its first
/// connection, the id the page was rendered at) first receives what it missed from the store, then live events. When
/// it missed more than ``replayLimit`` events (or they were pruned), it receives one `reset` event and should load
/// the whole board again. A comment line every 15 seconds keeps proxies from closing an idle connection.
/// `?timeout=N` ends the response after N seconds (for scripts and proxies that dislike endless responses); every
/// stream ends after ``maxLifetime`` (the client reconnects). At each heartbeat the credential the stream was opened
/// with is checked again: a revoked display token, a signed-out session or a disabled account ends the stream with
/// an `event: revoked`.
struct StreamController {
    let hub: BoardHub
    let accounts: AccountService
    var replayLimit: Int64 = 10_000
    /// How often an idle stream gets a comment line, and its credential is checked again.
    var heartbeat: Duration = .seconds(15)
    /// The longest a stream stays open: the client then reconnects (with `Last-Event-ID`) and signs in afresh.
    var maxLifetime: Duration = .seconds(3600)

    static let lastEventID = HTTPField.Name("Last-Event-ID")!

    enum Input {
        static let lastEventID = Parameter.integer("lastEventId", 0...Int.max)
        /// Seconds after which the response ends.
        static let timeout = Parameter.integer("timeout", 1...86_400)
    }

    func register(on router: SecuredRouter) {
        router.get("/api/stream", .board, parameters: [Input.lastEventID, Input.timeout], use: stream)
    }

    @Sendable func stream(_ request: Request, context: AppRequestContext) async throws -> Response {
        let q = request.query
        let resumeFrom: Int64?
        if let header = request.headers[Self.lastEventID] {
            guard let id = Int64(header.trimmingCharacters(in: .whitespaces)), id >= 0 else {
                throw MokminError(.invalidInput, ko: "Last-Event-ID가 숫자가 아닙니다: \(header.prefix(40))", en: "Last-Event-ID is not a number: \(header.prefix(40))")
            }
            resumeFrom = id
        } else {
            resumeFrom = try q.integer(Input.lastEventID).map(Int64.init)
        }
        let timeout = try q.integer(Input.timeout)
        let subscription = await hub.subscribe(after: resumeFrom, replayLimit: replayLimit)
        let hub = self.hub, heartbeat = self.heartbeat, lifetime = self.maxLifetime
        let accounts = self.accounts, credential = context.credential
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache", HTTPField.Name("X-Accel-Buffering")!: "no",
        ]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                let ticker = Task {
                    var waited = Duration.zero
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(1))
                        waited += .seconds(1)
                        if let timeout, waited >= .seconds(timeout) { break }
                        if waited >= lifetime { break }
                        if waited.components.seconds % max(1, heartbeat.components.seconds) == 0 {
                            // A revoked token, an ended session or a disabled account ends the stream.
                            if let credential, !(await AuthenticationMiddleware.stillValid(credential, accounts: accounts)) {
                                await hub.revoke(subscription.id)
                                return
                            }
                            await hub.heartbeat(subscription.id)
                        }
                    }
                    await hub.unsubscribe(subscription.id)
                }
                defer { ticker.cancel() }
                try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
                try await withGracefulShutdownHandler {
                    for try await item in subscription.items {
                        switch item {
                        // A live event's frame is made once and shared by every client; only a replayed page is joined.
                        case .events(let events):
                            try await writer.write(ByteBuffer(string: events.count == 1 ? events[0].serverSentEvent : events.map(\.serverSentEvent).joined()))
                        case .reset: try await writer.write(ByteBuffer(string: "event: reset\ndata: {}\n\n"))
                        case .keepalive: try await writer.write(ByteBuffer(string: ": keepalive\n\n"))
                        // The page stops instead of reconnecting.
                        case .revoked: try await writer.write(ByteBuffer(string: "event: revoked\ndata: {}\n\n"))
                        }
                    }
                } onGracefulShutdown: {
                    Task { await hub.unsubscribe(subscription.id) }
                }
                try await writer.finish(nil)
            })
    }
}
