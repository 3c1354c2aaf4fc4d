import MokminCore
import Foundation

/// Disaster text messages from the safety data portal (행정안전부 긴급재난문자, safetydata.go.kr `DSSP-IF-00247`,
/// `returnType=json`).
///
/// Accepted shapes:
/// 1. the portal's own: `{"header": {"resultCode", "resultMsg", "errorMsg"}, "numOfRows", "pageNo", "totalCount",
///    "body": [...]}` (on failure `body` is null and the header carries the code);
/// 2. the data.go.kr envelope `{"response": {"header", "body": {"items": [...] or {"item": …}}}}`;
/// 3. the older data.go.kr layout `{"DisasterMsg": [{"head": [..., {"RESULT": {"resultCode", "resultMsg"}}]},
///    {"row": [...]}]}` (any single top-level name, as `DisasterMsg2` … `DisasterMsg4` use);
/// 4. a bare array of messages.
///
/// Fields: `SN` (number or text), `CRT_DT` (`YYYY/MM/DD HH:mm:ss`), `MSG_CN`, `RCPTN_RGN_NM` (comma-separated),
/// `EMRG_STEP_NM` (안전안내, 긴급재난, 위급재난), `DST_SE_NM`, `REG_YMD`, `MDFCN_YMD` (a date, or a date-time with
/// optional fraction of a second such as `2026/08/18 02:01:05.000000000`). Names are matched ignoring case. A
/// message lacking `SN`, `CRT_DT`, `MSG_CN` or `RCPTN_RGN_NM`, or with an unknown level, is an issue and skipped.
/// Messages are returned as published (repeats included); see ``DisasterMessage/deduplicated(_:)`` and
/// ``DisasterMessageFilter``.
public enum DisasterMessageFeed: Sendable {
    /// Reads a response body.
    public static func parse(_ data: Data) throws(FeedError) -> FeedParseResult<DisasterMessage> {
        let root = try FeedJSON.parse(data)
        var rows = try legacyRows(root)
        if rows == nil { rows = try FeedJSON.envelopeItems(root) }
        guard let list = rows else {
            throw .shape(ko: "body 배열이나 response.body.items가 없습니다", en: "there is no body array or response.body.items")
        }
        var result = FeedParseResult<DisasterMessage>()
        for (index, json) in list.enumerated() {
            guard let item = FeedItem.object(json, at: index, issues: &result.issues) else { continue }
            if let message = message(item, issues: &result.issues) { result.items.append(message) }
        }
        return result
    }

    private static func message(_ item: FeedItem, issues: inout [FeedIssue]) -> DisasterMessage? {
        var problems: [FeedIssue] = []
        let serial = item.required("SN", issues: &problems)
        let created = item.dateTime("CRT_DT", issues: &problems)
        let text = item.required("MSG_CN", issues: &problems)
        let regions = item.required("RCPTN_RGN_NM", issues: &problems).map(splitRegions) ?? []
        var level: DisasterLevel?
        if let raw = item.required("EMRG_STEP_NM", issues: &problems) {
            level = DisasterLevel(text: raw)
            if level == nil {
                problems.append(.invalid("EMRG_STEP_NM", raw, at: item.index, expectedKo: "안전안내·긴급재난·위급재난 중 하나", expectedEn: "안전안내, 긴급재난 or 위급재난"))
            }
        }
        if item.text("RCPTN_RGN_NM").map(ValueParser.isMissing) == false && regions.isEmpty {
            problems.append(.missing("RCPTN_RGN_NM", at: item.index))
        }
        issues += problems
        guard problems.isEmpty, let serial, let created, let text, let level else { return nil }
        let kind = item.text("DST_SE_NM").flatMap { ValueParser.isMissing($0) ? nil : $0 }
        return DisasterMessage(
            serial: serial, createdAt: created, text: text, regions: regions, level: level, kind: kind,
            registeredOn: day(item.text("REG_YMD")), modifiedOn: day(item.text("MDFCN_YMD")))
    }

    /// `"충청남도 천안시,세종특별자치시 "` → `["충청남도 천안시", "세종특별자치시"]`.
    static func splitRegions(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// A registration or modification date as ISO: a date-time (fraction of a second dropped) or a date, else the
    /// text as published; nil when missing.
    static func day(_ raw: String?) -> String? {
        guard let raw, !ValueParser.isMissing(raw) else { return nil }
        var text = raw
        if let dot = text.lastIndex(of: "."), text[..<dot].contains(":"), text[text.index(after: dot)...].allSatisfy(\.isNumber) {
            text = String(text[..<dot])
        }
        return ValueParser.dateTime(text) ?? ValueParser.date(text) ?? raw
    }

    /// The rows of the older layout (`{"DisasterMsg": [{"head": [...]}, {"row": [...]}]}`), checking its RESULT code;
    /// nil when the body is not in that layout.
    private static func legacyRows(_ root: OrderedJSON) throws(FeedError) -> [OrderedJSON]? {
        guard case .object(let members) = root, members.count == 1, case .array(let parts) = members[0].value else { return nil }
        var rows: [OrderedJSON]?
        for part in parts {
            if case .array(let head)? = part["head"] {
                for entry in head where entry["RESULT"] != nil {
                    guard try FeedJSON.checkHeader(entry["RESULT"]) else { return [] }
                }
            }
            if case .array(let list)? = part["row"] { rows = list }
        }
        if rows == nil, parts.contains(where: { $0["head"] != nil }) { return [] }
        return rows
    }
}
