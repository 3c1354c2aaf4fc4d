/// OOXML's escape for characters in cell text (ECMA-376 Part 1, ST_Xstring): `_xHHHH_` stands for the UTF-16 unit
/// HHHH. Excel writes a carriage return as `_x000D_` and other control characters the same way, and protects a literal
/// `_xHHHH_` in the text by escaping its underscore (`_x005F_xHHHH_`); Excel and LibreOffice decode them on reading.
enum XLSXStringEscape {
    /// The text with every `_xHHHH_` replaced by its unit (hex digits in either case); a pair of escaped surrogates
    /// becomes one character, a lone one U+FFFD.
    static func decode(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let units = Array(text.utf16)
        var out: [UInt16] = []
        out.reserveCapacity(units.count)
        var i = 0
        while i < units.count {
            if let unit = escaped(units, at: i) {
                out.append(unit)
                i += 7
            } else {
                out.append(units[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF16.self)
    }

    /// The text with each literal `_xHHHH_` protected as `_x005F_xHHHH_`, so that a reader that decodes the escapes
    /// gets the text back as it was.
    static func protect(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let units = Array(text.utf16)
        var out: [UInt16] = []
        out.reserveCapacity(units.count + 7)
        for i in units.indices {
            if escaped(units, at: i) != nil { out += Array("_x005F".utf16) }
            out.append(units[i])
        }
        return String(decoding: out, as: UTF16.self)
    }

    /// The unit of the escape `_xHHHH_` starting at `i`, or nil when there is none.
    private static func escaped(_ units: [UInt16], at i: Int) -> UInt16? {
        guard i + 6 < units.count, units[i] == 0x5F, units[i + 1] == 0x78, units[i + 6] == 0x5F else { return nil }
        var value: UInt16 = 0
        for unit in units[(i + 2)...(i + 5)] {
            let digit: UInt16
            switch unit {
            case 0x30...0x39: digit = unit - 0x30
            case 0x41...0x46: digit = unit - 0x41 + 10
            case 0x61...0x66: digit = unit - 0x61 + 10
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
