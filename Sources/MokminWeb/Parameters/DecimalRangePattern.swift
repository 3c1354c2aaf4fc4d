/// A regular expression that matches exactly the decimal numbers of a range, written without sign or leading zeros
/// (`60...2678400`): so a parameter like `step=PT90M` can state its bounds in `/openapi.json` as a `pattern` that the
/// server checks with the same expression.
enum DecimalRangePattern {
    /// The alternatives (`(?:…|…)`) that match exactly the numbers in `range` (not negative).
    static func pattern(_ range: ClosedRange<Int>) -> String {
        precondition(range.lowerBound >= 0 && range.upperBound < Int.max / 10)
        // Split the range into blocks `p·10^k ..< (p+1)·10^k`: p's digits, then k free digits (120–129 is 12[0-9]).
        var blocks: [(prefix: Int, freeDigits: Int)] = []
        var low = range.lowerBound
        while low <= range.upperBound {
            var width = 1
            var free = 0
            while low % (width * 10) == 0 && low + width * 10 - 1 <= range.upperBound {
                width *= 10
                free += 1
            }
            blocks.append((low / width, free))
            low += width
        }
        // Blocks with the same free digits whose prefixes differ only in the last digit share one class: [6-9][0-9].
        var parts: [String] = []
        var index = 0
        while index < blocks.count {
            let (prefix, free) = blocks[index]
            var last = index
            while last + 1 < blocks.count, blocks[last + 1].freeDigits == free, blocks[last + 1].prefix == blocks[last].prefix + 1,
                blocks[last + 1].prefix / 10 == prefix / 10, prefix != 0
            {
                last += 1
            }
            parts.append(text(prefix: prefix, through: blocks[last].prefix, free: free))
            index = last + 1
        }
        return "(?:" + parts.joined(separator: "|") + ")"
    }

    private static func text(prefix: Int, through lastPrefix: Int, free: Int) -> String {
        let tail = String(repeating: "[0-9]", count: free)
        if prefix == 0 {
            // 0 ..< 10^free: a lone 0 or a number without leading zeros.
            return free == 0 ? "0" : free == 1 ? "[0-9]" : "(?:0|[1-9][0-9]{0,\(free - 1)})"
        }
        let head = String(prefix / 10 == 0 ? "" : String(prefix / 10))
        let (a, b) = (prefix % 10, lastPrefix % 10)
        return head + (a == b ? String(a) : "[\(a)-\(b)]") + tail
    }
}
