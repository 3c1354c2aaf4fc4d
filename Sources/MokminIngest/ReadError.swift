import MokminBase
import MokminCore

/// A problem that stops a file from being read at all, with the file and, where known, the line and column.
///
/// Row-level problems are not errors: readers report them as ``RowIssue``s and go on.
public struct ReadError: BilingualError, Sendable {
    public enum Code: String, Sendable {
        /// The file cannot be opened or read.
        case unreadable
        /// The file has no header (nothing but blank lines) or no data where the format needs some.
        case empty
        /// Bytes that are not valid in the file's encoding.
        case invalidEncoding
        /// The file is not in the shape its format needs (bad JSON, no items array, a broken XLSX package).
        case malformed
        /// A record (CSV or TSV record, XLSX row or cell, JSON record) longer than the reader accepts (typically an
        /// unbalanced quote in a huge file).
        case recordTooLarge
        /// The file, or what it unpacks to, is past one of ``ReaderLimits``' bounds (a JSON file too large to parse
        /// whole, an XLSX part that inflates too far or too fast, a shared-strings table too long).
        case tooLarge
        /// The file has more columns than a dataset can hold (``ReaderLimits/maxColumns``).
        case tooManyColumns
        /// The named XLSX sheet is not in the workbook.
        case sheetNotFound
        /// A public API answered with an error instead of data (its `resultCode`).
        case apiError
    }

    public var code: Code
    /// The file's name (its last path component).
    public var file: String
    /// Where the problem is, 1-based, when known: the text line for CSV, TSV and JSON syntax errors, the feature
    /// (index + 1) for GeoJSON features, the sheet row for XLSX.
    public var line: Int?
    /// The column concerned, when known.
    public var column: String?
    /// What went wrong, without the place.
    public var detail: LocalizedText

    public init(_ code: Code, file: String, line: Int? = nil, column: String? = nil, ko: String, en: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.detail = LocalizedText(ko: ko, en: en)
    }

    /// The whole message with its place: "data.csv 12번째 줄: … / data.csv line 12: …".
    public var message: LocalizedText {
        var placeKo = file, placeEn = file
        if let line {
            placeKo += " \(line)번째 줄"
            placeEn += " line \(line)"
        }
        if let column {
            placeKo += " 열 '\(column)'"
            placeEn += ", column '\(column)'"
        }
        return LocalizedText(ko: "\(placeKo): \(detail.ko)", en: "\(placeEn): \(detail.en)")
    }


    /// The same error as the domain error the command line and the web edge know (invalid input).
    public var mokminError: MokminError {
        MokminError(.invalidInput, ko: message.ko, en: message.en)
    }
}
