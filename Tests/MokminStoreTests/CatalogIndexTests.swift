import Foundation
import MokminCore
import MokminStore
import Testing

@Suite struct CatalogIndexTests {
    static let day: TimeInterval = 86_400
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    /// An entry whose search text is built as `GRDBDatasetRepository.upsertMetadata` builds it.
    static func entry(
        _ id: Int64, _ title: String, description: String = "", organization: String = "환경정책과", tags: [String] = [],
        columns: [String] = [], license: String = "KOGL-1", visibility: Visibility = .public, formats: [String] = ["csv"], day: Double = 0
    ) -> CatalogIndex.Entry {
        let slug = "dataset-\(id)"
        let searchText = ([title, description, organization, slug] + tags + columns).joined(separator: "\n").lowercased()
        return CatalogIndex.Entry(
            id: id, searchText: searchText, title: title, organization: organization, license: license, visibility: visibility,
            tags: tags, formats: formats, updatedAt: start.addingTimeInterval(day * Self.day))
    }

    static func ids(_ index: CatalogIndex, _ query: CatalogQuery) -> [Int64] { index.search(query).ids }

    static func facet(_ result: CatalogIndex.Result, _ name: String) -> [String] {
        (result.facets[name] ?? []).map { "\($0.name)=\($0.count)" }
    }

    @Test func twoSyllableKoreanWordsMatchInsideLongerWords() {
        let index = CatalogIndex(entries: [
            Self.entry(1, "대기질 측정 정보"),
            Self.entry(2, "주차장 현황", description: "공영 주차장의 위치와 면수"),
            Self.entry(3, "대기오염 배출시설"),
        ])
        #expect(Set(Self.ids(index, CatalogQuery(text: "대기"))) == [1, 3])
        #expect(Self.ids(index, CatalogQuery(text: "기질")) == [1])
        #expect(Self.ids(index, CatalogQuery(text: "면수")) == [2])
        #expect(Self.ids(index, CatalogQuery(text: "대기질측정")).isEmpty)
    }

    @Test func everyTermIsRequired() {
        let index = CatalogIndex(entries: [
            Self.entry(1, "세종 대기질", day: 1),
            Self.entry(2, "조치원 대기질", day: 2),
            Self.entry(3, "세종 주차장", day: 3),
        ])
        #expect(Self.ids(index, CatalogQuery(text: "  대기  세종 ")) == [1])
        #expect(Self.ids(index, CatalogQuery(text: "세종\t주차장")) == [3])
        #expect(Self.ids(index, CatalogQuery(text: "세종 버스")).isEmpty)
    }

    @Test func englishIsMatchedWhateverItsCase() {
        let index = CatalogIndex(entries: [
            Self.entry(1, "PM10 Hourly Readings", columns: ["StationName"]),
            Self.entry(2, "Bus Stops"),
        ])
        #expect(Self.ids(index, CatalogQuery(text: "pm10 HOURLY")) == [1])
        #expect(Self.ids(index, CatalogQuery(text: "stationname")) == [1])
        #expect(Self.ids(index, CatalogQuery(text: "BUS")) == [2])
    }

    @Test func internalDatasetsAreHiddenUnlessAsked() {
        let index = CatalogIndex(entries: [
            Self.entry(1, "대기질 공개", organization: "환경정책과", day: 2),
            Self.entry(2, "대기질 내부", organization: "기후환경과", visibility: .internal, day: 1),
        ])
        let outside = index.search(CatalogQuery(text: "대기질"))
        #expect(outside.total == 1)
        #expect(outside.ids == [1])
        #expect(Self.facet(outside, "organization") == ["환경정책과=1"])
        let inside = index.search(CatalogQuery(text: "대기질", includeInternal: true))
        #expect(inside.total == 2)
        #expect(inside.ids == [1, 2])
        #expect(Self.facet(inside, "organization") == ["기후환경과=1", "환경정책과=1"])
    }

