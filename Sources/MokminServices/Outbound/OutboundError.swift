import Foundation
import MokminBase
import MokminCore

/// Why an outbound request was refused or failed. The message names the URL without its query string (a service
/// key may be in it) and the rule that refused it.
public struct OutboundError: BilingualError, Sendable {
    public enum Code: Sendable, Hashable {
        case invalidURL
        /// Not http or https.
        case scheme
        /// The host is or resolves to an inside address and is not allowed in settings.
        case refused(AddressCategory)
        case unresolvable
        case connection
        case redirectLimit
        /// An https URL redirected to plain http.
        case redirectDowngrade
        case tooLarge
        /// No complete answer before the deadline (all redirects included).
        case deadline
        /// An answer other than 2xx where one was required.
        case status(Int)
        case shutDown
    }

    public var code: Code
    public var message: LocalizedText

    public init(_ code: Code, ko: String, en: String) {
        self.code = code
        self.message = LocalizedText(ko: ko, en: en)
    }


    /// The same message as a `MokminError` (invalid input: the URL or its answer is what the person must change).
    public var mokminError: MokminError { MokminError(.invalidInput, ko: message.ko, en: message.en) }

    /// Where to allow an inside host, for the messages of refusals an admin can lift.
    static let howToAllow = LocalizedText(
        ko: "내부 서버라면 관리자가 설정의 '내부 접속 허용 호스트'에 추가할 수 있습니다 (mokmin settings inside-hosts add)",
        en: "if this is an internal server, an administrator can add it under Settings, hosts allowed inside (mokmin settings inside-hosts add)")

    static func invalidURL(_ shown: String) -> OutboundError {
        OutboundError(.invalidURL, ko: "URL이 올바르지 않습니다: \(shown)", en: "The URL is not valid: \(shown)")
    }

    static func scheme(_ shown: String) -> OutboundError {
        OutboundError(
            .scheme, ko: "http:// 또는 https:// 주소만 요청할 수 있습니다: \(shown) (규칙: scheme)",
            en: "Only http:// and https:// URLs may be requested: \(shown) (rule: scheme)")
    }

    static func refused(_ shown: String, host: String, address: IPAddress?, category: AddressCategory) -> OutboundError {
        let what = address.map { IPAddress(host) == $0 ? host : "\(host) → \($0)" } ?? host
        if category == .metadata {
            return OutboundError(
                .refused(category), ko: "\(shown) 요청을 막았습니다: \(what)은(는) 클라우드 메타데이터 주소입니다 (규칙: metadata, 허용할 수 없음)",
                en: "Refused \(shown): \(what) is a cloud metadata address (rule: metadata; it can never be allowed)")
        }
        let article = "aeiou".contains(category.name.en.prefix(1)) ? "an" : "a"
        return OutboundError(
            .refused(category),
            ko: "\(shown) 요청을 막았습니다: \(what)은(는) \(category.name.ko) 주소입니다 (규칙: \(category.rawValue)). \(howToAllow.ko)",
            en: "Refused \(shown): \(what) is \(article) \(category.name.en) address (rule: \(category.rawValue)); \(howToAllow.en)")
    }

    static func unresolvable(_ shown: String, host: String) -> OutboundError {
        OutboundError(
            .unresolvable, ko: "요청 실패: 호스트 \(host)의 주소를 찾을 수 없습니다 (\(shown))",
            en: "The request failed: the host \(host) cannot be resolved (\(shown))")
    }

    static func connection(_ shown: String, reason: String) -> OutboundError {
        OutboundError(
            .connection, ko: "요청 실패: \(shown)에 연결할 수 없습니다 (\(reason))", en: "The request failed: cannot connect to \(shown) (\(reason))")
    }

    static func redirectLimit(_ shown: String, limit: Int) -> OutboundError {
        OutboundError(
            .redirectLimit, ko: "\(shown): 전달(redirect)이 \(limit)번을 넘었습니다 (규칙: redirects)",
            en: "\(shown): more than \(limit) redirects (rule: redirects)")
    }

    static func redirectDowngrade(_ shown: String) -> OutboundError {
        OutboundError(
            .redirectDowngrade, ko: "\(shown): https에서 http로의 전달은 따르지 않습니다 (규칙: redirects)",
            en: "\(shown): a redirect from https to plain http is not followed (rule: redirects)")
    }

    static func tooLarge(_ shown: String, limit: Int) -> OutboundError {
        OutboundError(
            .tooLarge, ko: "\(shown)의 응답이 \(bytes(limit))를 넘어 읽기를 멈췄습니다 (규칙: size)",
            en: "The answer from \(shown) is larger than \(bytes(limit)); reading stopped (rule: size)")
    }

    static func deadline(_ shown: String, seconds: Double) -> OutboundError {
        let s = seconds.rounded() == seconds ? String(Int(seconds)) : String(format: "%.1f", seconds)
        return OutboundError(
            .deadline, ko: "요청 실패: \(shown)에서 \(s)초 안에 응답을 다 받지 못했습니다 (시간 초과, 규칙: deadline)",
            en: "The request failed: timed out after \(s) s without a complete answer from \(shown) (rule: deadline)")
    }

    static func status(_ shown: String, code: Int) -> OutboundError {
        OutboundError(.status(code), ko: "\(shown)의 응답 상태가 \(code)입니다", en: "The endpoint \(shown) answered with status \(code)")
    }

    static let shutDown = OutboundError(.shutDown, ko: "서버가 종료 중이라 요청하지 않았습니다", en: "The server is shutting down; no request was made")

    /// `8 MiB`, `64 KiB`, `512 bytes`.
    static func bytes(_ count: Int) -> String {
        if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
        if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
        return "\(count) bytes"
    }
}
