import ArgumentParser
import Foundation
import Logging
import MokminCore
import MokminDemo
import MokminServices
import MokminWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the web server / 웹 서버를 시작합니다.",
        discussion: """
            Opens (or creates) the database, applies migrations and, on an empty database, loads the bundled \
            boundaries (all 시군구 of Korea, the dong code crosswalk, and the 읍면동 of Sejong and Hongcheon). \
            --demo also creates the demo accounts on the first start and prints the admin password once, \
            as the line `demo admin: admin <password>`, and installs the demo status board: three feeds that read the \
            built-in Sejong simulator (labelled 시뮬레이션 everywhere), a day of history and starter alert rules, and the \
            synthetic inputs of the spatial analyses (labelled 합성 데이터). SIGTERM or Ctrl-C stops the server gracefully: \
            requests in flight finish and the database is closed cleanly.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(
        name: .customLong("db-replica"),
        help: "A PostgreSQL streaming replica for reads that may be a moment stale (env MOKMIN_DATABASE_REPLICA_URL); needs --db postgres://…")
    var dbReplica: String?
    @Option(
        help:
            "The folder for uploads waiting for review (default: the SQLite file's path + .uploads, or ./mokmin-uploads on PostgreSQL; share it between servers)."
    )
    var uploads: String?
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "Load the demo city (Sejong) and demo accounts on the first start.") var demo = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @Option(help: "Days to keep raw feed readings (hourly aggregates are kept longer).") var rawDays = 7
    @Option(help: "Days to keep hourly aggregates of feed readings.") var hourlyDays = 400
    @Option(help: "The address people reach the site at, for links the API hands out (default: http://HOST:PORT; env MOKMIN_PUBLIC_URL).")
    var publicURL: String?
    @Option(
        name: .customLong("trusted-proxy"),
        help:
            "A reverse proxy (address or CIDR block) whose X-Forwarded-For names the client; repeat for several (env MOKMIN_TRUSTED_PROXIES, comma-separated)."
    )
    var trustedProxies: [String] = []

    var publicAddress: String? { publicURL ?? ProcessInfo.processInfo.environment["MOKMIN_PUBLIC_URL"] }

    var proxyBlocks: [String] {
        trustedProxies.isEmpty
            ? (ProcessInfo.processInfo.environment["MOKMIN_TRUSTED_PROXIES"] ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            .filter { !$0.isEmpty }
            : trustedProxies
    }

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard rawDays >= 1, hourlyDays >= rawDays else {
            throw ValidationError("--raw-days must be at least 1 and --hourly-days at least --raw-days")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard rawDays <= 3650, hourlyDays <= 36500 else { throw ValidationError("--raw-days must be at most 3650 and --hourly-days at most 36500") }
        if let url = publicAddress {
            guard let components = URLComponents(string: url), ["http", "https"].contains(components.scheme ?? ""), components.host?.isEmpty == false,
                components.query == nil
            else { throw ValidationError("--public-url must be an http(s) address such as https://data.example.go.kr: \(url)") }
        }
        for block in proxyBlocks where AddressBlock(block) == nil {
            throw ValidationError("--trusted-proxy must be an IP address or a CIDR block such as 10.0.0.0/8: \(block)")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "mokmin")
        try await reportingErrors {
            let replica = dbReplica ?? ProcessInfo.processInfo.environment["MOKMIN_DATABASE_REPLICA_URL"]
            let services = try await database.open(replica: replica) { logger.info("\($0)") }
            if demo {
                let seeder = DemoSeeder(services: services)
                if let password = try await seeder.seedIfFirstStart() {
                    // Written unbuffered, so that a supervisor reading the pipe sees it at once.
                    FileHandle.standardOutput.write(Data("demo admin: admin \(password)\n".utf8))
                } else {
                    logger.info("demo city already loaded; the admin password was printed on the first start")
                }
                let board = BoardDemo(feeds: services.feeds, alerts: services.alerts, importer: services.importer)
                if try await board.installIfNeeded() { logger.info("demo board installed: simulated Sejong feeds with a day of history") }
                let inputs = AnalysisDemo(importer: services.importer, catalog: services.catalog)
                if try await inputs.installIfNeeded() {
                    logger.info("demo analysis inputs installed: synthetic Sejong living population, chargers, shelters, parking lots")
                }
                if try await PlanDemo(services: services).installIfNeeded() {
                    logger.info("demo innovation plan installed: Sejong 2020, 4 areas, 64 tasks")
                }
                if let codes = try await ParticipationDemo(services: services).installIfNeeded() {
                    // The printed one-time codes of the demo (shown once, like the admin password).
                    FileHandle.standardOutput.write(Data("demo resident codes: \(codes.joined(separator: " "))\n".utf8))
                }
                if try await ProposalDemo.seed(services: services) { logger.info("demo citizen proposals installed: one in every state") }
            }
            let uploads = URL(fileURLWithPath: self.uploads ?? database.path.map { $0 + ".uploads" } ?? "./mokmin-uploads")
            var configuration = AppConfiguration(host: host, port: port, logLevel: level, uploadDirectory: uploads)
            configuration.runsSchedules = true
            configuration.retention = BoardRetention(rawDays: rawDays, hourlyDays: hourlyDays)
            configuration.publicURL = publicAddress
            configuration.trustedProxies = proxyBlocks.compactMap(AddressBlock.init)
            let app = try await buildApplication(configuration, services: services)
            logger.info("serving \((try? database.location())?.description ?? database.address) on http://\(host):\(port)")
            try await app.runService()
            await services.close()
            logger.info("stopped; database closed")
        }
    }
}
