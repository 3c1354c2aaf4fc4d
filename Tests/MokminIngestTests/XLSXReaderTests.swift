import Foundation
import Testing
import ZIPFoundation

@testable import MokminIngest

/// Builds real .xlsx packages from their XML parts, zipped with ZIPFoundation (no binary fixtures).
enum XLSXFixture {
    static func write(to url: URL, sheets: [(name: String, xml: String)], sharedStrings: [String], date1904: Bool = false) throws {
        try write(to: url, parts: parts(sheets: sheets, sharedStrings: sharedStrings, date1904: date1904).map { ($0, Data($1.utf8)) })
    }

    /// Writes the parts as they are, each deflated.
    static func write(to url: URL, parts: [(path: String, data: Data)]) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
    }

    /// The XML parts of a workbook with these sheets (rows given as `<row>` elements) and shared strings (plain text,
    /// or rich text when it starts with `<`).
    static func parts(sheets: [(name: String, xml: String)], sharedStrings: [String], date1904: Bool = false) -> [(path: String, text: String)] {
        let sheetEntries = sheets.indices.map { #"<sheet name="\#(sheets[$0].name)" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }
        let relations = sheets.indices.map {
            #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
        }
        let strings = sharedStrings.map { $0.hasPrefix("<") ? "<si>\($0)</si>" : "<si><t>\($0)</t></si>" }
        var parts: [(String, String)] = [
            (
                "[Content_Types].xml",
                #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#
            ),
            (
                "xl/workbook.xml",
                #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="\#(date1904 ? 1 : 0)"/><sheets>\#(sheetEntries.joined())</sheets></workbook>"#
            ),
            (
                "xl/_rels/workbook.xml.rels",
                #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(relations.joined())</Relationships>"#
            ),
            (
                "xl/sharedStrings.xml",
                #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(strings.count)">\#(strings.joined())</sst>"#
            ),
            (
                "xl/styles.xml",
                #"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;년&quot; m&quot;월&quot; d&quot;일&quot; hh:mm"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>"#
            ),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(
                (
                    "xl/worksheets/sheet\(index + 1).xml", Self.sheet(sheet.xml)
                ))
        }
        return parts
    }

    /// The text of a worksheet part holding these `<row>` elements.
    static func sheet(_ rows: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\#(rows)</sheetData></worksheet>"#
    }
}

@Suite("XLSX reading")
struct XLSXReaderTests {
    static let strings = ["행정동코드", "이름", "<r><t>청운</t></r><r><t>효자동</t></r><rPh><t>チョンウン</t></rPh>", "사직동", "개방"]
    static let population = """
        <row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="inlineStr"><is><t>기준일</t></is></c><c r="D2" t="inlineStr"><is><t>인구</t></is></c><c r="E2" t="s"><v>4</v></c><c r="F2" t="inlineStr"><is><t>측정일시</t></is></c></row>
        <row r="3"><c r="A3"><v>11110515</v></c><c r="B3" t="s"><v>2</v></c><c r="C3" s="1"><v>46231</v></c><c r="D3"><v>12.5</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" s="2"><v>46231.75</v></c></row>
        <row r="4"><c r="A4"><v>11110530</v></c><c r="B4" t="s"><v>3</v></c><c r="C4" s="1"/><c r="D4" t="str"><f>D3*2</f><v>25</v></c><c r="E4" t="b"><v>0</v></c></row>
        <row r="5"><c r="A5" s="1"/></row>
        <row r="6"><c r="A6"><v>11110540</v></c><c r="H6" t="inlineStr"><is><t>메모</t></is></c></row>
        <row r="7"><c r="B7" t="inlineStr"><is><t>빈 코드</t></is></c></row>
        """

