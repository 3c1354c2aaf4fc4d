import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An in-memory copy of the catalog that answers a `CatalogQuery` as `GRDBDatasetRepository.search` does — the same
/// matches, order, total and facets — in a few milliseconds instead of a scan of the `dataset` table.
///
/// It is an immutable value: build a new one when the catalog changes. Entries are stored column-wise, newest first:
/// every search text in one byte buffer, scanned with `memchr` for the term's rarest byte; organizations, licences, tags
/// and formats as small integers, so that a search allocates a handful of arrays and counts facets by incrementing them.
public struct CatalogIndex: Sendable {
    /// One dataset as the index needs it.
    public struct Entry: Sendable, Hashable {
        public var id: Int64
        /// The dataset's stored `searchText`: title, description, organization, slug, tags and column labels joined by
        /// newlines, lowercased. Terms are looked up in it as they are, so it must already be lowercased.
        public var searchText: String
        public var title: String
        public var organization: String
        /// The licence's raw value (`KOGL-1`, …).
        public var license: String
        public var visibility: Visibility
        public var tags: [String]
        /// The `format` of every version of the dataset.
        public var formats: [String]
        public var updatedAt: Date

        public init(
            id: Int64, searchText: String, title: String, organization: String, license: String, visibility: Visibility, tags: [String],
            formats: [String], updatedAt: Date
        ) {
            self.id = id
            self.searchText = searchText
            self.title = title
            self.organization = organization
            self.license = license
            self.visibility = visibility
            self.tags = tags
            self.formats = formats
            self.updatedAt = updatedAt
        }
    }

    /// The answer to a search: how many datasets match, the ids of the requested page in order, and the facet counts
    /// (`organization`, `license_id`, `tags`, `res_format`) over all matches, each sorted by count, then name.
    public struct Result: Sendable {
        public var total: Int
        public var ids: [Int64]
        public var facets: [String: [(name: String, count: Int)]]

        public init(total: Int, ids: [Int64], facets: [String: [(name: String, count: Int)]]) {
            self.total = total
            self.ids = ids
            self.facets = facets
        }
    }

    /// Distinct strings numbered in order of first appearance.
    struct Names: Sendable {
        var names: [String] = []
        var ids: [String: Int32] = [:]

        mutating func intern(_ name: String) -> Int32 {
            if let id = ids[name] { return id }
            let id = Int32(names.count)
            names.append(name)
            ids[name] = id
            return id
        }
    }

    /// A list of small integers per entry, stored flat: entry `i` owns `values[start[i]..<start[i + 1]]`.
    struct Lists: Sendable {
        var start: [Int32] = [0]
        var values: [Int32] = []

        mutating func append(_ list: [Int32]) {
            values += list
            start.append(Int32(values.count))
        }

        func contains(_ value: Int32, at i: Int) -> Bool {
            var j = Int(start[i])
            let end = Int(start[i + 1])
            while j < end {
                if values[j] == value { return true }
                j += 1
            }
            return false
        }
    }

    /// Separates search texts in `text`: 0xFF never occurs in UTF-8, so no term can match across two entries.
    private static let separator: UInt8 = 0xFF

    // Per position (entries sorted by `updatedAt` descending, then id ascending).
    private var ids: [Int64] = []
    private var isPublic: [Bool] = []
    private var text: [UInt8] = []
    private var textStart: [Int] = [0]
    private var titles: [UInt8] = []
    private var titleStart: [Int] = [0]
    /// The position's rank by (lowercased title, id).
    private var titleRank: [Int32] = []
    private var organization: [Int32] = []
    private var license: [Int32] = []
    private var tags = Lists()
    /// Lowercased formats (for the filter) and uppercased ones (for the facet), distinct per entry.
    private var lowerFormats = Lists()
    private var upperFormats = Lists()
    /// How often each byte value occurs in `text`: a term is looked for by its rarest byte.
    private var byteCount = [Int](repeating: 0, count: 256)

    private var organizations = Names()
    private var organizationBytes: [[UInt8]] = []
    private var licenses = Names()
    private var tagNames = Names()
    private var tagBytes: [[UInt8]] = []
    private var lowerFormatNames = Names()
    private var upperFormatNames = Names()

