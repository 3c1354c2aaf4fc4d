import ArgumentParser
import Foundation
import MokminBase
import MokminCore
import MokminDemo
import MokminIngest
import MokminServices

struct SampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write synthetic sample files for trials and benchmarks / 시험용 합성 파일을 만듭니다.",
        discussion: """
            living-population writes Seoul's living-population CSV layout (32 Korean headers) for the 읍면동 of the \
            served city (or --sgg), one row per dong, hour and day, from a fixed seed: the same command writes the \
            same file. The numbers are synthetic (합성 데이터), not real counts.
            """,
        subcommands: [LivingPopulation.self])

    struct LivingPopulation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "living-population", abstract: "Synthetic living population in Seoul's CSV layout / 생활인구 합성 파일.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "How many rows to write.") var rows = 1000
        @Option(help: "Where to write the CSV.") var out: String
        @Option(help: "utf-8 or cp949.") var encoding = "utf-8"
        @Option(help: "The 시군구 whose 읍면동 codes to use (default: the served city).") var sgg: String?
        @Option(help: "Random seed.") var seed: UInt64 = 1

        func validate() throws {
            guard rows > 0 else { throw ValidationError("--rows must be positive") }
            guard TextEncoding(name: encoding) != nil else { throw ValidationError("--encoding must be utf-8 or cp949") }
        }

        func run() async throws {
            try await reportingErrors {
                // Reads the served city from the database if there is one; never creates one (only the file is written).
                let services = try await database.openExistingOrBundled()
                let city: Region?
                if let sgg {
                    guard case .region(let r)? = services.regions.registry.lookup(code: sgg) else {
                        throw MokminError(.invalidInput, ko: "없는 시군구 코드입니다: \(sgg)", en: "No such 시군구 code: \(sgg)")
                    }
                    city = r
                } else {
                    city = try await services.regions.city()
                }
                let codes = city.map { services.regions.registry.children(of: $0.code).map { String($0.code.prefix(8)) } } ?? []
                guard !codes.isEmpty else {
                    throw MokminError(.invalidInput, ko: "읍면동 경계가 적재된 시군구가 아닙니다", en: "That 시군구 has no 읍면동 boundaries loaded")
                }
                try LivingPopulationSample.writeCSV(
                    to: URL(fileURLWithPath: out), rows: rows, dongCodes: codes, encoding: TextEncoding(name: encoding)!, seed: seed)
                print("wrote \(rows) rows to \(out) (\(codes.count) 읍면동, 합성 데이터 / synthetic)")
            }
        }
    }
}
