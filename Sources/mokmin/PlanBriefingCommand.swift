import ArgumentParser
import Foundation
import MokminPlan
import MokminServices
import MokminWeb

extension PlanCommand {
    struct Briefing: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the review-meeting briefing (PDF through headless Chromium, or HTML) / 점검회의 자료를 만듭니다.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The period (2020Q2, 2020-05); default: the latest reported.") var period: String?
        @Option(help: "The plan's year (default: the newest plan).") var year: Int?
        @Option(help: "ko or en.") var language = "ko"
        @Option(help: "The file to write: .pdf (needs chromium) or .html.") var out: String

        func validate() throws {
            guard out.lowercased().hasSuffix(".pdf") || out.lowercased().hasSuffix(".html") else {
                throw ValidationError("--out: a .pdf or .html file")
            }
            guard ["ko", "en"].contains(language) else { throw ValidationError("--language: ko or en") }
            _ = try PlanCommand.period(period)
        }

        func run() async throws {
            try await reportingErrors {
                let plans = try await database.open().plans
                let pdf = out.lowercased().hasSuffix(".pdf") ? PDFRenderer() : nil
                let (data, stylesheet) = try await PlanBriefing.render(
                    plans: plans, planID: try await PlanCommand.plan(plans, year: year), period: try PlanCommand.period(period), language: language,
                    pdf: pdf)
                let url = URL(fileURLWithPath: out)
                try data.write(to: url)
                if let stylesheet {
                    // The HTML links its print stylesheet by name: it goes beside the file.
                    try stylesheet.write(to: url.deletingLastPathComponent().appendingPathComponent("briefing.css"))
                }
                print("\(out): \(data.count) bytes / 점검회의 자료를 썼습니다")
            }
        }
    }
}
