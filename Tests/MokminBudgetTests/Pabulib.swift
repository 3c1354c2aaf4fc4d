import Foundation
import MokminBudget

/// The seventeen Pabulib files bundled with the tests (see Resources/pabulib/README.md), and small helpers.
enum Pabulib {
    static let resources = Bundle.module.url(forResource: "Resources", withExtension: nil)!
    static let folder = resources.appendingPathComponent("pabulib")
    static let script = resources.appendingPathComponent("pabutools_reference.py")

    /// The file names, sorted.
    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".pb") }.sorted()

    static func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
    }

    static func election(_ name: String) throws -> PBElection { try PBFile.parse(try text(name), fileName: name) }

    /// The two elections whose MES completions take pabutools minutes.
    static let large: Set<String> = ["Poland_Warszawa_2019_Bielany.pb", "Poland_Warszawa_2021_Bielany.pb"]
}

/// A small election written as a `.pb` file.
func election(_ text: String) throws -> PBElection { try PBFile.parse(text, fileName: "test.pb") }