    /// The number of entries.
    public var count: Int { ids.count }

    public init(entries: [Entry]) {
        let n = entries.count
        let updated = entries.map(\.updatedAt)
        let entryIDs = entries.map(\.id)
        let order = entries.indices.sorted { (updated[$0], -entryIDs[$0]) > (updated[$1], -entryIDs[$1]) }
        ids = order.map { entryIDs[$0] }
        isPublic = order.map { entries[$0].visibility == .public }
        text.reserveCapacity(entries.reduce(0) { $0 + $1.searchText.utf8.count + 1 })
        textStart.reserveCapacity(n + 1)
        titleStart.reserveCapacity(n + 1)
        organization.reserveCapacity(n)
        license.reserveCapacity(n)
        var lowerTitles: [String] = []
        lowerTitles.reserveCapacity(n)
        var formatIDs: [String: (lower: Int32, upper: Int32)] = [:]
        for i in order {
            let entry = entries[i]
            text += entry.searchText.utf8
            text.append(Self.separator)
            textStart.append(text.count)
            let title = entry.title.lowercased()
            lowerTitles.append(title)
            titles += title.utf8
            titles.append(Self.separator)
            titleStart.append(titles.count)

            let org = organizations.intern(entry.organization)
            if Int(org) == organizationBytes.count { organizationBytes.append(Array(entry.organization.lowercased().utf8)) }
            organization.append(org)
            license.append(licenses.intern(entry.license))
            // A dataset holds a tag once (`datasetTag`'s primary key).
            var entryTags: [Int32] = []
            for tag in entry.tags {
                let id = tagNames.intern(tag)
                if Int(id) == tagBytes.count { tagBytes.append(Array(tag.lowercased().utf8)) }
                if !entryTags.contains(id) { entryTags.append(id) }
            }
            tags.append(entryTags)
            var lower: [Int32] = []
            var upper: [Int32] = []
            for format in entry.formats {
                let id: (lower: Int32, upper: Int32)
                if let known = formatIDs[format] {
                    id = known
                } else {
                    id = (lowerFormatNames.intern(format.lowercased()), upperFormatNames.intern(format.uppercased()))
                    formatIDs[format] = id
                }
                if !lower.contains(id.lower) { lower.append(id.lower) }
                if !upper.contains(id.upper) { upper.append(id.upper) }
            }
            lowerFormats.append(lower)
            upperFormats.append(upper)
        }
        for byte in text { byteCount[Int(byte)] += 1 }
        titleRank = Self.titleRanks(lowerTitles, titles, titleStart, ids)
    }

    /// Each position's rank by (lowercased title, id), as Swift orders strings. Titles made only of ASCII and
    /// precomposed Hangul are already in NFC, where Swift's order is that of their UTF-8 bytes: those are compared with
    /// `memcmp`, many times faster than `<` on non-ASCII strings.
    private static func titleRanks(_ lowerTitles: [String], _ bytes: [UInt8], _ start: [Int], _ ids: [Int64]) -> [Int32] {
        let plain = lowerTitles.map { $0.unicodeScalars.allSatisfy { $0.isASCII || (0xAC00...0xD7A3).contains($0.value) } }
        let byTitle = bytes.withUnsafeBufferPointer { buffer in
            (0..<lowerTitles.count).sorted { a, b in
                guard plain[a] && plain[b], let base = buffer.baseAddress else { return (lowerTitles[a], ids[a]) < (lowerTitles[b], ids[b]) }
                let (countA, countB) = (start[a + 1] - 1 - start[a], start[b + 1] - 1 - start[b])
                let order = memcmp(base + start[a], base + start[b], min(countA, countB))
                return order != 0 ? order < 0 : (countA, ids[a]) < (countB, ids[b])
            }
        }
        var rank = [Int32](repeating: 0, count: byTitle.count)
        for (r, position) in byTitle.enumerated() { rank[position] = Int32(r) }
        return rank
    }

