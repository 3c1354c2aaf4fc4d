import Foundation
import Testing

@testable import MokminIngest

/// Packages built to break a reader: ZIP bombs, lying directories, huge shared-strings tables and sheets.
enum XLSXHostileFixture {
    static let sheetPath = "xl/worksheets/sheet1.xml"

    /// A one-sheet workbook whose sheet part and, when given, shared-strings part are exactly these bytes.
    static func write(to url: URL, sheet: Data, sharedStrings: Data? = nil, styles: Data? = nil) throws {
        var parts = XLSXFixture.parts(sheets: [("S", "")], sharedStrings: []).map { (path: $0.path, data: Data($0.text.utf8)) }
        for (index, part) in parts.enumerated() {
            switch part.path {
            case sheetPath: parts[index].data = sheet
            case "xl/sharedStrings.xml": parts[index].data = sharedStrings ?? part.data
            case "xl/styles.xml": parts[index].data = styles ?? part.data
            default: break
            }
        }
        try XLSXFixture.write(to: url, parts: parts)
    }

    /// A sheet part: a header row, then `count` copies of `row`.
    static func sheet(header: String = #"<row r="1"><c r="A1" t="inlineStr"><is><t>값</t></is></c></row>"#, row: String, count: Int) -> Data {
        Data(XLSXFixture.sheet(header + String(repeating: row, count: count)).utf8)
    }

    /// A shared-strings part with these entries.
    static func sharedStrings(_ strings: [String]) -> Data {
        let items = strings.map { "<si><t>\($0)</t></si>" }.joined()
        return Data(
            #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\#(items)</sst>"#.utf8)
    }

    /// Text that deflate compresses only a few times (pseudo-random digits), `count` bytes of it.
    static func digits(_ count: Int, seed: UInt64 = 7) -> String {
        var state = seed
        return String(
            (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Character(UnicodeScalar(UInt8(48 + (state >> 33) % 10)))
            })
    }

    /// Rewrites the sizes the ZIP directory (and the part's local header) claim for `path`, leaving the data as it is.
    static func claim(in url: URL, path: String, compressed: UInt32, uncompressed: UInt32) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        let name = Array(path.utf8)
        func put(_ value: UInt32, at offset: Int) {
            for k in 0..<4 { bytes[offset + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
        }
        func u16(_ offset: Int) -> Int { Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }
        var patched = 0
        for i in 0..<(bytes.count - 46) where bytes[i] == 0x50 && bytes[i + 1] == 0x4B {
            if bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02, Array(bytes[(i + 46)..<(i + 46 + u16(i + 28))]) == name {
                put(compressed, at: i + 20)
                put(uncompressed, at: i + 24)
                patched += 1
            } else if bytes[i + 2] == 0x03 && bytes[i + 3] == 0x04, Array(bytes[(i + 30)..<(i + 30 + u16(i + 26))]) == name {
                put(compressed, at: i + 18)
                put(uncompressed, at: i + 22)
                patched += 1
            }
        }
        #expect(patched == 2, "the local header and the directory entry of \(path)")
        try Data(bytes).write(to: url)
    }
}

@Suite("XLSX bounds")
struct XLSXLimitTests {
    private func read(_ url: URL, _ adjust: (inout ReaderLimits) -> Void = { _ in }) throws -> ReadResult {
        var options = ReaderOptions(format: .xlsx)
        adjust(&options.limits)
        return try readAll(url, options)
    }

    /// A ZIP bomb: a sheet of 24 MB of identical rows deflates to some 25 KB.
    private func bomb(_ scratch: Scratch) throws -> URL {
        let url = scratch.folder.appendingPathComponent("폭탄.xlsx")
        let row = #"<row><c t="inlineStr"><is><t>가나다라마바사</t></is></c></row>"#
        try XLSXHostileFixture.write(to: url, sheet: XLSXHostileFixture.sheet(row: row, count: 24 * 1024 * 1024 / row.utf8.count))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(size < 100_000)
        return url
    }

    @Test("A ZIP bomb is refused by its compression ratio as it inflates, naming the file, the part and the bound")
    func zipBomb() throws {
        let scratch = try Scratch()
        let error = readError { _ = try read(try bomb(scratch)) }
        #expect(error?.code == .tooLarge)
        #expect(error?.file == "폭탄.xlsx")
        #expect(error?.detail.en.contains("xl/worksheets/sheet1.xml") == true)
        #expect(error?.detail.en.contains("200 times its compressed size") == true)
        #expect(error?.message.ko.hasPrefix("폭탄.xlsx: XLSX의 xl/worksheets/sheet1.xml 부분이 압축된 크기의 200배") == true)
    }

    @Test("A directory that claims a huge compressed size and a tiny inflated one changes nothing")
    func lyingDirectory() throws {
        let scratch = try Scratch()
        let url = try bomb(scratch)
        try XLSXHostileFixture.claim(in: url, path: XLSXHostileFixture.sheetPath, compressed: 0xFFFF_FF00, uncompressed: 100)
        let error = readError { _ = try read(url) }
        #expect(error?.code == .tooLarge)
        #expect(error?.detail.en.contains("times its compressed size") == true)
    }

    @Test("A sheet that inflates past the part bound is refused, whatever its ratio")
    func partBound() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("큰시트.xlsx")
        let row = #"<row><c t="inlineStr"><is><t>\#(XLSXHostileFixture.digits(200))</t></is></c></row>"#
        try XLSXHostileFixture.write(to: url, sheet: XLSXHostileFixture.sheet(row: row, count: 8_000))
        #expect(try read(url).rows.count == 8_000)
        let error = readError { _ = try read(url) { $0.maxXLSXPartBytes = 1024 * 1024 } }
        #expect(error?.code == .tooLarge)
        #expect(error?.detail.en == "xl/worksheets/sheet1.xml in the XLSX package inflates to more than 1 MB; split the sheet or save it as CSV")
    }

    @Test("The parts read together are held to the total bound")
    func totalBound() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("합계.xlsx")
        let strings = (0..<3_000).map { XLSXHostileFixture.digits(200, seed: UInt64($0)) }
        let row = #"<row><c t="s"><v>1</v></c></row>"#
        try XLSXHostileFixture.write(
            to: url, sheet: XLSXHostileFixture.sheet(row: row, count: 20_000), sharedStrings: XLSXHostileFixture.sharedStrings(strings))
        #expect(try read(url) { $0.maxXLSXPartBytes = 700 * 1024 }.rows.count == 20_000)
        let error = readError { _ = try read(url) { $0.maxXLSXTotalBytes = 1024 * 1024 } }
        #expect(error?.code == .tooLarge)
        #expect(error?.detail.en == "the parts read from the XLSX package inflate to more than 1 MB in all (passed in xl/worksheets/sheet1.xml)")
    }

