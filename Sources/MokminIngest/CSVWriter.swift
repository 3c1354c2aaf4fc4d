import Foundation

/// Writes rows as CSV the way Korean spreadsheet users open it: UTF-8 with a byte-order mark (so Excel reads Hangul),
/// CRLF line ends, fields quoted when they hold a comma, quote or line break. A text field that starts with `=`, `+`
/// or `@` gets a leading apostrophe, so that a spreadsheet shows it instead of running it as a formula.
public enum CSVWriter {
    public static func data(header: [String], rows: [[String]]) -> Data {
        var text = "\u{FEFF}"
        text += line(header)
        for row in rows { text += line(row) }
        return Data(text.utf8)
    }

    static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
