import Foundation
import MokminBase
import MokminCore
import MokminGeo
import MokminIngest
import MokminServices

/// The board's panels: each one a template (`panel_<name>.mustache`) and the values it shows, computed from one
/// ``BoardSnapshot``. The page renders them all; `GET /board/panels/<name>` renders one again when an event says
/// it changed.
struct BoardPanels {
    let snapshot: BoardSnapshot
    let language: String
    let board: BoardService
    let regions: RegionService
    /// The cities the viewer sees (their own, or every served one).
    let cities: [Region]
    /// Whether the viewer may acknowledge alerts (a signed-in official, not a display token).
    let canAcknowledge: Bool

    /// The panels in page order; the wall shows one page at a time.
    static let pages: [[String]] = [["air-map", "air-worst"], ["air-trend"], ["traffic-map", "traffic-slow"], ["alerts", "messages", "health"]]
    static let names = pages.flatMap { $0 } + ["status"]

    /// What each panel listens to on the live stream.
    static func topics(_ name: String) -> String {
        switch name {
        case "status": "alert feed"
        case "air-map", "air-worst": "reading:airkorea feed"
        case "air-trend": "reading:airkorea"
        case "traffic-map", "traffic-slow": "reading:traffic feed"
        case "alerts": "alert"
        case "messages": "message"
        default: "feed"
        }
    }

    func t(_ key: String) -> String { Strings.text(key, language) }

    /// The values of one panel (its template is `panel_` + the name with `-` as `_`).
    func values(_ name: String) async throws -> [String: Any] {
        var values: [String: Any] = ["name": name, "topics": Self.topics(name), "generated": iso(snapshot.generatedAt)]
        switch name {
        case "status": values.merge(status()) { $1 }
        case "air-map": values.merge(try await airMap()) { $1 }
        case "air-worst": values.merge(airWorst()) { $1 }
        case "air-trend": values.merge(try await airTrend()) { $1 }
        case "traffic-map": values.merge(try await trafficMap()) { $1 }
        case "traffic-slow": values.merge(trafficSlow()) { $1 }
        case "alerts": values.merge(alerts()) { $1 }
        case "messages": values.merge(messages()) { $1 }
        default: values.merge(health()) { $1 }
        }
        return values
    }

    func status() -> [String: Any] {
        let stale = snapshot.staleFeeds.map { feed in
            ["name": feed.name, "since": feed.lastFreshAt.map(iso) ?? ""]
        }
        let worst = snapshot.openAlerts.max { ($0.severity, $0.startedAt) < ($1.severity, $1.startedAt) }
        return [
            "simulated": snapshot.simulated, "stale": stale, "has_stale": !stale.isEmpty, "open_count": snapshot.openAlerts.count,
            "worst": worst.map { ["severity": $0.severity.rawValue, "message": $0.message.text(language), "started": display($0.startedAt)] } as Any,
        ]
    }

    func alerts() -> [String: Any] {
        let rows = snapshot.openAlerts.map { alert -> [String: Any] in
            [
                "id": alert.id, "severity": alert.severity.rawValue,
                "severity_name": language == "en" ? alert.severity.englishName : alert.severity.koreanName, "rule": alert.ruleName,
                "message": alert.message.text(language), "started": display(alert.startedAt), "value": alert.value.map(Self.number) ?? "",
                "acked": alert.acknowledgedBy != nil, "acked_by": alert.acknowledgedBy ?? "",
                "acked_at": alert.acknowledgedAt.map { display(LocalTime.string($0)) } ?? "",
                "can_ack": canAcknowledge && alert.acknowledgedBy == nil,
            ]
        }
        return ["rows": rows, "empty": rows.isEmpty]
    }

    func messages() -> [String: Any] {
        let rows = snapshot.messages.map { message -> [String: Any] in
            [
                "serial": message.serial, "time": display(message.createdAt), "level": message.level.severity,
                "level_name": language == "en" ? message.level.englishName : message.level.koreanName, "kind": message.kind ?? "",
                "regions": message.regions.joined(separator: ", "), "text": message.text,
            ]
        }
        let counts = DisasterLevel.allCases.reversed().map { level -> [String: Any] in
            [
                "level": level.severity, "name": language == "en" ? level.englishName : level.koreanName,
                "count": snapshot.messages.filter { $0.level == level }.count,
            ]
        }
        return ["rows": rows, "empty": rows.isEmpty, "counts": counts]
    }

    func health() -> [String: Any] {
        let rows = snapshot.feeds.map { feed -> [String: Any] in
            [
                "name": feed.name, "kind": language == "en" ? feed.kind.englishName : feed.kind.koreanName, "state": feed.state,
                "state_name": stateName(feed.state), "simulated": feed.simulated,
                "last_success": feed.lastSuccessAt.map { display(LocalTime.string($0)) } ?? "–", "last_error": feed.lastError ?? "",
                "last_data": feed.lastDataTime.map(display) ?? "–", "interval": feed.intervalSeconds, "count": feed.lastCount ?? 0,
                "issues": feed.lastIssues ?? 0,
            ]
        }
        return ["rows": rows, "empty": rows.isEmpty]
    }

    func stateName(_ state: String) -> String {
        let names: [String: (String, String)] = [
            "ok": ("정상", "OK"), "stale": ("지연", "Stale"), "error": ("오류", "Error"), "disabled": ("꺼짐", "Disabled"),
        ]
        guard let name = names[state] else { return state }
        return language == "en" ? name.1 : name.0
    }

    /// `2026-11-23 09:00` from a stored local time.
    func display(_ local: String) -> String {
        String(local.replacingOccurrences(of: "T", with: " ").prefix(16))
    }

    /// ISO 8601 with the Korean offset, for `data-time` attributes.
    func iso(_ date: Date) -> String { LocalTime.string(date) + "+09:00" }

    static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e9 { return String(Int(value)) }
        return abs(value) < 1 ? String(format: "%.3f", value) : String(format: "%.1f", value)
    }
}