    private func write(_ scratch: Scratch, date1904: Bool = false) throws -> URL {
        let url = scratch.folder.appendingPathComponent("인구.xlsx")
        try XLSXFixture.write(
            to: url,
            sheets: [
                ("인구", Self.population),
                ("요약", #"<row r="1"><c r="A1" t="inlineStr"><is><t>합계</t></is></c></row><row r="2"><c r="A2"><v>3</v></c></row>"#),
            ],
            sharedStrings: Self.strings, date1904: date1904)
        return url
    }

    @Test("The first sheet: shared and inline strings, numbers, booleans, dates and date-times, empty cells nil")
    func firstSheet() throws {
        let scratch = try Scratch()
        let result = try readAll(try write(scratch), ReaderOptions(format: .xlsx))
        #expect(result.header == ["행정동코드", "이름", "기준일", "인구", "개방", "측정일시"])
        #expect(
            result.values == [
                ["11110515", "청운효자동", "2026-07-28", "12.5", "true", "2026-07-28T18:00:00"],
                ["11110530", "사직동", nil, "25", "false", nil],
                [nil, "빈 코드", nil, nil, nil, nil],
            ])
        #expect(result.lines == [3, 4, 7])
        #expect(result.issues.map(\.line) == [6])
        #expect(result.issues.first?.reason.en == "has a value in column 8, but the header has only 6 columns")
    }

    @Test("A sheet chosen by name; an unknown name lists the sheets")
    func namedSheet() throws {
        let scratch = try Scratch()
        let url = try write(scratch)
        let result = try readAll(url, ReaderOptions(format: .xlsx, sheet: "요약"))
        #expect(result.header == ["합계"])
        #expect(result.values == [["3"]])
        let error = readError { _ = try readAll(url, ReaderOptions(format: .xlsx, sheet: "없음")) }
        #expect(error?.code == .sheetNotFound)
        #expect(error?.detail.ko.contains("인구, 요약") == true)
    }

    @Test("The 1904 date system shifts serials by 1,462 days")
    func date1904() throws {
        let scratch = try Scratch()
        let result = try readAll(try write(scratch, date1904: true), ReaderOptions(format: .xlsx))
        #expect(result.rows.first?.fields[2] == "2030-07-29")
        #expect(ExcelDate.iso(serial: 1, kind: .date, date1904: false) == "1900-01-01")
        #expect(ExcelDate.iso(serial: 61, kind: .date, date1904: false) == "1900-03-01")
        #expect(ExcelDate.iso(serial: 0.5, kind: .time, date1904: false) == "12:00:00")
    }

    @Test("Excel's _xHHHH_ escapes are decoded in shared, inline and formula strings; anything else like them is kept")
    func excelEscapes() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("escapes.xlsx")
        let rows = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>비고_x0031_</t></is></c></row>
            <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><t>_x005F_x0041_ 그대로</t></is></c></row>
            <row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="str"><f>A3</f><v>caf_x00e9_ _xD83D__xDE00_</v></c></row>
            <row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" t="inlineStr"><is><t>_x12_ _xZZZZ_ _X0041_ _x0041</t></is></c></row>
            """
        try XLSXFixture.write(
            to: url, sheets: [("S", rows)], sharedStrings: ["과제_x0031_", "첫 줄_x000D_\n둘째 줄", "<r><t>탭_x0009_</t></r><r><t>끝</t></r>", "_xDE00_ 외톨이"])
        let result = try readAll(url, ReaderOptions(format: .xlsx))
        #expect(result.header == ["과제1", "비고1"])
        #expect(
            result.values == [
                ["첫 줄\r\n둘째 줄", "_x0041_ 그대로"],
                ["탭\t끝", "café 😀"],
                ["\u{FFFD} 외톨이", "_x12_ _xZZZZ_ _X0041_ _x0041"],
            ])
        #expect(XLSXStringEscape.protect("_x0041_ and _x12_ and __x00e9_") == "_x005F_x0041_ and _x12_ and __x005F_x00e9_")
        #expect(XLSXStringEscape.decode(XLSXStringEscape.protect("a_x0041_b_x005F_c")) == "a_x0041_b_x005F_c")
    }

    @Test("A file that is not a ZIP package is a clear error")
    func notZip() throws {
        let scratch = try Scratch()
        let url = try scratch.file("fake.xlsx", text: "a,b\n1,2\n")
        #expect(readError { _ = try readAll(url, ReaderOptions(format: .xlsx)) }?.code == .malformed)
    }
}

@Suite("XLSX damage")
struct XLSXDamageTests {
    @Test("A shared string index outside the table is an error at its row")
    func badSharedString() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("damaged.xlsx")
        try XLSXFixture.write(
            to: url, sheets: [("S", #"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>9</v></c></row>"#)],
            sharedStrings: ["이름"])
        let error = readError { _ = try readAll(url, ReaderOptions(format: .xlsx)) }
        #expect(error?.code == .malformed)
        #expect(error?.line == 2)
    }
}
