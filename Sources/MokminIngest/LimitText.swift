/// Counts and sizes as messages write them, the same way in Korean and English: `1,996`, `16 MB`.
enum LimitText {
    /// The number with a comma between each group of three digits.
    static func count(_ value: some BinaryInteger) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A size in the largest binary unit that divides it (`2 GB`, `16 MB`, `64 KB`), or in bytes.
    static func bytes(_ value: some BinaryInteger) -> (ko: String, en: String) {
        let size = Int64(clamping: value)
        for (unit, name) in [(Int64(1) << 30, "GB"), (Int64(1) << 20, "MB"), (Int64(1) << 10, "KB")] where size >= unit && size % unit == 0 {
            let text = "\(count(size / unit)) \(name)"
            return (text, text)
        }
        return ("\(count(size))바이트", "\(count(size)) bytes")
    }
}
