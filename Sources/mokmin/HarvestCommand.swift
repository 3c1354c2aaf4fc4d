import ArgumentParser
import Foundation
import MokminCore
import MokminServices

struct HarvestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvest", abstract: "Scheduled collection from public APIs / 공공 API 정기 수집.",
        discussion: """
            A harvest polls a URL (JSON, CSV, TSV or GeoJSON) every --every minutes while `mokmin serve` runs, and adds \
            the rows whose --key is new to the dataset as a new version: re-running never duplicates rows. The service \
            key is write-only: give it on standard input with --service-key-stdin; it is never shown or logged.
            """,
        subcommands: [Add.self, List.self, Run.self, Remove.self])

    static func service(_ database: DatabaseOptions) async throws -> HarvestService {
        try await database.open().harvests
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a harvest / 수집 설정을 추가합니다.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The dataset to fill (created on the first run if new).") var dataset: String
        @Option(help: "The endpoint, http:// or https://.") var url: String
        @Option(help: "json, csv, tsv or geojson.") var format = "json"
        @Option(help: "Minutes between runs.") var every = 60
        @Option(help: "Column(s) identifying a row, comma-separated (e.g. stationName,dataTime).") var key: String
        @Option(help: "The query parameter that carries the service key.") var keyParameter = "serviceKey"
        @Flag(help: "Read the service key from standard input (write-only).") var serviceKeyStdin = false

        func run() async throws {
            try await reportingErrors {
                let secret = serviceKeyStdin ? readLine(strippingNewline: true) : nil
                let service = try await HarvestCommand.service(database)
                let harvest = try await service.add(
                    NewHarvest(
                        datasetSlug: dataset, url: url, format: format, serviceKey: secret, keyParameter: keyParameter, intervalMinutes: every,
                        uniqueKey: key.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }), actor: nil)
                print("harvest \(harvest.id): \(dataset) every \(every) min / 수집 설정을 추가했습니다")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List harvests and their health / 수집 설정 목록.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingErrors {
                let service = try await HarvestCommand.service(database)
                let f = ISO8601DateFormatter()
                print(
                    ["ID", "DATASET", "EVERY", "KEY", "SERVICE KEY", "LAST RUN", "LAST SUCCESS", "ROWS ADDED", "LAST ERROR", "URL"].joined(
                        separator: "\t"))
                for h in try await service.list() {
                    print(
                        [
                            String(h.id), h.datasetSlug, "\(h.intervalMinutes)m", h.uniqueKey.joined(separator: ","), h.hasServiceKey ? "set" : "-",
                            h.lastRunAt.map(f.string) ?? "-", h.lastSuccessAt.map(f.string) ?? "-", h.lastRowsAdded.map(String.init) ?? "-",
                            h.lastError ?? "-", h.url,
                        ].joined(separator: "\t"))
                }
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run a harvest now / 지금 수집합니다.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The harvest's ID.") var id: Int64

        func run() async throws {
            try await reportingErrors {
                let service = try await HarvestCommand.service(database)
                let result = try await service.http.shuttingDown { try await service.run(id: id) }
                print("harvest \(id): +\(result.rowsAdded) rows\(result.version.map { ", version \($0)" } ?? "") / \(result.rowsAdded)행 추가")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a harvest (the dataset stays) / 수집 설정을 지웁니다.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The harvest's ID.") var id: Int64

        func run() async throws {
            try await reportingErrors {
                try await HarvestCommand.service(database).remove(id: id, actor: nil)
                print("removed harvest \(id) / 지웠습니다")
            }
        }
    }
}
