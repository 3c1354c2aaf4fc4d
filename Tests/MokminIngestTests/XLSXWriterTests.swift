import Foundation
import MokminBase
import Testing
import ZIPFoundation

@testable import MokminIngest

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Workbooks written by ``XLSXWriter`` and read back by Mokmin's own XLSX reader (and, where Python has openpyxl, by
/// openpyxl): every cell as written, the package a valid ZIP of well-formed parts, sheet names as Excel allows them.
@Suite("XLSX writing")
struct XLSXWriterTests {
    static let hostile = #"<b a="1">Tom & Jerry's "quote" ]]> </b>"#
    static let plan: [[XLSXWriter.Cell]] = [
        [.text("과제번호"), .text("과제명"), .text("예산"), .text("비율"), .text("비고")],
        [.text("1-1"), .text("스마트 버스정류장 확대"), .number(1_250_000), .number(0.1), .text("세종특별자치시 & 조치원읍")],
        [.text("1-2"), .text("공공와이파이 🇰🇷 구축"), .number(-42), .number(-2.5), .empty],
        [.empty, .text(hostile), .number(0), .number(1e-7), .text("줄바꿈\n둘째 줄\r\n셋째 줄\t탭")],
        [.empty, .empty, .empty, .empty, .empty],
        [.text("007"), .text("=1+1"), .number(123_456_789_012), .number(3.25), .text("제어\u{0}문자\u{8}\u{1F}\u{FFFE}가 빠짐")],
    ]
    static let summary: [[XLSXWriter.Cell]] = [[.text("구분"), .text("건수")], [.text("정상"), .number(7)], [.text("지연"), .number(2)]]

    /// A two-sheet workbook written to a scratch file.
    static func workbook(_ scratch: Scratch) throws -> URL {
        var writer = XLSXWriter()
        #expect(writer.addSheet(name: "2026 계획", rows: plan) == "2026 계획")
        #expect(writer.addSheet(name: "요약", rows: summary) == "요약")
        let url = scratch.folder.appendingPathComponent("계획.xlsx")
        try writer.data().write(to: url)
        return url
    }

    @Test("Korean text, numbers, empty and XML-hostile cells come back as written, in both sheets")
    func roundTrip() throws {
        let scratch = try Scratch()
        let url = try Self.workbook(scratch)
        let first = try readAll(url, ReaderOptions(format: .xlsx))
        #expect(first.header == ["과제번호", "과제명", "예산", "비율", "비고"])
        #expect(
            first.values == [
                ["1-1", "스마트 버스정류장 확대", "1250000", "0.1", "세종특별자치시 & 조치원읍"],
                ["1-2", "공공와이파이 🇰🇷 구축", "-42", "-2.5", nil],
                [nil, Self.hostile, "0", "1e-07", "줄바꿈\n둘째 줄\r\n셋째 줄\t탭"],
                ["007", "=1+1", "123456789012", "3.25", "제어문자가 빠짐"],
            ])
        // The all-empty row is not read; the rows keep their sheet numbers.
        #expect(first.lines == [2, 3, 4, 6])
        #expect(first.issues.isEmpty)

