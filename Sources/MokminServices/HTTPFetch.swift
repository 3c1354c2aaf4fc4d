import Foundation
import MokminCore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// GET requests to public APIs (harvests and feeds), with query parameters added and a clear error for a bad status.
///
/// Errors never contain the query string, so a service key given as a parameter never reaches a message or a log.
enum HTTPFetch {
    /// Downloads `url` with `parameters` appended to its query.
    static func get(_ url: String, parameters: [(String, String)], timeout: TimeInterval) async throws -> Data {
        guard var components = URLComponents(string: url), components.scheme != nil else {
            throw MokminError(.invalidInput, ko: "URL이 올바르지 않습니다", en: "The URL is not valid")
        }
        if !parameters.isEmpty {
            components.queryItems = (components.queryItems ?? []) + parameters.map { URLQueryItem(name: $0.0, value: $0.1) }
        }
        guard let full = components.url else { throw MokminError(.invalidInput, ko: "URL이 올바르지 않습니다", en: "The URL is not valid") }
        var request = URLRequest(url: full)
        request.timeoutInterval = timeout
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch let error as URLError {
            if error.code == .timedOut {
                throw MokminError(
                    .invalidInput, ko: "요청 실패: \(Int(timeout))초 안에 응답이 없습니다 (시간 초과)", en: "The request failed: timed out after \(Int(timeout)) s")
            }
            throw MokminError(
                .invalidInput, ko: "요청 실패: 연결할 수 없습니다 (오류 \(error.code.rawValue))", en: "The request failed: cannot connect (error \(error.code.rawValue))")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw MokminError(.invalidInput, ko: "응답 상태가 \(status)입니다", en: "The endpoint answered with status \(status)")
        }
        return data
    }
}
