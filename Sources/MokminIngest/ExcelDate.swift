import MokminBase
import MokminCore

/// Excel's date serial numbers and the number formats that mark a cell as a date.
enum ExcelDate {
    /// What a cell's number format shows.
    enum Kind: Equatable {
        case number, date, time, dateTime
    }

    /// The kind of a built-in format id (ECMA-376 §18.8.30, with the Korean-locale ids 27–36 and 50–58).
    static func kind(builtIn id: Int) -> Kind {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: .date
        case 18...21, 32, 33, 45...47: .time
        case 22: .dateTime
        default: .number
        }
    }

    /// The kind of a custom format code: quoted text, `[...]` sections and escaped characters are ignored; `y` or
    /// `d` means a date part, `h` or `s` a time part.
    static func kind(formatCode: String) -> Kind {
        var stripped: [Character] = []
        var inQuote = false, inBracket = false, escaped = false
        for c in formatCode {
            if escaped { escaped = false; continue }
            switch c {
            case "\"": inQuote.toggle()
            case "\\" where !inQuote: escaped = true
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            default: if !inQuote && !inBracket { stripped.append(c) }
            }
        }
        let lower = String(stripped).lowercased()
        let hasDate = lower.contains("y") || lower.contains("d")
        let hasTime = lower.contains("h") || lower.contains("s")
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        case (false, false): return .number
        }
    }

    /// The serial number as ISO text: `YYYY-MM-DD` for a whole-day date format, `YYYY-MM-DDTHH:MM:SS` when the
    /// format shows a time or the value has one, `HH:MM:SS` for a time-only format. Serial 1 is 1900-01-01 (with
    /// Excel's phantom 1900-02-29 at 60), or 1904-01-02 in the 1904 system. Nil for serials outside 0…2958465.
    static func iso(serial: Double, kind: Kind, date1904: Bool) -> String? {
        guard serial >= 0, serial < 2_958_466 else { return nil }
        var seconds = Int((serial * 86_400).rounded())
        var days = seconds / 86_400
        seconds %= 86_400
        let time = LocalTime.pad(seconds / 3600) + ":" + LocalTime.pad(seconds / 60 % 60) + ":" + LocalTime.pad(seconds % 60)
        if kind == .time && serial < 1 { return time }
        if date1904 {
            days -= 24_107
        } else {
            days -= days >= 61 ? 25_569 : 25_568
        }
        let day = LocalTime.Day(dayNumber: days)
        return kind == .date && seconds == 0 ? day.iso : day.iso + "T" + time
    }
}
