import Foundation

/// Column names made usable: trimmed, never empty, never repeated.
public enum HeaderNames: Sendable {
    /// Trims each name; an empty one becomes `column_N` (its 1-based position); a name already taken gets the first
    /// free suffix " (2)", " (3)", … so that `["a", "a", ""]` becomes `["a", "a (2)", "column_3"]`.
    ///
    /// Linear in the number of names, however many repeat: each base name remembers the next suffix to try.
    public static func normalize(_ names: [String]) -> [String] {
        var probes = 0
        return normalize(names, probes: &probes)
    }

    /// ``normalize(_:)``, counting in `probes` how many candidate names were looked up: at most three per name (the
    /// base, its first suffix, and the suffixes skipped over, each a distinct name of the file that only its own
    /// base can ever skip).
    static func normalize(_ names: [String], probes: inout Int) -> [String] {
        var taken = Set<String>()
        taken.reserveCapacity(names.count)
        // For each base name that repeated, the next suffix to try; every smaller one is taken, and names are never
        // given back, so the first free suffix is never below it.
        var nextSuffix: [String: Int] = [:]
        var result: [String] = []
        result.reserveCapacity(names.count)
        for (index, raw) in names.enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            let base = trimmed.isEmpty ? "column_\(index + 1)" : trimmed
            probes += 1
            guard taken.contains(base) else {
                taken.insert(base)
                result.append(base)
                continue
            }
            var suffix = nextSuffix[base, default: 2]
            var name = "\(base) (\(suffix))"
            probes += 1
            while taken.contains(name) {
                suffix += 1
                name = "\(base) (\(suffix))"
                probes += 1
            }
            nextSuffix[base] = suffix + 1
            taken.insert(name)
            result.append(name)
        }
        return result
    }
}
