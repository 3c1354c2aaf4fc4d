import Foundation
import HTTPTypes
import Hummingbird
import MokminCore

/// JSON responses of the board's API, encoded like the stored events (ISO 8601 dates, sorted keys).
enum BoardJSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let text = try BoardJSON.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
