import ArgumentParser
import Foundation
import MokminBase
import MokminCore
import MokminIngest
import MokminServices

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a file into the data hub / 파일을 데이터 허브에 올립니다.",
        discussion: """
            Reads CSV or TSV (UTF-8, UTF-8 with BOM, or CP949/EUC-KR, detected automatically), JSON (an array of \
            objects, or the response.body.items envelope of Korean public APIs), GeoJSON or XLSX; infers each column's \
            type; links code and longitude/latitude columns to the region registry; and publishes a new version of the \
            dataset when every row is good. When rows are rejected it prints the report, publishes nothing and exits \
            with status 2, unless --skip-bad-rows says to publish the good rows. Re-importing a dataset makes a new \
            version; older versions stay readable.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The file to import.") var file: String
    @Option(help: "The dataset's identifier: lowercase letters, digits and '-'.") var dataset: String
    @Option(help: "Title (default: the file's name, or the existing title on re-import).") var title: String?
    @Option(help: "Description.") var description: String?
    @Option(help: "Organization (the department that keeps the data).") var org: String?
    @Option(help: "Tags, comma-separated.") var tags: String?
    @Option(help: "Licence: \(DatasetLicense.allCases.map(\.rawValue).joined(separator: ", ")).") var license: String?
    @Option(help: "public or internal (default internal for a new dataset).") var visibility: String?
    @Option(help: "auto, utf-8 or cp949.") var encoding = "auto"
    @Option(help: "csv, tsv, json, geojson or xlsx (default: from the file name).") var format: String?
    @Option(help: "The XLSX sheet to read (default: the first).") var sheet: String?
    @Option(
        name: .customLong("type"),
        help:
            "Override a column's type: 'column=type' (integer, decimal, boolean, text, date, dateTime, longitude, latitude, regionCode). Repeatable.")
    var types: [String] = []
    @Flag(help: "Publish the good rows when some are rejected (the report is kept with the version).") var skipBadRows = false

    func validate() throws {
        if encoding != "auto" && TextEncoding(name: encoding) == nil { throw ValidationError("--encoding must be auto, utf-8 or cp949") }
        if let format, SourceFormat(rawValue: format) == nil { throw ValidationError("--format must be csv, tsv, json, geojson or xlsx") }
        if format == nil && SourceFormat.guess(fileName: file) == nil {
            throw ValidationError("cannot tell the format from '\(file)': give --format csv|tsv|json|geojson|xlsx")
        }
        if let license, DatasetLicense(rawValue: license) == nil {
            throw ValidationError("--license must be one of \(DatasetLicense.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let visibility, Visibility(rawValue: visibility) == nil { throw ValidationError("--visibility must be public or internal") }
        _ = try overrides()
    }

    func overrides() throws -> [String: ColumnType] {
        var result: [String: ColumnType] = [:]
        for item in types {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let type = ColumnType(rawValue: parts[1]) else {
                throw ValidationError(
                    "--type '\(item)' must be 'column=type' with a type of \(ColumnType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            result[parts[0]] = type
        }
        return result
    }

    func run() async throws {
        try await reportingErrors {
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.isReadableFile(atPath: url.path) else {
                throw MokminError(.invalidInput, ko: "파일을 읽을 수 없습니다: \(file)", en: "Cannot read the file: \(file)")
            }
            let services = try await database.open()
            try await services.regions.reload()
            let existing = try await services.catalog.metadata(slug: dataset)
            let metadata = try DatasetMetadataInput(
                title: title, description: description, organization: org, tags: tags.map(DatasetMetadataInput.tags(from:)), license: license,
                visibility: visibility
            ).apply(to: existing ?? DatasetMetadata(slug: dataset, title: url.deletingPathExtension().lastPathComponent))
            let options = ReaderOptions(
                format: format.flatMap(SourceFormat.init(rawValue:)) ?? SourceFormat.guess(fileName: file)!,
                encoding: encoding == "auto" ? nil : TextEncoding(name: encoding), sheet: sheet)
            let importer = services.importer
            let outcome: ImportOutcome
            do {
                outcome = try await importer.run(
                    ImportService.Request(file: url, metadata: metadata, options: options, typeOverrides: try overrides(), skipBadRows: skipBadRows))
            } catch let error as ReadError {
                throw error.mokminError
            }
            print(outcome.report.summary)
            guard let version = outcome.version else {
                FileHandle.standardError.write(
                    Data(
                        "게시하지 않았습니다: 거부된 행이 있습니다 (--skip-bad-rows로 좋은 행만 게시) / Nothing published: rows were rejected (use --skip-bad-rows to publish the good rows)\n"
                            .utf8))
                throw ExitCode(2)
            }
            print("게시 / published: \(dataset) v\(version.number), \(version.rowCount) rows")
        }
    }
}