    @Test("A styles part held in memory is bounded more tightly")
    func metadataBound() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("서식.xlsx")
        let formats = String(repeating: #"<xf numFmtId="0"/>"#, count: 10_000)
        let styles = #"<?xml version="1.0" encoding="UTF-8"?><styleSheet><cellXfs>\#(formats)</cellXfs></styleSheet>"#
        try XLSXHostileFixture.write(to: url, sheet: XLSXHostileFixture.sheet(row: "", count: 0), styles: Data(styles.utf8))
        let error = readError { _ = try read(url) { $0.maxXLSXMetadataPartBytes = 64 * 1024 } }
        #expect(error?.code == .tooLarge)
        #expect(error?.detail.en.hasPrefix("xl/styles.xml in the XLSX package inflates to more than 64 KB") == true)
    }

    @Test("The shared-strings table is bounded in entries, in text and per entry")
    func sharedStrings() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("문자열.xlsx")
        let strings = (0..<11).map { "항목\($0)" } + [String(repeating: "가", count: 700)]
        try XLSXHostileFixture.write(
            to: url, sheet: XLSXHostileFixture.sheet(row: "", count: 0), sharedStrings: XLSXHostileFixture.sharedStrings(strings))
        #expect(try read(url).header == ["값"])
        let entries = readError { _ = try read(url) { $0.maxSharedStrings = 10 } }
        #expect(entries?.code == .tooLarge)
        #expect(entries?.detail.en == "the shared-strings table (xl/sharedStrings.xml) has more than 10 entries")
        let text = readError { _ = try read(url) { $0.maxSharedStringBytes = 1024 } }
        #expect(text?.code == .tooLarge)
        #expect(text?.detail.en == "the shared-strings table (xl/sharedStrings.xml) holds more than 1 KB of text")
        let entry = readError { _ = try read(url) { $0.maxRecordBytes = 1024 } }
        #expect(entry?.code == .recordTooLarge)
        #expect(entry?.detail.en == "shared string 12 is longer than 1 KB")
    }

    @Test("A small sheet that cites one long shared string over and over is bounded once the strings are expanded")
    func expansion() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("펼침.xlsx")
        let row = #"<row><c t="s"><v>0</v></c></row>"#
        try XLSXHostileFixture.write(
            to: url, sheet: XLSXHostileFixture.sheet(row: row, count: 2_000),
            sharedStrings: XLSXHostileFixture.sharedStrings([String(repeating: "x", count: 1_000)]))
        #expect(try read(url).rows.count == 2_000)
        let error = readError { _ = try read(url) { $0.maxSheetTextBytes = 1024 * 1024 } }
        #expect(error?.code == .tooLarge)
        #expect(error?.detail.en == "the sheet's values, shared strings expanded, come to more than 1 MB")
    }

    @Test("A cell or a row longer than the record bound stops the reading at its row")
    func recordBound() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("셀.xlsx")
        let long = String(repeating: "x", count: 2_000), part = String(repeating: "y", count: 400)
        let header = ["A", "B", "C"].map { #"<c r="\#($0)1" t="inlineStr"><is><t>\#($0)</t></is></c>"# }.joined()
        let cell = #"<row r="1">\#(header)</row>"# + #"<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>\#(long)</t></is></c></row>"#
        try XLSXHostileFixture.write(to: url, sheet: Data(XLSXFixture.sheet(cell).utf8))
        let cellError = readError { _ = try read(url) { $0.maxRecordBytes = 1024 } }
        #expect(cellError?.code == .recordTooLarge)
        #expect(cellError?.line == 2)
        #expect(cellError?.detail.en == "the value of cell B2 is longer than 1 KB")
        let cells = (0..<3).map { _ in #"<c t="inlineStr"><is><t>\#(part)</t></is></c>"# }.joined()
        let rowURL = scratch.folder.appendingPathComponent("행.xlsx")
        try XLSXHostileFixture.write(to: rowURL, sheet: Data(XLSXFixture.sheet(#"<row r="1">\#(cells)</row>"#).utf8))
        let rowError = readError { _ = try read(rowURL) { $0.maxRecordBytes = 1024 } }
        #expect(rowError?.code == .recordTooLarge)
        #expect(rowError?.line == 1)
    }

    @Test("A header row past the store's columns is refused at its row, with the count; the largest that fits reads")
    func columns() throws {
        let scratch = try Scratch()
        func header(_ count: Int) throws -> URL {
            let url = scratch.folder.appendingPathComponent("열\(count).xlsx")
            let cells = (1...count).map { #"<c t="inlineStr"><is><t>열\#($0)</t></is></c>"# }.joined()
            try XLSXHostileFixture.write(to: url, sheet: Data(XLSXFixture.sheet(#"<row r="1">\#(cells)</row><row r="2"><c><v>1</v></c></row>"#).utf8))
            return url
        }
        #expect(try read(try header(ReaderLimits.maxColumns)).header.count == 1_996)
        let error = readError { _ = try read(try header(3_000)) }
        #expect(error?.code == .tooManyColumns)
        #expect(error?.line == 1)
        #expect(
            error?.message.en
                == "열3000.xlsx line 1: has 3,000 columns; a dataset holds at most 1,996 (SQLite's 2,000 columns per table, less 4 internal ones)")
        #expect(readError { _ = try read(try header(ReaderLimits.maxColumns + 1)) }?.code == .tooManyColumns)
    }

    @Test("Hostile numbers in cell and row references neither crash nor stretch a row without end")
    func references() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("참조.xlsx")
        let letters = String(repeating: "A", count: 30)
        let rows =
            #"<row r="9223372036854775807"><c r="\#(letters)1" t="inlineStr"><is><t>머리</t></is></c></row>"#
            + #"<row><c r="A1"><v>7</v></c></row>"#
        try XLSXHostileFixture.write(to: url, sheet: Data(XLSXFixture.sheet(rows).utf8))
        let result = try read(url)
        #expect(result.header == ["머리"])
        #expect(result.values == [["7"]])
        let wide = scratch.folder.appendingPathComponent("넓음.xlsx")
        let cells = String(repeating: #"<c><v>1</v></c>"#, count: XLSXSheetParser.lastColumnIndex + 2)
        try XLSXHostileFixture.write(to: wide, sheet: XLSXHostileFixture.sheet(row: #"<row r="2">\#(cells)</row>"#, count: 1))
        let error = readError { _ = try read(wide) }
        #expect(error?.code == .malformed)
        #expect(error?.line == 2)
    }
}