    @Test func organizationTagFormatAndLicenseFilters() {
        let index = CatalogIndex(entries: [
            Self.entry(1, "대기질", organization: "환경정책과", tags: ["대기", "Air"], license: "KOGL-1", formats: ["csv"], day: 4),
            Self.entry(2, "미세먼지", organization: "환경정책과", tags: ["대기"], license: "CC-BY-4.0", formats: ["xlsx", "JSON"], day: 3),
            Self.entry(3, "교통량", organization: "교통과", tags: ["교통", "air"], license: "KOGL-1", formats: ["CSV"], day: 2),
            Self.entry(4, "버스 정류장", organization: "교통과장", tags: ["교통"], license: "KOGL-4", formats: [], day: 1),
        ])
        let all = CatalogQuery(limit: 100)
        func with(_ change: (inout CatalogQuery) -> Void) -> [Int64] {
            var q = all
            change(&q)
            return Self.ids(index, q)
        }
        #expect(with { $0.organization = "교통과" } == [3])  // equal, not a prefix of 교통과장
        #expect(with { $0.organization = "없는과" }.isEmpty)
        #expect(with { $0.tags = ["대기"] } == [1, 2])
        #expect(with { $0.tags = ["대기", "Air"] } == [1])  // every tag is required
        #expect(with { $0.tags = ["air"] } == [3])  // tags are matched exactly
        #expect(with { $0.tags = ["대"] }.isEmpty)
        #expect(with { $0.format = "csv" } == [1, 3])  // formats are matched whatever their case
        #expect(with { $0.format = "Json" } == [2])  // by any version
        #expect(with { $0.format = "pdf" }.isEmpty)
        #expect(with { $0.license = "KOGL-1" } == [1, 3])
        #expect(with { $0.license = "kogl-1" }.isEmpty)
        #expect(with { ($0.license, $0.organization, $0.format) = ("KOGL-1", "환경정책과", "CSV") } == [1])
        #expect(with { ($0.text, $0.tags) = ("교통", ["교통"]) } == [3, 4])
    }

    @Test func titleHitsOutrankOrganizationAndTagHitsWhichOutrankTheRest() {
        let index = CatalogIndex(entries: [
            Self.entry(1, "공영 주차장 현황", day: 1),  // title: 8 + 1
            Self.entry(2, "공영 시설 목록", description: "주차장 포함", day: 9),  // description only: 1
            Self.entry(3, "시설 위치", tags: ["주차장"], day: 5),  // tag: 3 + 1
            Self.entry(4, "시설 위치", organization: "주차장관리과", day: 5),  // organization: 3 + 1, same day as 3
            Self.entry(5, "시설 목록", tags: ["공영주차장"], day: 7),  // tag: 3 + 1, newer
        ])
        #expect(Self.ids(index, CatalogQuery(text: "주차장")) == [1, 5, 3, 4, 2])
        // Each term adds its own weights: 공영 is in 1's and 2's titles and in 5's tag.
        #expect(Self.ids(index, CatalogQuery(text: "공영 주차장")) == [1, 2, 5])
    }

    @Test func equalScoresGoNewestFirstThenByID() {
        let index = CatalogIndex(entries: [
            Self.entry(7, "주차장 A", day: 2),
            Self.entry(3, "주차장 B", day: 2),
            Self.entry(5, "주차장 C", day: 3),
            Self.entry(1, "주차장 D", day: 1),
        ])
        #expect(Self.ids(index, CatalogQuery(text: "주차장")) == [5, 3, 7, 1])
        #expect(Self.ids(index, CatalogQuery()) == [5, 3, 7, 1])
    }

    @Test func titleAndUpdatedSorts() {
        let index = CatalogIndex(entries: [
            Self.entry(4, "b 버스", day: 1),
            Self.entry(2, "A 버스", day: 3),
            Self.entry(1, "a 버스", day: 3),
            Self.entry(3, "가 버스", day: 2),
        ])
        #expect(Self.ids(index, CatalogQuery(text: "버스", sort: .titleAscending)) == [1, 2, 4, 3])
        #expect(Self.ids(index, CatalogQuery(sort: .updatedDescending)) == [1, 2, 3, 4])
    }

    @Test func titlesSortAsSwiftComparesStrings() {
        // 2 and 3 are the same é, precomposed and decomposed: equal titles, so by id, and after every ASCII letter.
        let titles = ["ez", "\u{E9}", "e\u{301}", "F", "대", "z", "ㄱ", "", "e"]
        let index = CatalogIndex(entries: titles.enumerated().map { Self.entry(Int64($0.offset + 1), $0.element) })
        #expect(Self.ids(index, CatalogQuery(sort: .titleAscending, limit: 100)) == [8, 9, 1, 4, 6, 2, 3, 7, 5])
    }

