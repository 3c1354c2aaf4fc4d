import HTTPTypes
import Hummingbird
import MokminCore

/// Sets the client's address from `X-Forwarded-For` when, and only when, the request came through a trusted proxy.
///
/// The header is a list the proxies append to, client first. Walking it from the right, each address that is itself
/// a trusted proxy is skipped; the first one that is not is the client (anything further left was written by the
/// client and could be anything). Without a trusted proxy the header is ignored: anyone can send it.
public struct ClientAddressMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let trustedProxies: [AddressBlock]
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trustedProxies.isEmpty, let peer = context.peerAddress, isTrusted(peer) else { return try await next(request, context) }
        var context = context
        context.clientAddress = Self.client(in: request.headers[values: Self.forwardedFor], trusted: isTrusted) ?? peer
        return try await next(request, context)
    }

    func isTrusted(_ address: String) -> Bool { trustedProxies.contains { $0.contains(address) } }

    /// The right-most address of the header values that is not a trusted proxy.
    public static func client(in values: [String], trusted: (String) -> Bool) -> String? {
        let hops = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed().prefix(32) {
            guard AddressBlock.parse(address: hop) != nil else { return nil }
            if !trusted(hop) { return hop }
        }
        return nil
    }
}

import Foundation
