import ArgumentParser
import Foundation
import MokminServices

/// `mokmin store copy`: moving a city from its SQLite file to PostgreSQL.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "The database itself / 데이터베이스 자체.", subcommands: [Copy.self])

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy an SQLite city into an empty PostgreSQL database / SQLite 데이터를 빈 PostgreSQL로 옮깁니다.",
            discussion: """
                Copies every table, every dataset version and the audit log in one PostgreSQL transaction with COPY, then \
                compares each table's row count and checksum on both sides; commits only when all agree. A target that \
                holds data is refused. Stop the server on the SQLite file first, so that nothing changes during the copy.
                """)
        @Option(help: "The SQLite database file.") var from: String
        @Option(help: "The PostgreSQL database, postgres://user@host:port/db (created and empty).") var to: String

        func run() async throws {
            try await reportingErrors {
                let report = try await AppServices.copyStore(from: from, to: to) { line in print("  \(line)") }
                print(
                    "copied \(report.tables.count) tables, \(report.totalRows) rows in \(String(format: "%.1f", report.seconds)) s; every table's rows and checksum agree / 모든 표의 행 수와 검사합이 같습니다"
                )
            }
        }
    }
}
