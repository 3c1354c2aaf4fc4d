import Foundation
import Logging
import MokminCore
import MokminIngest
import MokminServices

/// The demo's inputs for the analyses, for Sejong, in the published layouts (synthetic: 합성 데이터, labelled on
/// every screen): four weeks of living population, the existing EV chargers, the earthquake outdoor shelters and the
/// public parking lots used as candidate sites. Real files of the same layouts replace them through the data hub.
public struct AnalysisDemo: Sendable {
    let importer: ImportService
    let catalog: CatalogService
    let logger: Logger

    public static let livingPopulation = "sejong-living-population"
    public static let chargers = "sejong-ev-chargers"
    public static let shelters = "sejong-earthquake-shelters"
    public static let parkingLots = "sejong-parking-lots"
    /// Every dataset of the demo whose content is synthetic.
    public static let syntheticSlugs: Set<String> = [livingPopulation, chargers, shelters, parkingLots]

    public init(importer: ImportService, catalog: CatalogService, logger: Logger = Logger(label: "mokmin.demo")) {
        self.importer = importer
        self.catalog = catalog
        self.logger = logger
    }

    /// Imports the four datasets once (when the living-population one does not exist yet). Returns whether it did.
    @discardableResult
    public func installIfNeeded(days: Int = 28) async throws -> Bool {
        guard try await catalog.metadata(slug: Self.livingPopulation) == nil else { return false }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let note = "\(SejongSynthetic.label). 세종시 데모용으로 만든 합성 자료이며 실제 기록이 아닙니다. Generated for the Sejong demo; not real records."
        let files: [(slug: String, title: String, text: String, tags: [String])] = [
            (Self.livingPopulation, "세종 생활인구 (합성, 4주)", SejongSynthetic.livingPopulationCSV(start: "20260601", days: days, seed: 11), ["생활인구", "합성"]),
            (Self.chargers, "세종 전기차 충전소 (합성)", SejongSynthetic.evChargersCSV(seed: 12), ["전기차", "충전소", "합성"]),
            (Self.shelters, "세종 지진 옥외대피장소 (합성)", SejongSynthetic.sheltersCSV(seed: 13), ["지진", "대피소", "합성"]),
            (Self.parkingLots, "세종 공영주차장 (합성, 후보지)", SejongSynthetic.parkingLotsCSV(seed: 14), ["주차장", "후보지", "합성"]),
        ]
        for file in files {
            let url = directory.appendingPathComponent(file.slug + ".csv")
            try Data(file.text.utf8).write(to: url)
            _ = try await importer.run(
                ImportService.Request(
                    file: url,
                    metadata: DatasetMetadata(
                        slug: file.slug, title: file.title, description: note, organization: "세종특별자치시", tags: file.tags, source: "Mokmin demo"),
                    options: ReaderOptions(format: .csv), actor: nil))
        }
        logger.info("demo analysis inputs imported", metadata: ["days": "\(days)"])
        return true
    }
}
