import Foundation
import MokminTestSupport
import Testing

/// Services are the only way to the data: the web layer and the command line reach storage through `AppServices`
/// and the services, never through `MokminStore`, so a second store (PostgreSQL) touches only the store module and
/// the composition root. `Package.swift` does not list `MokminStore` among their dependencies; this test also catches
/// an import that a transitive dependency would let through.
@Suite struct ModuleBoundaryTests {
    static func swiftFiles(under folder: String) -> [URL] {
        let root = Fixtures.packageRoot.appendingPathComponent(folder)
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
    }

    @Test(arguments: ["Sources/MokminWeb", "Sources/mokmin"])
    func webAndCommandLineDoNotImportTheStore(_ folder: String) throws {
        let files = Self.swiftFiles(under: folder)
        #expect(files.count > 5, "the sources of \(folder) were found")
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let imports = text.split(separator: "\n").filter { $0.hasPrefix("import ") || $0.hasPrefix("@testable import ") }
            #expect(!imports.contains { $0.hasSuffix(" MokminStore") }, "\(file.lastPathComponent) imports MokminStore")
            #expect(!text.contains(".repositories."), "\(file.lastPathComponent) reaches into the services' repositories")
        }
    }

    /// `serve`, and `plan briefing`, which writes the web's briefing page (its template and stylesheet) to a file.
    static let webCommands: Set<String> = ["Serve.swift", "PlanBriefingCommand.swift"]

    @Test func commandsOtherThanServeDoNotImportTheWebServer() throws {
        for file in Self.swiftFiles(under: "Sources/mokmin") where !Self.webCommands.contains(file.lastPathComponent) {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains("import MokminWeb"), "\(file.lastPathComponent) imports MokminWeb")
        }
    }

    /// The modules a module's files may import, from the bottom up: the foundation imports nothing of ours, the pure
    /// algorithms and drawing never see storage, the web server or the demo, and only the services see the store.
    static let allowed: [String: Set<String>] = [
        "MokminBase": [],
        "MokminGeo": ["MokminBase"],
        "MokminSVG": ["MokminBase", "MokminGeo"],
        "MokminAnalysis": ["MokminBase", "MokminGeo"],
        "MokminCore": ["MokminBase", "MokminGeo"],
        "MokminIngest": ["MokminBase", "MokminCore", "MokminGeo"],
        "MokminPlan": ["MokminBase", "MokminCore"],
        "MokminParticipation": ["MokminBase", "MokminCore"],
        "MokminBudget": ["MokminBase"],
        "MokminStore": ["MokminBase", "MokminCore", "MokminGeo", "MokminPlan", "MokminParticipation"],
        "MokminPostgres": ["MokminBase", "MokminCore", "MokminGeo", "MokminPlan", "MokminParticipation", "MokminStore"],
        "MokminServices": [
            "MokminBase", "MokminCore", "MokminGeo", "MokminIngest", "MokminStore", "MokminPostgres", "MokminAnalysis", "MokminPlan",
            "MokminParticipation",
            "MokminBudget",
        ],
        "MokminDemo": ["MokminBase", "MokminCore", "MokminGeo", "MokminIngest", "MokminServices", "MokminPlan", "MokminParticipation"],
        "MokminWeb": [
            "MokminBase", "MokminCore", "MokminGeo", "MokminSVG", "MokminIngest", "MokminServices", "MokminAnalysis", "MokminDemo", "MokminPlan",
            "MokminParticipation",
        ],
        "mokmin": [
            "MokminBase", "MokminCore", "MokminServices", "MokminWeb", "MokminIngest", "MokminAnalysis", "MokminDemo", "MokminPlan",
            "MokminParticipation", "MokminBudget",
        ],
    ]

    @Test(arguments: allowed.keys.sorted())
    func eachModuleImportsOnlyTheModulesBelowIt(_ module: String) throws {
        let files = Self.swiftFiles(under: "Sources/" + module)
        #expect(!files.isEmpty, "the sources of \(module) were found")
        let permitted = Self.allowed[module] ?? []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("import Mokmin") {
                let imported = String(line.dropFirst("import ".count))
                #expect(permitted.contains(imported), "\(module)/\(file.lastPathComponent) imports \(imported)")
            }
        }
    }

    @Test func everyModuleIsInTheTable() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Fixtures.packageRoot.appendingPathComponent("Sources").path)
        #expect(Set(folders) == Set(Self.allowed.keys))
    }
}
