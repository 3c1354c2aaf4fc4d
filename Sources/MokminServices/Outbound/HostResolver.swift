import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a host name into the addresses the outbound policy checks. The system resolver (`getaddrinfo`, the same
/// one the HTTP client uses) is the default; tests give fixed answers.
public struct HostResolver: Sendable {
    let lookup: @Sendable (String) async throws -> [IPAddress]

    /// A resolver answering with `lookup`; an empty answer or a thrown error means the name does not resolve.
    public init(_ lookup: @escaping @Sendable (String) async throws -> [IPAddress]) { self.lookup = lookup }

    public func resolve(_ host: String) async throws -> [IPAddress] { try await lookup(host) }

    /// `getaddrinfo` on a Dispatch thread (it blocks); a cancelled task stops waiting for it at once.
    public static let system = HostResolver { host in
        let waiter = LookupWaiter()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard waiter.install(continuation) else { return }
                DispatchQueue.global().async { waiter.finish(Result { try systemLookup(host) }) }
            }
        } onCancel: {
            waiter.finish(.failure(CancellationError()))
        }
    }

    /// Every address `getaddrinfo` gives for `host` (TCP), de-duplicated, in its order.
    static func systemLookup(_ host: String) throws -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
            hints.ai_socktype = SOCK_STREAM
        #else
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else { throw LookupFailed() }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let entry = node {
            if let pointer = entry.pointee.ai_addr, let address = IPAddress(socketAddress: pointer), !addresses.contains(address) {
                addresses.append(address)
            }
            node = entry.pointee.ai_next
        }
        return addresses
    }

    struct LookupFailed: Error {}

    /// Resumes the continuation once: with the lookup's answer, or with cancellation if that comes first.
    private final class LookupWaiter: Sendable {
        private enum State {
            case waiting
            case installed(CheckedContinuation<[IPAddress], any Error>)
            case finished(Result<[IPAddress], any Error>?)
        }
        private let state = Mutex<State>(.waiting)

        /// Returns false when the lookup already finished (cancelled before it started): the continuation is resumed.
        func install(_ continuation: CheckedContinuation<[IPAddress], any Error>) -> Bool {
            let early: Result<[IPAddress], any Error>? = state.withLock { state in
                switch state {
                case .waiting:
                    state = .installed(continuation)
                    return nil
                case .installed:
                    return nil
                case .finished(let result):
                    state = .finished(nil)
                    return result ?? .failure(CancellationError())
                }
            }
            guard let early else { return true }
            continuation.resume(with: early)
            return false
        }

        func finish(_ result: Result<[IPAddress], any Error>) {
            let continuation: CheckedContinuation<[IPAddress], any Error>? = state.withLock { state in
                switch state {
                case .waiting:
                    state = .finished(result)
                    return nil
                case .installed(let continuation):
                    state = .finished(nil)
                    return continuation
                case .finished:
                    return nil
                }
            }
            continuation?.resume(with: result)
        }
    }
}
