import Foundation
import Logging
import MokminCore
import MokminStore
import ServiceLifecycle

/// Sends queued alert notifications to webhooks (JSON POST), retrying failures with exponential back-off and
/// logging every attempt. The queue is in the store, so a restart resumes where it stopped.
///
/// Deliveries go through ``OutboundHTTP``: a webhook URL that is or resolves to an inside address is refused (and
/// retried like any failure, so allowing the host in settings lets the queued deliveries through), redirects are
/// checked hop by hop, the answer is read up to ``OutboundLimits/webhook``'s cap, and ``timeout`` covers it all.
public struct WebhookDispatcher: Service {
    let alerts: any AlertRepository
    let http: OutboundHTTP
    let logger: Logger
    /// The wait before retry n (1-based) is `firstRetry × 2^(n-1)`, at most `maxDelay`; after `maxAttempts` it gives up.
    public var firstRetry: TimeInterval
    public var maxDelay: TimeInterval
    public var maxAttempts: Int
    public var timeout: TimeInterval
    var tick: Duration

    public init(
        alerts: any AlertRepository, http: OutboundHTTP, firstRetry: TimeInterval = 30, maxDelay: TimeInterval = 3600, maxAttempts: Int = 8,
        timeout: TimeInterval = 10, tick: Duration = .seconds(1), logger: Logger = Logger(label: "mokmin.webhooks")
    ) {
        self.alerts = alerts
        self.http = http
        self.firstRetry = firstRetry
        self.maxDelay = maxDelay
        self.maxAttempts = maxAttempts
        self.timeout = timeout
        self.tick = tick
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                _ = await deliverDue(now: Date())
                do { try await Task.sleep(for: tick) } catch { break }
            }
        }
    }

    /// Attempts every delivery due at `now`, claimed for this dispatcher (other servers' dispatchers skip them until
    /// their attempts are recorded, or for two minutes plus the timeout if this server dies first); returns how many.
    public func deliverDue(now: Date) async -> Int {
        let until = now.addingTimeInterval(120 + timeout * 50)
        guard let due = try? await alerts.claimDueDeliveries(at: now, limit: 50, until: until) else { return 0 }
        for delivery in due { await attempt(delivery) }
        return due.count
    }

    /// The delay before the next attempt after `attempts` failed ones, or nil when it is time to give up.
    public func delay(afterAttempts attempts: Int) -> TimeInterval? {
        guard attempts < maxAttempts else { return nil }
        return min(maxDelay, firstRetry * pow(2, Double(max(0, attempts - 1))))
    }

    func attempt(_ delivery: WebhookDelivery) async {
        let started = Date()
        var status: Int?
        var failure: String?
        do {
            let request = OutboundRequest(
                .post, url: delivery.url,
                headers: [
                    ("Content-Type", "application/json; charset=utf-8"), ("X-Mokmin-Delivery", "\(delivery.id)"), ("X-Mokmin-Event", delivery.event),
                ],
                body: Array(delivery.payload.utf8), requireSuccess: false)
            let answer = try await http.send(request, limits: OutboundLimits.webhook.timeout(seconds: timeout))
            status = answer.status
            if !(200..<300).contains(answer.status) { failure = "HTTP \(answer.status)" }
        } catch let error as OutboundError {
            failure = error.message.description
        } catch {
            failure = "\(error)"
        }
        let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
        let next = failure == nil ? nil : delay(afterAttempts: delivery.attempts + 1).map { Date().addingTimeInterval($0) }
        if let failure {
            logger.warning(
                "webhook delivery failed",
                metadata: [
                    "webhook": "\(delivery.webhookName)", "delivery": "\(delivery.id)", "attempt": "\(delivery.attempts + 1)", "reason": "\(failure)",
                ])
        }
        try? await alerts.recordAttempt(
            deliveryID: delivery.id, at: started, status: status, error: failure, milliseconds: milliseconds, nextAttemptAt: next)
    }
}