    /// The query's structured filters as interned ids; nil when a filter names a value no entry has.
    private struct Filter {
        var publicOnly: Bool
        var organization: Int32?
        var license: Int32?
        var format: Int32?
        var tags: [Int32]
    }

    private func filter(for q: CatalogQuery) -> Filter? {
        var f = Filter(publicOnly: !q.includeInternal, tags: [])
        if let name = q.organization {
            guard let id = organizations.ids[name] else { return nil }
            f.organization = id
        }
        if let name = q.license {
            guard let id = licenses.ids[name] else { return nil }
            f.license = id
        }
        if let name = q.format {
            guard let id = lowerFormatNames.ids[name.lowercased()] else { return nil }
            f.format = id
        }
        for name in q.tags {
            guard let id = tagNames.ids[name] else { return nil }
            f.tags.append(id)
        }
        return f
    }

    private func passes(_ f: Filter, _ i: Int) -> Bool {
        if f.publicOnly && !isPublic[i] { return false }
        if let o = f.organization, organization[i] != o { return false }
        if let l = f.license, license[i] != l { return false }
        if let format = f.format, !lowerFormats.contains(format, at: i) { return false }
        for tag in f.tags where !tags.contains(tag, at: i) { return false }
        return true
    }

    /// A search term's UTF-8 bytes and the index of its byte that is rarest in the catalog, which the scan looks for.
    private struct Term {
        var bytes: [UInt8]
        var anchor: Int
    }

    private func term(_ word: Substring) -> Term {
        let bytes = Array(word.utf8)
        let anchor = bytes.indices.min { byteCount[Int(bytes[$0])] < byteCount[Int(bytes[$1])] } ?? 0
        return Term(bytes: bytes, anchor: anchor)
    }

    /// Where `term` first occurs in `haystack[from..<to]`, if it does.
    private static func find(_ term: Term, in haystack: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        let count = term.bytes.count
        guard count > 0, to - from >= count, let base = haystack.baseAddress else { return nil }
        let anchor = Int32(term.bytes[term.anchor])
        var next = from + term.anchor
        let last = to - count + term.anchor
        return term.bytes.withUnsafeBufferPointer { needle in
            while next <= last, let hit = memchr(base + next, anchor, last - next + 1) {
                let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - term.anchor
                if memcmp(base + start, needle.baseAddress!, count) == 0 { return start }
                next = start + term.anchor + 1
            }
            return nil
        }
    }

    /// Whether `term` occurs in `name` (a short string: an organization or a tag).
    private static func occurs(_ term: Term, in name: [UInt8]) -> Bool {
        name.withUnsafeBufferPointer { find(term, in: $0, from: 0, to: name.count) != nil }
    }

    /// Positions (ascending, i.e. newest first) of the entries that pass `f` and contain every term.
    private func matches(_ terms: [Term], _ f: Filter) -> [Int32] {
        var found: [Int32] = []
        guard let first = terms.first else {
            for i in 0..<ids.count where passes(f, i) { found.append(Int32(i)) }
            return found
        }
        text.withUnsafeBufferPointer { haystack in
            // One pass over all texts for the first term; the others are looked for in the entries it finds.
            var from = 0
            var i = 0
            while let offset = Self.find(first, in: haystack, from: from, to: haystack.count) {
                while textStart[i + 1] <= offset { i += 1 }
                from = textStart[i + 1]
                if passes(f, i) && terms.dropFirst().allSatisfy({ Self.find($0, in: haystack, from: textStart[i], to: from - 1) != nil }) {
                    found.append(Int32(i))
                }
            }
        }
        return found
    }

