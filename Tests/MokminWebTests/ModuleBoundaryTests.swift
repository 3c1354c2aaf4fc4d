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

    @Test func commandsOtherThanServeDoNotImportTheWebServer() throws {
        for file in Self.swiftFiles(under: "Sources/mokmin") where file.lastPathComponent != "Serve.swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains("import MokminWeb"), "\(file.lastPathComponent) imports MokminWeb")
        }
    }
}
