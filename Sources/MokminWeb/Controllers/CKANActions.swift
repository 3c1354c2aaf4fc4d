import Foundation
import MokminCore
import MokminGeo
import MokminServices
import MokminStore

/// The CKAN actions themselves, on already-parsed parameters.
struct CKANActions {
    typealias CKANError = CKANController.CKANError
    let catalog: CatalogService
    let principal: Principal?
    let base: String
    let params: [String: JSONValue]

    func run(_ action: String) async throws -> CKANResult {
        switch action {
        case "package_list": return CKANResult(try await packageList())
        case "package_search": return CKANResult(try await packageSearch())
        case "package_show": return CKANResult(try await packageShow())
        case "organization_list": return CKANResult(try await organizationList())
        case "organization_show": return CKANResult(try await organizationShow())
        case "tag_list": return CKANResult(.array(try await catalog.datasets.tags(includeInternal: readsInternal).map { .string($0.name) }))
        case "resource_show": return CKANResult(try await resourceShow())
        case "datastore_search": return try await datastoreSearch()
        default: return CKANResult(statusShow())
        }
    }

    var readsInternal: Bool { CatalogService.mayReadInternal(principal) }
    var dictionaries: CKANDictionaries { CKANDictionaries(base: base) }

    // MARK: Parameters

    func string(_ key: String) -> String? {
        switch params[key] {
        case .string(let s)?: s
        case .number?: params[key]?.stringValue
        default: nil
        }
    }

    func require(_ key: String) throws -> String {
        guard let value = string(key), !value.isEmpty else { throw CKANError.validation(key, "Missing value / 값이 없습니다") }
        return value
    }

    func integer(_ key: String, default value: Int, max: Int = 1000) throws -> Int {
        guard let raw = params[key] else { return value }
        guard let n = raw.stringValue.flatMap({ Int($0) }), n >= 0 else {
            throw CKANError.validation(key, "Invalid integer / 정수가 아닙니다: \(raw.stringValue ?? "")")
        }
        return min(n, max)
    }

    func bool(_ key: String, default value: Bool) -> Bool {
        switch params[key] {
        case .bool(let b)?: b
        case .string(let s)?: ["true", "1", "yes", "True"].contains(s)
        default: value
        }
    }

    /// A list given as a JSON array, a JSON-encoded array string, or comma-separated text.
    func list(_ key: String) -> [String] {
        switch params[key] {
        case .array(let items)?: return items.compactMap(\.stringValue)
        case .string(let s)?:
            if let data = s.data(using: .utf8), case .array(let items)? = try? JSONDecoder().decode(JSONValue.self, from: data) {
                return items.compactMap(\.stringValue)
            }
            return s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        default: return []
        }
    }

    // MARK: Actions

    func packageList() async throws -> JSONValue {
        let page = try await catalog.search(
            CatalogQuery(sort: CatalogQuery.Sort.titleAscending, limit: try integer("limit", default: 100_000, max: 100_000)), for: principal)
        return .array(page.results.map { .string($0.metadata.slug) })
    }

    func packageSearch() async throws -> JSONValue {
        var query = CatalogQuery(text: string("q") ?? "", limit: try integer("rows", default: 10))
        query.offset = try integer("start", default: 0, max: Int.max)
        if query.text == "*:*" { query.text = "" }
        for (field, value) in try FilterQuery.parse(string("fq") ?? "") {
            switch field {
            case "organization", "owner_org": query.organization = value
            case "tags": query.tags.append(value)
            case "res_format": query.format = value
            case "license_id": query.license = value
            case "name": query.text += " " + value
            default: throw CKANError.validation("fq", "Unsupported filter field / 지원하지 않는 필터: \(field)")
            }
        }
        let sort = (string("sort") ?? "score desc").lowercased()
        query.sort =
            sort.hasPrefix("title") || sort.hasPrefix("name")
            ? .titleAscending : sort.hasPrefix("metadata_modified") ? .updatedDescending : .relevance
        let page = try await catalog.search(query, for: principal)
        let wanted = list("facet.field")
        var facets: [String: JSONValue] = [:]
        var searchFacets: [String: JSONValue] = [:]
        for field in wanted {
            let items = page.facets[field == "groups" ? "" : field] ?? []
            facets[field] = .object(Dictionary(items.map { ($0.name, JSONValue.number(Double($0.count))) }, uniquingKeysWith: { a, _ in a }))
            searchFacets[field] = .object([
                "title": .string(field),
                "items": .array(
                    items.map { item -> JSONValue in
                        .object(["name": .string(item.name), "display_name": .string(item.name), "count": .number(Double(item.count))])
                    }),
            ])
        }
        var results: [JSONValue] = []
        for record in page.results { results.append(try await package(record)) }
        return .object([
            "count": .number(Double(page.total)), "results": .array(results), "sort": .string(sort), "facets": .object(facets),
            "search_facets": .object(searchFacets),
        ])
    }