    /// Relevance per match: for each term, 8 if the title holds it, 3 if the organization does, 3 if a tag does, plus 1.
    private func scores(_ positions: [Int32], _ terms: [Term]) -> [Int] {
        var organizationScore = [Int](repeating: 0, count: organizationBytes.count)
        for (o, name) in organizationBytes.enumerated() {
            for term in terms where Self.occurs(term, in: name) { organizationScore[o] += 3 }
        }
        // Whether tag t holds term k, worked out when first needed: -1 unknown, 0 no, 1 yes.
        var tagHolds = [Int8](repeating: -1, count: terms.count * tagBytes.count)
        var result: [Int] = []
        result.reserveCapacity(positions.count)
        titles.withUnsafeBufferPointer { titleBytes in
            for position in positions {
                let i = Int(position)
                var score = organizationScore[Int(organization[i])]
                for (k, term) in terms.enumerated() {
                    score += 1
                    if Self.find(term, in: titleBytes, from: titleStart[i], to: titleStart[i + 1] - 1) != nil { score += 8 }
                    for j in Int(tags.start[i])..<Int(tags.start[i + 1]) {
                        let tag = Int(tags.values[j])
                        let slot = k * tagBytes.count + tag
                        if tagHolds[slot] < 0 { tagHolds[slot] = Self.occurs(term, in: tagBytes[tag]) ? 1 : 0 }
                        if tagHolds[slot] == 1 {
                            score += 3
                            break
                        }
                    }
                }
                result.append(score)
            }
        }
        return result
    }

    /// Searches the catalog: see `CatalogQuery` and `GRDBDatasetRepository.search` for the meaning of each field.
    public func search(_ q: CatalogQuery) -> Result {
        let terms = q.text.lowercased().split(whereSeparator: \.isWhitespace).filter { !$0.isEmpty }.map(term)
        // Scanning for the rarest term first leaves the fewest entries to check for the others.
        let rarestFirst = terms.sorted { byteCount[Int($0.bytes[$0.anchor])] < byteCount[Int($1.bytes[$1.anchor])] }
        let found = filter(for: q).map { matches(rarestFirst, $0) } ?? []

        var ordered: [Int32]
        switch q.sort {
        case .updatedDescending:
            ordered = found
        case .titleAscending:
            ordered = found.sorted { titleRank[Int($0)] < titleRank[Int($1)] }
        case .relevance:
            // Matches are newest first already: a stable counting sort by score descending keeps that within a score.
            let score = scores(found, terms)
            let top = 15 * terms.count
            var slots = [Int](repeating: 0, count: top + 2)
            for s in score { slots[top - s + 1] += 1 }
            for s in 1..<slots.count { slots[s] += slots[s - 1] }
            ordered = [Int32](repeating: 0, count: found.count)
            for (k, position) in found.enumerated() {
                let slot = top - score[k]
                ordered[slots[slot]] = position
                slots[slot] += 1
            }
        }
        let page = ordered.dropFirst(max(0, q.offset)).prefix(max(0, q.limit)).map { ids[Int($0)] }
        return Result(total: found.count, ids: page, facets: facets(found))
    }

    private func facets(_ found: [Int32]) -> [String: [(name: String, count: Int)]] {
        var organizationCount = [Int](repeating: 0, count: organizations.names.count)
        var licenseCount = [Int](repeating: 0, count: licenses.names.count)
        var tagCount = [Int](repeating: 0, count: tagNames.names.count)
        var formatCount = [Int](repeating: 0, count: upperFormatNames.names.count)
        for position in found {
            let i = Int(position)
            organizationCount[Int(organization[i])] += 1
            licenseCount[Int(license[i])] += 1
            for j in Int(tags.start[i])..<Int(tags.start[i + 1]) { tagCount[Int(tags.values[j])] += 1 }
            for j in Int(upperFormats.start[i])..<Int(upperFormats.start[i + 1]) { formatCount[Int(upperFormats.values[j])] += 1 }
        }
        func listed(_ counts: [Int], _ names: Names, skippingEmpty: Bool = false) -> [(name: String, count: Int)] {
            counts.indices.filter { counts[$0] > 0 && !(skippingEmpty && names.names[$0].isEmpty) }
                .map { (name: names.names[$0], count: counts[$0]) }
                .sorted { ($1.count, $0.name) < ($0.count, $1.name) }
        }
        return [
            "organization": listed(organizationCount, organizations, skippingEmpty: true),
            "license_id": listed(licenseCount, licenses),
            "tags": listed(tagCount, tagNames),
            "res_format": listed(formatCount, upperFormatNames),
        ]
    }
}
