import Foundation
import MokminServices

/// The encoded `GET /api/status` body, reused while no new event was published and for at most one second (the
/// staleness of feeds is judged by the clock, so the body is never older than that). Wall displays and scripts
/// poll this endpoint; it must cost little more than `/health`.
actor StatusCache {
    private var body: String?
    private var eventID: Int64 = -1
    private var madeAt = Date.distantPast
    let maxAge: TimeInterval

    init(maxAge: TimeInterval = 1) { self.maxAge = maxAge }

    /// The cached body when it is still current, else `make()`'s result (then cached).
    func body(eventID current: Int64, now: Date = Date(), make: () async throws -> String) async throws -> String {
        if let body, current == eventID, now.timeIntervalSince(madeAt) < maxAge { return body }
        let fresh = try await make()
        body = fresh
        eventID = current
        madeAt = now
        return fresh
    }
}
