import ArgumentParser
import Foundation
import MokminBase
import MokminCore
import MokminServices

struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed", abstract: "Live feeds of the status board / 상황판 실시간 피드.",
        discussion: """
            A feed is read every --every seconds while `mokmin serve` runs, with the parser of its --kind: airkorea \
            (AirKorea getCtprvnRltmMesureDnsty JSON), disaster (safety data DSSP-IF-00247), traffic (ITS trafficInfo JSON) \
            or generic (any JSON/CSV endpoint, fields mapped with --settings). --settings is JSON, for example \
            '{"locationDataset":"air-stations","keyColumn":"측정소명","longitudeColumn":"경도","latitudeColumn":"위도",\
            "query":{"sidoName":"세종","returnType":"json","ver":"1.3"}}'. The service key is write-only: give it on standard \
            input with --service-key-stdin; it is never shown or logged. `simulator:airkorea`, `simulator:traffic` and \
            `simulator:disaster` read the built-in Sejong simulator.
            """,
        subcommands: [Add.self, List.self, Test.self, Load.self, Remove.self])

    static func services(_ database: DatabaseOptions) async throws -> AppServicesBox {
        let services = try await database.open()
        try await services.regions.reload()
        return AppServicesBox(feeds: services.feeds, alerts: services.alerts)
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a feed / 피드를 추가합니다.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "A name for people (unique).") var name: String
        @Option(help: "airkorea, disaster, traffic or generic.") var kind: String
        @Option(help: "The endpoint, http:// or https:// (or simulator:…).") var url: String
        @Option(help: "Seconds between reads.") var every = 300
        @Option(help: "Seconds without new data before the feed counts as stale (default: 3 × --every, at least 600).") var staleAfter: Int?
        @Option(help: "The query parameter that carries the service key.") var keyParameter = "serviceKey"
        @Option(help: "The kind's settings as JSON (location dataset, regions, field mapping, query parameters).") var settings = "{}"
        @Flag(help: "Read the service key from standard input (write-only).") var serviceKeyStdin = false

        func validate() throws {
            guard FeedKind(rawValue: kind) != nil else {
                throw ValidationError("--kind must be one of \(FeedKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            try await reportingErrors {
                let secret = serviceKeyStdin ? readLine(strippingNewline: true) : nil
                let box = try await FeedCommand.services(database)
                let feed = try await box.feeds.add(
                    NewFeed(
                        name: name, kind: FeedKind(rawValue: kind)!, url: url, serviceKey: secret, keyParameter: keyParameter, intervalSeconds: every,
                        staleAfterSeconds: staleAfter ?? max(every * 3, 600), settings: settings), actor: nil)
                print("feed \(feed.id): \(feed.name) (\(feed.kind.rawValue)) every \(feed.intervalSeconds) s / 피드를 추가했습니다")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List feeds and their health / 피드 목록과 상태.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingErrors {
                let box = try await FeedCommand.services(database)
                let f = ISO8601DateFormatter()
                print(
                    ["ID", "NAME", "KIND", "EVERY", "STATE", "SERVICE KEY", "LAST SUCCESS", "LAST DATA", "LAST ERROR", "URL"].joined(separator: "\t"))
                for feed in try await box.feeds.list() {
                    let health = FeedHealth(feed, now: Date())
                    print(
                        [
                            String(feed.id), feed.name, feed.kind.rawValue, "\(feed.intervalSeconds)s", health.state,
                            feed.hasServiceKey ? "set" : "-",
                            feed.lastSuccessAt.map(f.string) ?? "-", feed.lastDataTime ?? "-", feed.lastError ?? "-", feed.url,
                        ].joined(separator: "\t"))
                }
            }
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a feed once without storing anything, and show what it read / 저장하지 않고 한 번 읽어 봅니다.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The feed's id or name.") var feed: String

        func run() async throws {
            try await reportingErrors {
                let box = try await FeedCommand.services(database)
                let report = try await box.feeds.fetcher.http.shuttingDown { try await box.feeds.test(feed) }
                print("\(report.feed): \(report.items) items read / \(report.items)개 읽음, \(report.issues.count) issues / 문제 \(report.issues.count)개")
                for line in report.sample { print("  \(line)") }
                for issue in report.issues.prefix(20) { print("  ! \(issue)") }
            }
        }
    }

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a saved response as if the feed had read it (archives, recorded days) / 저장된 응답을 적재합니다.",
            discussion: "The file is read with the feed's parser and settings; readings already stored are not stored twice.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The feed's id or name.") var feed: String
        @Argument(help: "The saved response (the feed's format).") var file: String

        func run() async throws {
            try await reportingErrors {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw MokminError(.notFound, ko: "파일을 읽을 수 없습니다: \(file)", en: "Cannot read the file: \(file)")
                }
                let box = try await FeedCommand.services(database)
                let started = Date()
                let report = try await box.feeds.load(feed, data: data)
                let seconds = Date().timeIntervalSince(started)
                let parse = String(format: "%.2f", report.parseSeconds ?? 0), store = String(format: "%.2f", report.storeSeconds ?? 0)
                print(
                    "\(report.feed): \(report.items) read, \(report.stored) stored in \(String(format: "%.2f", seconds)) s (parse \(parse) s, store \(store) s) / \(report.items)개 읽음, \(report.stored)개 저장, 문제 \(report.issues.count)개"
                )
                for issue in report.issues.prefix(20) { print("  ! \(issue)") }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a feed with its readings / 피드와 측정값을 지웁니다.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The feed's id or name.") var feed: String

        func run() async throws {
            try await reportingErrors {
                let box = try await FeedCommand.services(database)
                try await box.feeds.remove(feed, actor: nil)
                print("removed \(feed) / 지웠습니다")
            }
        }
    }
}

/// The two board services the `feed` and `alert` commands use.
struct AppServicesBox {
    let feeds: FeedService
    let alerts: AlertService
}
