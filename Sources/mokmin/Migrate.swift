import ArgumentParser
import Foundation
import MokminServices

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations / 데이터베이스를 최신 구조로 바꿉니다.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingErrors {
            let applied = try AppServices.migrate(path: database.path)
            print(applied.isEmpty ? "\(database.path): 이미 최신입니다 / already up to date" : "\(database.path): applied \(applied.joined(separator: ", "))")
        }
    }
}