    @Test func pagingKeepsTheTotal() {
        let index = CatalogIndex(entries: (1...5).map { Self.entry(Int64($0), "교통량 \($0)", day: Double($0)) })
        #expect(index.count == 5)
        let page = index.search(CatalogQuery(text: "교통량", offset: 1, limit: 2))
        #expect(page.total == 5)
        #expect(page.ids == [4, 3])
        let beyond = index.search(CatalogQuery(text: "교통량", offset: 10, limit: 2))
        #expect(beyond.total == 5)
        #expect(beyond.ids.isEmpty)
        #expect(Self.facet(beyond, "organization") == ["환경정책과=5"])
        #expect(Self.ids(index, CatalogQuery(offset: -3, limit: 2)) == [5, 4])
        #expect(Self.ids(index, CatalogQuery(limit: -1)).isEmpty)
        #expect(Self.ids(index, CatalogQuery(offset: 4, limit: 10)) == [1])
    }

    @Test func facetsCountEveryMatchByCountThenName() {
        let index = CatalogIndex(entries: [
            Self.entry(1, "대기 1", organization: "환경정책과", tags: ["환경", "대기", "대기"], license: "KOGL-1", formats: ["csv", "CSV", "json"]),
            Self.entry(2, "대기 2", organization: "기후환경과", tags: ["환경"], license: "KOGL-1", formats: ["Csv"]),
            Self.entry(3, "대기 3", organization: "", tags: ["대기"], license: "CC0-1.0", formats: ["xlsx"]),
            Self.entry(4, "대기 4", organization: "기후환경과", tags: ["측정"], license: "CC-BY-4.0", formats: ["json"]),
            Self.entry(5, "교통 5", organization: "교통과", tags: ["교통"], license: "KOGL-4", formats: ["csv"]),
        ])
        let result = index.search(CatalogQuery(text: "대기", limit: 1))
        #expect(result.total == 4)
        #expect(result.ids.count == 1)
        #expect(Self.facet(result, "organization") == ["기후환경과=2", "환경정책과=1"])  // no empty organization
        #expect(Self.facet(result, "license_id") == ["KOGL-1=2", "CC-BY-4.0=1", "CC0-1.0=1"])
        #expect(Self.facet(result, "tags") == ["대기=2", "환경=2", "측정=1"])
        #expect(Self.facet(result, "res_format") == ["CSV=2", "JSON=2", "XLSX=1"])  // datasets, not versions
        #expect(result.facets.keys.sorted() == ["license_id", "organization", "res_format", "tags"])
    }

    @Test func emptyCatalogAndNoMatch() {
        let empty = CatalogIndex(entries: [])
        #expect(empty.count == 0)
        for query in [CatalogQuery(), CatalogQuery(text: "대기", organization: "교통과", includeInternal: true, sort: .titleAscending)] {
            let result = empty.search(query)
            #expect(result.total == 0)
            #expect(result.ids.isEmpty)
            #expect(result.facets.count == 4)
            #expect(result.facets.values.allSatisfy { $0.isEmpty })
        }
        let one = CatalogIndex(entries: [Self.entry(1, "대기질")])
        #expect(one.search(CatalogQuery(text: "주차장")).total == 0)
        #expect(one.search(CatalogQuery(tags: ["없음"])).facets["tags"]?.isEmpty == true)
    }

