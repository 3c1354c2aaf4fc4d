import ArgumentParser
import Foundation

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version / 버전을 보여 줍니다.")
    func run() { print("mokmin \(MokminVersionText.current)") }
}
