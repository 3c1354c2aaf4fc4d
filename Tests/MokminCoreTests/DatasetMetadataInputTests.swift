import MokminBase
import MokminCore
import Testing

@Suite struct DatasetMetadataInputTests {
    static let base = DatasetMetadata(
        slug: "air", title: "대기질", description: "설명", organization: "세종특별자치시", tags: ["대기"], license: .kogl1, visibility: .internal)

    @Test("Absent fields keep the base's values; given ones replace them")
    func patch() throws {
        let unchanged = try DatasetMetadataInput().apply(to: Self.base)
        #expect(unchanged == Self.base)
        let changed = try DatasetMetadataInput(title: "대기질 측정", tags: ["대기", "미세먼지"], license: "CC-BY-4.0", visibility: "public")
            .apply(to: Self.base)
        #expect(changed.title == "대기질 측정" && changed.description == "설명" && changed.organization == "세종특별자치시")
        #expect(changed.tags == ["대기", "미세먼지"] && changed.license == .ccBy && changed.visibility == .public && changed.slug == "air")
    }

    @Test("Tags from one text: trimmed, blanks and repeats dropped")
    func tags() {
        #expect(DatasetMetadataInput.tags(from: " 대기, 미세먼지 ,, 대기 ,") == ["대기", "미세먼지"])
        #expect(DatasetMetadataInput.tags(from: "").isEmpty)
    }

    @Test("An unknown licence or visibility is refused by name, in both languages")
    func refusals() throws {
        let licence = try #require(throws: MokminError.self) { try DatasetMetadataInput(license: "GPL").apply(to: Self.base) }
        #expect(licence.kind == .invalidInput && licence.message.ko.contains("GPL") && licence.message.en.contains("KOGL-1"))
        let visibility = try #require(throws: MokminError.self) { try DatasetMetadataInput(visibility: "secret").apply(to: Self.base) }
        #expect(visibility.message.ko.contains("secret") && visibility.message.en.contains("public or internal"))
    }
}