        let second = try readAll(url, ReaderOptions(format: .xlsx, sheet: "요약"))
        #expect(second.header == ["구분", "건수"])
        #expect(second.values == [["정상", "7"], ["지연", "2"]])
    }

    @Test("Numbers are stored as numbers, text as inline strings; the header row alone is bold")
    func cellTypesAndHeaderStyle() throws {
        let scratch = try Scratch()
        let url = try Self.workbook(scratch)
        let package = try XLSXPackage(url: url, limits: .standard)
        #expect(package.sheets.map(\.name) == ["2026 계획", "요약"])
        #expect(package.styleKinds == [.number, .number])

        let sheet = String(decoding: try Self.part("xl/worksheets/sheet1.xml", of: url), as: UTF8.self)
        #expect(sheet.contains(#"<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">과제번호</t></is></c>"#))
        #expect(sheet.contains(#"<c r="C2"><v>1250000</v></c>"#))
        #expect(sheet.contains(#"<c r="A6" t="inlineStr"><is><t xml:space="preserve">007</t></is></c>"#))
        #expect(sheet.contains(#"<c r="B6" t="inlineStr">"#), "text that looks like a formula stays text")
        #expect(!sheet.contains("<f>"))
        #expect(sheet.contains(#"<row r="5"></row>"#))
        let styles = String(decoding: try Self.part("xl/styles.xml", of: url), as: UTF8.self)
        #expect(styles.contains(#"<font><b/>"#) && styles.contains(#"fontId="1""#))
    }

    @Test("The package is a valid ZIP: every entry's checksum holds and every part is well-formed XML")
    func packageIsValid() throws {
        var writer = XLSXWriter()
        writer.addSheet(name: "하나", rows: Self.plan)
        writer.addSheet(name: "둘", rows: Self.summary)
        let data = try writer.data()
        #expect(data.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let archive = try Archive(data: data, accessMode: .read)
        let paths = archive.map(\.path).sorted()
        #expect(
            paths == [
                "[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml",
                "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
            ])
        for entry in archive {
            var bytes = Data()
            // extract checks each entry's CRC-32 against its inflated bytes.
            _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
            let parser = XMLParser(data: bytes)
            #expect(parser.parse(), "\(entry.path) is not well-formed: \(String(describing: parser.parserError))")
        }
        let types = String(decoding: try Self.part("[Content_Types].xml", of: data), as: UTF8.self)
        #expect(types.contains("/xl/worksheets/sheet2.xml") && types.contains("/xl/styles.xml"))
    }

    @Test("Text that looks like Excel's _xHHHH_ escape is protected, so it reads back as written")
    func escapeLookalikes() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("escapes.xlsx")
        var writer = XLSXWriter()
        writer.addSheet(name: "S", rows: [[.text("값")], [.text("_x0041_ 그대로, _x12_ 도")]])
        try writer.data().write(to: url)
        let sheet = String(decoding: try Self.part("xl/worksheets/sheet1.xml", of: url), as: UTF8.self)
        #expect(sheet.contains("_x005F_x0041_ 그대로, _x12_ 도"))
        #expect(try readAll(url, ReaderOptions(format: .xlsx)).values == [["_x0041_ 그대로, _x12_ 도"]])
    }

    @Test("A book without sheets is one empty Sheet1, which the reader finds empty")
    func emptyBook() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("empty.xlsx")
        try XLSXWriter().data().write(to: url)
        #expect(try XLSXPackage(url: url, limits: .standard).sheets.map(\.name) == ["Sheet1"])
        #expect(readError { _ = try readAll(url, ReaderOptions(format: .xlsx)) }?.code == .empty)
    }

    @Test("Columns past Z are named AA, AB, …, and read back in place")
    func wideRows() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("wide.xlsx")
        var writer = XLSXWriter()
        writer.addSheet(name: "넓은 표", rows: [(1...30).map { .text("열\($0)") }, (1...30).map { .number(Double($0)) }])
        try writer.data().write(to: url)
        let result = try readAll(url, ReaderOptions(format: .xlsx))
        #expect(result.header.last == "열30")
        #expect(result.values == [(1...30).map { String($0) }])
        #expect(XLSXWriter.columnName(0) == "A" && XLSXWriter.columnName(25) == "Z" && XLSXWriter.columnName(26) == "AA")
        #expect(XLSXWriter.columnName(701) == "ZZ" && XLSXWriter.columnName(702) == "AAA" && XLSXWriter.columnName(16_383) == "XFD")
    }

    @Test("Sheet names follow Excel's rules: no []:*?/\\, at most 31 UTF-16 units, no ' at the ends, unique ignoring case")
    func sheetNames() throws {
        var writer = XLSXWriter()
        #expect(writer.addSheet(name: "2026/1분기: [초안]*?\\", rows: []) == "2026_1분기_ _초안____")
        #expect(writer.addSheet(name: "'인용'", rows: []) == "인용")
        let long = String(repeating: "가", count: 40)
        #expect(writer.addSheet(name: long, rows: []) == String(repeating: "가", count: 31))
        #expect(writer.addSheet(name: long, rows: []) == String(repeating: "가", count: 27) + " (2)")
        #expect(writer.addSheet(name: "Data", rows: []) == "Data")
        #expect(writer.addSheet(name: "data", rows: []) == "data (2)")
        #expect(writer.addSheet(name: "DATA", rows: []) == "DATA (3)")
        #expect(writer.addSheet(name: "history", rows: []) == "history (2)", "Excel reserves History")
        #expect(writer.addSheet(name: " \u{0}\t ", rows: []) == "Sheet9")
        #expect(writer.addSheet(name: "Sheet9", rows: []) == "Sheet9 (2)")
        // A flag is one character of four UTF-16 units: the name stops before a flag that would pass 31 units.
        #expect(writer.addSheet(name: String(repeating: "ab", count: 14) + "🇰🇷", rows: []) == String(repeating: "ab", count: 14))
        #expect(writer.addSheet(name: "탭\t이름\u{7}", rows: []) == "탭이름")

        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("names.xlsx")
        try writer.data().write(to: url)
        let names = try XLSXPackage(url: url, limits: .standard).sheets.map(\.name)
        #expect(names.count == 12)
        #expect(Set(names.map { $0.lowercased() }).count == 12)
        #expect(names.allSatisfy { $0.utf16.count <= 31 && !$0.isEmpty && $0.rangeOfCharacter(from: CharacterSet(charactersIn: "[]:*?/\\")) == nil })
        // Found by its new name (and empty), not missing.
        #expect(readError { _ = try readAll(url, ReaderOptions(format: .xlsx, sheet: "2026_1분기_ _초안____")) }?.code == .empty)
    }

    @Test("A cell is cut at Excel's 32,767 characters, never inside a character")
    func longCell() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("long.xlsx")
        var writer = XLSXWriter()
        writer.addSheet(name: "긴 글", rows: [[.text("본문")], [.text(String(repeating: "가", count: 32_766) + "😀끝")]])
        try writer.data().write(to: url)
        let text = try #require(try readAll(url, ReaderOptions(format: .xlsx)).values.first?.first ?? nil)
        #expect(text == String(repeating: "가", count: 32_766))
    }

    @Test("More rows or cells than a sheet holds is an invalidInput error naming the sheet")
    func tooLarge() throws {
        var writer = XLSXWriter()
        writer.addSheet(name: "넓음", rows: [[XLSXWriter.Cell](repeating: .number(1), count: XLSXWriter.maxColumns + 1)])
        do {
            _ = try writer.data()
            Issue.record("a sheet wider than Excel's was written")
        } catch let error as MokminError {
            #expect(error.kind == .invalidInput)
            #expect(error.message.ko.contains("넓음") && error.message.en.contains("16384"))
        }
    }

    // MARK: openpyxl

    /// Whether `python3` can import openpyxl (`pip install openpyxl`); checked once.
    static let openpyxl: Bool = (try? python(["-c", "import openpyxl"]))?.status == 0

    @Test(
        "openpyxl reads the same cells, sheet names, numbers as numbers and a bold header",
        .enabled(if: openpyxl, "needs python3 with openpyxl (pip install openpyxl)"))
    func openpyxlReadsIt() throws {
        let scratch = try Scratch()
        let url = try Self.workbook(scratch)
        let script = """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            out = {}
            for sheet in book.worksheets:
                out[sheet.title] = {"rows": [[c.value for c in row] for row in sheet.iter_rows()], "bold": sheet["A1"].font.b}
            print(json.dumps(out, ensure_ascii=False))
            """
        let run = try Self.python(["-c", script, url.path])
        try #require(run.status == 0, "openpyxl failed: \(run.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: [String: Any]])
        #expect(json.keys.sorted() == ["2026 계획", "요약"])
        #expect(json["요약"]?["bold"] as? Bool == true)
        let rows = try #require(json["2026 계획"]?["rows"] as? [[Any]])
        func value(_ row: Int, _ column: Int) -> String {
            let cell = rows[row][column]
            if cell is NSNull { return "nil" }
            if let number = cell as? NSNumber, !(cell is String) { return "#\(number.doubleValue)" }
            return cell as? String ?? "?"
        }
        #expect(rows.count == 6)
        #expect((0..<5).map { value(1, $0) } == ["1-1", "스마트 버스정류장 확대", "#1250000.0", "#0.1", "세종특별자치시 & 조치원읍"])
        #expect((0..<5).map { value(2, $0) } == ["1-2", "공공와이파이 🇰🇷 구축", "#-42.0", "#-2.5", "nil"])
        #expect((0..<5).map { value(3, $0) } == ["nil", Self.hostile, "#0.0", "#1e-07", "줄바꿈\n둘째 줄\r\n셋째 줄\t탭"])
        #expect((0..<5).map { value(4, $0) } == ["nil", "nil", "nil", "nil", "nil"])
        #expect((0..<5).map { value(5, $0) } == ["007", "=1+1", "#123456789012.0", "#3.25", "제어문자가 빠짐"])
    }

    // MARK: helpers

    /// The bytes of one part of the package at `url`.
    static func part(_ path: String, of url: URL) throws -> Data {
        try part(path, of: Data(contentsOf: url))
    }

    static func part(_ path: String, of data: Data) throws -> Data {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive[path])
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return bytes
    }

    /// Runs `python3` with `arguments`: its exit status and standard output.
    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