    /// Random catalogs and queries against the search written out plainly, as the SQL states it.
    @Test func agreesWithAPlainReadingOfTheSQLSearch() {
        var random = SplitMix(seed: 42)
        let words = ["대기", "대기질", "미세먼지", "주차장", "세종", "조치원", "버스", "air", "Bus", "PM10", "교통량", "전기차"]
        let organizations = ["", "환경정책과", "교통과", "기후환경과", "대기"]
        let licenses = ["KOGL-1", "KOGL-4", "CC0-1.0"]
        let formats = ["csv", "CSV", "json", "xlsx"]
        func some(_ list: [String], _ most: Int) -> [String] {
            (0..<Int(random.next() % UInt64(most + 1))).map { _ in list[Int(random.next() % UInt64(list.count))] }
        }
        for _ in 0..<20 {
            let entries = (1...60).map { id in
                Self.entry(
                    Int64(id), some(words, 3).joined(separator: " ") + " 자료", description: some(words, 4).joined(separator: " "),
                    organization: some(organizations, 1).first ?? "", tags: some(words, 3), license: some(licenses, 1).first ?? "KOGL-1",
                    visibility: random.next() % 4 == 0 ? .internal : .public, formats: some(formats, 3), day: Double(random.next() % 10))
            }
            let index = CatalogIndex(entries: entries)
            for _ in 0..<30 {
                let sorts: [CatalogQuery.Sort] = [.relevance, .titleAscending, .updatedDescending]
                let query = CatalogQuery(
                    text: some(words, 2).joined(separator: " "),
                    organization: random.next() % 5 == 0 ? organizations.randomElement(using: &random) : nil,
                    tags: random.next() % 5 == 0 ? some(words, 1) : [], format: random.next() % 5 == 0 ? formats.randomElement(using: &random) : nil,
                    license: random.next() % 5 == 0 ? licenses.randomElement(using: &random) : nil, includeInternal: random.next() % 2 == 0,
                    sort: sorts[Int(random.next() % 3)], offset: Int(random.next() % 5), limit: Int(random.next() % 30))
                let expected = PlainSearch.search(entries, query)
                let actual = index.search(query)
                #expect(actual.total == expected.total, "\(query)")
                #expect(actual.ids == expected.ids, "\(query)")
                for name in ["organization", "license_id", "tags", "res_format"] {
                    #expect(Self.facet(actual, name) == Self.facet(expected, name), "\(name) \(query)")
                }
            }
        }
    }
}

/// The search as `GRDBDatasetRepository.search` states it, one entry at a time.
private enum PlainSearch {
    static func search(_ entries: [CatalogIndex.Entry], _ q: CatalogQuery) -> CatalogIndex.Result {
        let terms = q.text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init).filter { !$0.isEmpty }
        func contains(_ text: String, _ term: String) -> Bool {
            let (t, n) = (Array(text.utf8), Array(term.utf8))
            return t.count >= n.count && (0...(t.count - n.count)).contains { t[$0..<($0 + n.count)].elementsEqual(n) }
        }
        let matches = entries.filter { e in
            (q.includeInternal || e.visibility == .public) && terms.allSatisfy { contains(e.searchText, $0) }
                && q.organization.map { $0 == e.organization } ?? true && q.tags.allSatisfy { e.tags.contains($0) }
                && q.format.map { f in e.formats.contains { $0.lowercased() == f.lowercased() } } ?? true
                && q.license.map { $0 == e.license } ?? true
        }
        func score(_ e: CatalogIndex.Entry) -> Int {
            terms.reduce(0) { sum, t in
                sum + 1 + (contains(e.title.lowercased(), t) ? 8 : 0) + (contains(e.organization.lowercased(), t) ? 3 : 0)
                    + (e.tags.contains { contains($0.lowercased(), t) } ? 3 : 0)
            }
        }
        let sorted: [CatalogIndex.Entry] =
            switch q.sort {
            case .relevance: matches.sorted { (score($0), $0.updatedAt, -$0.id) > (score($1), $1.updatedAt, -$1.id) }
            case .titleAscending: matches.sorted { ($0.title.lowercased(), $0.id) < ($1.title.lowercased(), $1.id) }
            case .updatedDescending: matches.sorted { ($0.updatedAt, -$0.id) > ($1.updatedAt, -$1.id) }
            }
        func counted(_ values: [String]) -> [(name: String, count: Int)] {
            Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +).map { (name: $0.key, count: $0.value) }
                .sorted { ($1.count, $0.name) < ($0.count, $1.name) }
        }
        return CatalogIndex.Result(
            total: matches.count, ids: sorted.dropFirst(max(0, q.offset)).prefix(max(0, q.limit)).map(\.id),
            facets: [
                "organization": counted(matches.map(\.organization).filter { !$0.isEmpty }),
                "license_id": counted(matches.map(\.license)),
                "tags": counted(matches.flatMap { Set($0.tags) }),
                "res_format": counted(matches.flatMap { Set($0.formats.map { $0.uppercased() }) }),
            ])
    }
}

/// A small seeded generator, so that a failure can be replayed.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D1_36D4_9B13_3111
        return z ^ (z >> 31)
    }
}
