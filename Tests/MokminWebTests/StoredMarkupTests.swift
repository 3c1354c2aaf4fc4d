import Foundation
import Hummingbird
import HummingbirdTesting
import MokminCore
import MokminIngest
import MokminServices
import MokminTestSupport
import MokminWeb
import NIOCore
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A file whose column names and title try to break out of the dataset page's markup (the stored XSS of issue 12:
/// a column named `n" onload="…` ran script for everyone who opened the page). Imported the way an analyst would,
/// then the page is opened anonymously: the names come back as text, never as markup.
@Suite struct StoredMarkupTests {
    static let columns = [#"n" onload="alert(1)"#, #""><script>alert(2)</script>"#, "x' onmouseover='alert(3)"]

    /// One CSV field, quoted as RFC 4180 wants.
    static func quoted(_ field: String) -> String { "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    @Test(arguments: StoreKind.available) func hostileColumnNamesStayTextOnTheDatasetPage(_ kind: StoreKind) async throws {
        let testApp = try await TestApp.make(on: kind)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-xss-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("hostile.csv")
        let rows = (1...20).map { i in "\(i),\(i * i),\(20 - i)" }
        try Data(([Self.columns.map(Self.quoted).joined(separator: ",")] + rows).joined(separator: "\n").utf8).write(to: file)
        _ = try await testApp.services.importer.run(
            ImportService.Request(
                file: file,
                metadata: DatasetMetadata(slug: "hostile", title: #"<img src=x onerror="alert(4)">"#, organization: "테스트", visibility: .public),
                options: ReaderOptions(format: .csv), actor: "analyst1"))

        let app = try await testApp.application()
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/datasets/hostile", method: .get)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            for injected in ["onload=\"alert", "<script", "onmouseover='alert", "<img src=x"] {
                #expect(!html.contains(injected), "the page carries \(injected) as markup")
            }
            // Each column's histogram is well-formed SVG whose accessible name is the column name, read back intact.
            var labels: [String] = []
            var rest = html[...]
            while let start = rest.range(of: "<svg class=\"histogram\""),
                let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
            {
                let svg = String(rest[start.lowerBound..<end.upperBound])
                let root = try #require(Self.rootAttributes(svg), "not well-formed: \(svg)")
                #expect(root.keys.allSatisfy { !$0.lowercased().hasPrefix("on") }, "\(root)")
                labels.append(root["aria-label"] ?? "")
                rest = rest[end.upperBound...]
            }
            #expect(labels == Self.columns)
        }
    }

    /// The attributes of the root element of `xml`, nil when it is not well-formed.
    static func rootAttributes(_ xml: String) -> [String: String]? {
        final class Root: NSObject, XMLParserDelegate {
            var attributes: [String: String]?
            func parser(
                _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]
            ) {
                if self.attributes == nil { self.attributes = attributes }
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let root = Root()
        parser.delegate = root
        return parser.parse() ? root.attributes : nil
    }
}
