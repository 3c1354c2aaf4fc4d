import MokminBase
extension ValueParser {
    /// A calendar date as `YYYY-MM-DD`, or nil. Accepted: `20260728` (years 1900–2100 only, so that codes are not
    /// taken for dates), and `2026-07-28`, `2026.07.28`, `2026/07/28` with the same separator twice, one- or
    /// two-digit month and day, and for dots an optional final dot and spaces (`2026. 7. 28.`).
    public static func date(_ text: String) -> String? {
        var cursor = DateCursor(text)
        guard let day = cursor.date(), cursor.atEnd else { return nil }
        return day.iso
    }

    /// A local date and time as `YYYY-MM-DDTHH:MM:SS`, or nil. Accepted: a date as in ``date(_:)`` followed by
    /// a space or `T` and `H:MM` or `H:MM:SS` (`2026-07-28 17:00`, `2026/07/28 17:00:00`, `2026-07-28T17:00:00`),
    /// and the digit forms `202607281700` and `20260728170000`. Hour 24 (`24:00`, `24:00:00`) is the next day's
    /// 00:00, as Korean timetables write midnight. A time zone or fraction of a second is not accepted.
    public static func dateTime(_ text: String) -> String? {
        var cursor = DateCursor(text)
        guard var day = cursor.date(allowLongDigits: true) else { return nil }
        let time: (h: Int, m: Int, s: Int)
        if let packed = cursor.packedTime {
            time = packed
        } else {
            guard cursor.skip(UInt8(ascii: " ")) || cursor.skip(UInt8(ascii: "T")) else { return nil }
            while cursor.skip(UInt8(ascii: " ")) {}
            guard let h = cursor.number(maxDigits: 2), cursor.skip(UInt8(ascii: ":")), let m = cursor.number(exactDigits: 2) else { return nil }
            var s = 0
            if cursor.skip(UInt8(ascii: ":")) {
                guard let seconds = cursor.number(exactDigits: 2) else { return nil }
                s = seconds
            }
            time = (h, m, s)
        }
        guard cursor.atEnd, time.m < 60, time.s < 60, time.h < 24 || (time.h == 24 && time.m == 0 && time.s == 0) else { return nil }
        var hour = time.h
        if hour == 24 {
            day = day.next
            hour = 0
        }
        return day.iso + "T" + LocalTime.pad(hour) + ":" + LocalTime.pad(time.m) + ":" + LocalTime.pad(time.s)
    }

}

/// Reads dates and times from the front of a text.
struct DateCursor {
    private let bytes: [UInt8]
    private var i = 0
    /// The time packed after an 8-digit date (`…1700` or `…170000`), when the text had 12 or 14 digits.
    private(set) var packedTime: (h: Int, m: Int, s: Int)?

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var atEnd: Bool { i == bytes.count }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    private func digit(at index: Int) -> Int? {
        guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
        return Int(bytes[index] - 0x30)
    }

    /// A number of 1…`maxDigits` digits.
    mutating func number(maxDigits: Int) -> Int? {
        var value = 0, count = 0
        while count < maxDigits, let d = digit(at: i) {
            value = value * 10 + d
            i += 1
            count += 1
        }
        return count > 0 && digit(at: i) == nil ? value : nil
    }

    mutating func number(exactDigits: Int) -> Int? {
        let start = i
        guard let value = number(maxDigits: exactDigits), i - start == exactDigits else { return nil }
        return value
    }

    /// A date at the cursor; with `allowLongDigits`, 12 or 14 digits are a date with a packed time.
    mutating func date(allowLongDigits: Bool = false) -> LocalTime.Day? {
        var run = 0
        while digit(at: i + run) != nil { run += 1 }
        if run == 8 || (allowLongDigits && (run == 12 || run == 14)) {
            let n = (0..<run).map { digit(at: i + $0)! }
            func value(_ from: Int, _ count: Int) -> Int { n[from..<(from + count)].reduce(0) { $0 * 10 + $1 } }
            guard (1900...2100).contains(value(0, 4)), let day = LocalTime.Day(year: value(0, 4), month: value(4, 2), day: value(6, 2)) else {
                return nil
            }
            if run > 8 { packedTime = (value(8, 2), value(10, 2), run == 14 ? value(12, 2) : 0) }
            i += run
            return day
        }
        guard run == 4, let year = number(maxDigits: 4), i < bytes.count else { return nil }
        let separator = bytes[i]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "/") else { return nil }
        let dotted = separator == UInt8(ascii: ".")
        i += 1
        if dotted { while skip(UInt8(ascii: " ")) {} }
        guard let month = number(maxDigits: 2), skip(separator) else { return nil }
        if dotted { while skip(UInt8(ascii: " ")) {} }
        guard let day = number(maxDigits: 2) else { return nil }
        if dotted && skip(UInt8(ascii: ".")) && i < bytes.count && bytes[i] != UInt8(ascii: " ") { return nil }
        return LocalTime.Day(year: year, month: month, day: day)
    }
}
