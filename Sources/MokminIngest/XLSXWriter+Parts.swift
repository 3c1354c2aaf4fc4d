import Foundation

/// The XML parts of the package, and the rules for what a cell and a sheet name may hold.
extension XLSXWriter {
    /// Excel's limit on the text of one cell, in UTF-16 units.
    static let maxCellText = 32_767
    /// Excel's limit on a sheet name, in UTF-16 units.
    static let maxSheetName = 31

    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypesXML(sheetCount: Int) -> String {
        let sheets = (1...sheetCount).map {
            #"<Override PartName="/xl/worksheets/sheet\#($0).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + sheets.joined() + "</Types>"
    }

    static let packageRelationshipsXML =
        declaration + #"<Relationships xmlns="\#(relationshipsNamespace)">"#
        + #"<Relationship Id="rId1" Type="\#(officeRelationships)/officeDocument" Target="xl/workbook.xml"/>"# + "</Relationships>"

    static func workbookXML(sheetNames: [String]) -> String {
        let sheets = sheetNames.enumerated().map {
            #"<sheet name="\#(escape($0.element))" sheetId="\#($0.offset + 1)" r:id="rId\#($0.offset + 1)"/>"#
        }
        return declaration + #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(officeRelationships)">"#
            + "<sheets>\(sheets.joined())</sheets></workbook>"
    }

    /// The workbook's relationships: sheet N is `rIdN`, the style sheet comes after them.
    static func workbookRelationshipsXML(sheetCount: Int) -> String {
        let sheets = (1...sheetCount).map {
            #"<Relationship Id="rId\#($0)" Type="\#(officeRelationships)/worksheet" Target="worksheets/sheet\#($0).xml"/>"#
        }
        return declaration + #"<Relationships xmlns="\#(relationshipsNamespace)">"# + sheets.joined()
            + #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(officeRelationships)/styles" Target="styles.xml"/>"# + "</Relationships>"
    }

    /// Two cell formats: 0 plain, 1 bold (the header row).
    static let stylesXML =
        declaration + #"<styleSheet xmlns="\#(mainNamespace)">"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"# + "</styleSheet>"

    /// A worksheet part: the first row in the bold style, empty cells left out, numbers that are not finite as text.
    static func sheetXML(_ rows: [[Cell]]) -> String {
        var xml = declaration + #"<worksheet xmlns="\#(mainNamespace)"><sheetData>"#
        for (r, row) in rows.enumerated() {
            xml += "<row r=\"\(r + 1)\">"
            let style = r == 0 ? " s=\"1\"" : ""
            for (c, cell) in row.enumerated() {
                let reference = columnName(c) + String(r + 1)
                switch cell {
                case .empty: continue
                case .number(let value) where value.isFinite:
                    xml += "<c r=\"\(reference)\"\(style)><v>\(numberText(value))</v></c>"
                case .number(let value):
                    xml += "<c r=\"\(reference)\"\(style) t=\"inlineStr\"><is><t>\(value)</t></is></c>"
                case .text(let text):
                    xml +=
                        "<c r=\"\(reference)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(XLSXStringEscape.protect(cellText(text))))</t></is></c>"
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// A number as the `<v>` of a cell: whole numbers without `.0` (below 10^15, where a double is still exact),
    /// others as Swift's shortest round-tripping form (`0.1`, `-2.5`, `1e-07`).
    static func numberText(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// A cell's text: what XML cannot carry dropped, cut to ``maxCellText``.
    static func cellText(_ text: String) -> String {
        clipped(String(String.UnicodeScalarView(text.unicodeScalars.filter(isXMLCharacter))), to: maxCellText)
    }

    /// Whether XML 1.0 allows the character (Swift strings hold no lone surrogates, so only the C0 controls other than
    /// tab, line feed and carriage return, and U+FFFE and U+FFFF, are left to refuse).
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0..<0x20, 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// `text` cut to at most `limit` UTF-16 units, never inside a character.
    static func clipped(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var units = 0
        var end = text.startIndex
        for character in text {
            units += character.utf16.count
            if units > limit { break }
            end = text.index(after: end)
        }
        return String(text[..<end])
    }

    /// XML text or attribute value: `& < > " '` escaped, and a carriage return as `&#13;`, which an XML parser would
    /// otherwise turn, with a line feed after it, into a line feed alone.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A valid, unique sheet name for `proposed` (see ``addSheet(name:rows:)``); `position` is the sheet's 1-based place
    /// in the book, `taken` the names before it.
    static func sheetName(_ proposed: String, position: Int, taken: [String]) -> String {
        let ends = CharacterSet(charactersIn: "'").union(.whitespacesAndNewlines)
        let cleaned = String(
            String.UnicodeScalarView(
                proposed.unicodeScalars.compactMap { scalar in
                    if "[]:*?/\\".unicodeScalars.contains(scalar) { return "_" }
                    return scalar.value < 0x20 || !isXMLCharacter(scalar) ? nil : scalar
                }))
        var base = clipped(cleaned.trimmingCharacters(in: ends), to: maxSheetName).trimmingCharacters(in: ends)
        if base.isEmpty { base = "Sheet\(position)" }
        let used = Set((taken + ["History"]).map { $0.lowercased() })
        var name = base
        var n = 2
        while used.contains(name.lowercased()) {
            let suffix = " (\(n))"
            name = clipped(base, to: maxSheetName - suffix.utf16.count) + suffix
            n += 1
        }
        return name
    }
}
