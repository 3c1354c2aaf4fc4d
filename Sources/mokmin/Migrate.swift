import ArgumentParser
import Foundation
import MokminServices

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations / 데이터베이스를 최신 구조로 바꿉니다.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingErrors {
            let location = try database.location()
            let applied = try await AppServices.migrate(location)
            print(applied.isEmpty ? "\(location): 이미 최신입니다 / already up to date" : "\(location): applied \(applied.joined(separator: ", "))")
        }
    }
}