    func package(_ record: DatasetRecord) async throws -> JSONValue {
        dictionaries.package(record, versions: try await catalog.datasets.versions(datasetID: record.id))
    }

    func packageShow() async throws -> JSONValue {
        let id = try require("id")
        guard let record = try await catalog.dataset(id, for: principal) else { throw CKANError.notFound(id) }
        return try await package(record)
    }

    func organizationList() async throws -> JSONValue {
        let orgs = try await catalog.datasets.organizations(includeInternal: readsInternal)
        if bool("all_fields", default: false) {
            return .array(orgs.map { dictionaries.organization($0.name, count: $0.count) })
        }
        return .array(orgs.map { .string($0.name) })
    }

    func organizationShow() async throws -> JSONValue {
        let id = try require("id")
        guard let org = try await catalog.datasets.organizations(includeInternal: readsInternal).first(where: { $0.name == id }) else {
            throw CKANError.notFound(id)
        }
        var dict = dictionaries.organization(org.name, count: org.count)
        if bool("include_datasets", default: false), case .object(var fields) = dict {
            let page = try await catalog.search(CatalogQuery(organization: org.name, limit: 1000), for: principal)
            var packages: [JSONValue] = []
            for record in page.results { packages.append(try await package(record)) }
            fields["packages"] = .array(packages)
            dict = .object(fields)
        }
        return dict
    }

    func resourceShow() async throws -> JSONValue {
        let id = try require("id")
        guard let (record, version) = try await catalog.version(id, for: principal) else { throw CKANError.notFound(id) }
        return dictionaries.resource(version, record: record, position: 0)
    }

    func datastoreSearch() async throws -> CKANResult {
        let id = try require("resource_id")
        guard let (_, version) = try await catalog.version(id, for: principal) else { throw CKANError.notFound(id) }
        var filters: [String: String] = [:]
        switch params["filters"] {
        case .object(let object)?: for (k, v) in object { filters[k] = v.stringValue ?? "" }
        case .string(let s)?:
            guard let data = s.data(using: .utf8), case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
                throw CKANError.validation("filters", "filters must be a JSON object / filters는 JSON 객체여야 합니다")
            }
            for (k, v) in object { filters[k] = v.stringValue ?? "" }
        default: break
        }
        let sort = (string("sort") ?? "").split(separator: ",").compactMap { part -> (String, Bool)? in
            let words = part.trimmingCharacters(in: .whitespaces).split(separator: " ")
            guard let first = words.first else { return nil }
            return (String(first).trimmingCharacters(in: CharacterSet(charactersIn: "\"")), words.dropFirst().first?.lowercased() == "desc")
        }
        let limit = try integer("limit", default: 100, max: 32_000)
        let offset = try integer("offset", default: 0, max: Int.max)
        let page = try await catalog.rows(
            of: version,
            query: RowQuery(
                filters: filters, text: string("q"), sort: sort.filter { $0.0 != "_id" }.map { (column: $0.0, descending: $0.1) },
                fields: list("fields").filter { $0 != "_id" }, offset: offset, limit: limit,
                includeTotal: bool("include_total", default: true)))
        return dictionaries.datastore(page, resourceID: "res-\(version.id)", limit: limit, offset: offset, params: params)
    }

    func statusShow() -> JSONValue {
        .object([
            "ckan_version": .string("2.10.0"), "site_title": .string("목민 Mokmin"), "site_description": .string("데이터 기반 행정 플랫폼"),
            "site_url": .string(base), "locale_default": .string("ko"), "extensions": .array([.string("datastore"), .string("mokmin")]),
            "error_emails_to": .null,
        ])
    }
}

/// CKAN's `fq`: `field:value` terms separated by spaces or `AND`; values may be quoted.
enum FilterQuery {
    static func parse(_ fq: String) throws -> [(String, String)] {
        var terms: [(String, String)] = []
        var rest = Substring(fq)
        while true {
            rest = rest.drop { $0 == " " || $0 == "+" }
            if rest.hasPrefix("AND ") { rest = rest.dropFirst(4); continue }
            guard !rest.isEmpty else { break }
            guard let colon = rest.firstIndex(of: ":") else {
                throw CKANController.CKANError.validation("fq", "Expected field:value / field:value 형식이어야 합니다: \(rest)")
            }
            let field = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
            var value: Substring
            if rest.hasPrefix("\"") {
                let body = rest.dropFirst()
                guard let end = body.firstIndex(of: "\"") else {
                    throw CKANController.CKANError.validation("fq", "Unbalanced quote / 따옴표가 닫히지 않았습니다")
                }
                value = body[..<end]
                rest = body[body.index(after: end)...]
            } else {
                let end = rest.firstIndex(of: " ") ?? rest.endIndex
                value = rest[..<end]
                rest = rest[end...]
            }
            terms.append((field, String(value)))
        }
        return terms
    }
}
