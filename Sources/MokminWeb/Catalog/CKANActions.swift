import Foundation
import MokminBase
import MokminCore
import MokminGeo
import MokminServices

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
        case "tag_list": return CKANResult(.array(try await catalog.tags(for: principal).map { .string($0.name) }))
        case "resource_show": return CKANResult(try await resourceShow())
        case "datastore_search": return try await datastoreSearch()
        case "help_show": return CKANResult(try helpShow())
        default: return CKANResult(statusShow())
        }
    }

    var readsInternal: Bool { CatalogService.mayReadInternal(principal) }
    var dictionaries: CKANDictionaries { CKANDictionaries(base: base) }

    // MARK: Parameters

    /// The parameters the actions read, from the query string or a POST body's JSON object (the same ranges are
    /// stated in `/openapi.json`). `rows` and `limit` are clamped to their maximum as CKAN does; an offset past its
    /// range is refused.
    enum Input {
        static let id = Parameter.text("id", max: 200)
        static let text = Parameter.text("q", max: 200)
        static let filterQuery = Parameter.text("fq", max: 1_000)
        static let rows = Parameter.integer("rows", 0...1_000_000_000)
        static let start = Parameter.integer("start", 0...100_000)
        static let sort = Parameter.text("sort", max: 200)
        static let facetField = Parameter.text("facet.field", max: 1_000)
        static let limit = Parameter.integer("limit", 0...1_000_000_000)
        static let offset = Parameter.integer("offset", 0...RowQuery.maxOffset)
        static let resourceID = Parameter.text("resource_id", max: 200)
        static let filters = Parameter.text("filters", max: 4_000)
        static let fields = Parameter.text("fields", max: 4_000)
        static let allFields = Parameter.flag("all_fields")
        static let includeDatasets = Parameter.flag("include_datasets")
        static let includeTotal = Parameter.flag("include_total")
        static let name = Parameter.text("name", max: 100)
        static let all = [
            id, text, filterQuery, rows, start, sort, facetField, limit, offset, resourceID, filters, fields, allFields, includeDatasets,
            includeTotal, name,
        ]
    }

    /// What each action does (`help_show`; every answer's `help` link points here).
    static let help: [String: String] = [
        "package_list": "package_list: the names of the datasets you may read / 읽을 수 있는 데이터셋의 이름 목록",
        "package_search":
            "package_search(q, fq, rows, start, sort, facet.field): searches the catalog in Korean and English / 카탈로그 검색",
        "package_show": "package_show(id): one dataset with its resources (one per version) / 데이터셋 하나와 그 리소스(버전마다 하나)",
        "organization_list": "organization_list(all_fields): the organizations that publish datasets / 데이터셋을 내는 기관 목록",
        "organization_show": "organization_show(id, include_datasets): one organization / 기관 하나",
        "tag_list": "tag_list: the tags of the datasets you may read / 읽을 수 있는 데이터셋의 태그 목록",
        "resource_show": "resource_show(id): one version of a dataset as a CKAN resource / 데이터셋의 한 버전",
        "datastore_search":
            "datastore_search(resource_id, q, filters, fields, sort, limit, offset, include_total): rows of a version / 한 버전의 행 검색",
        "status_show": "status_show: the site, its version and its extensions / 사이트와 버전",
        "help_show": "help_show(name): what an action does / 동작의 설명",
    ]

    /// `help_show`: the text of one action; an unknown name is CKAN's 404.
    func helpShow() throws -> JSONValue {
        guard let name = try string(Input.name) else { throw CKANError.validation("name", "Missing value / 값이 필요합니다") }
        guard let text = Self.help[name] else { throw CKANError.notFound("Action name not known: \(name)") }
        return .string(text)
    }

    /// A parameter's refusal as CKAN's validation error.
    func refused(_ parameter: Parameter, _ error: MokminError) -> CKANError {
        CKANError.validation(parameter.name, error.message.description)
    }

    /// The parameter as text (a JSON number or boolean as written), checked against its kind; nil when absent or
    /// empty. Arrays and objects are refused where text is expected.
    func string(_ parameter: Parameter) throws -> String? {
        let raw: String
        switch params[parameter.name] {
        case nil, .null?: return nil
        case .array?, .object?:
            throw CKANError.validation(parameter.name, "Expected a value, not a list or an object / 목록이나 객체가 아닌 값이어야 합니다")
        case let value?: raw = value.stringValue ?? ""
        }
        if raw.isEmpty { return nil }
        do { return try parameter.check(raw) } catch let error as MokminError { throw refused(parameter, error) }
    }

    func require(_ parameter: Parameter) throws -> String {
        guard let value = try string(parameter) else { throw CKANError.validation(parameter.name, "Missing value / 값이 없습니다") }
        return value
    }

    /// A whole number within the parameter's range, else `value`; at most `clamp` (CKAN's silent maximum).
    func integer(_ parameter: Parameter, default value: Int, clamp: Int = .max) throws -> Int {
        guard case .integer(let range) = parameter.kind else { preconditionFailure("\(parameter) is not an integer") }
        guard let raw = try string(parameter) else { return value }
        do { return min(try parameter.integerValue(raw, range: range), clamp) } catch let error as MokminError { throw refused(parameter, error) }
    }

    func bool(_ parameter: Parameter, default value: Bool) throws -> Bool {
        if case .bool(let b)? = params[parameter.name] { return b }
        return try string(parameter).map { Parameter.trueWords.contains($0.lowercased()) } ?? value
    }

    /// A list given as a JSON array, a JSON-encoded array string, or comma-separated text (each item checked).
    func list(_ parameter: Parameter) throws -> [String] {
        var items: [String]
        switch params[parameter.name] {
        case .array(let values)?: items = values.compactMap(\.stringValue)
        case .string?, .number?:
            let s = try string(parameter) ?? ""
            if let data = s.data(using: .utf8), case .array(let values)? = try? JSONDecoder().decode(JSONValue.self, from: data) {
                items = values.compactMap(\.stringValue)
            } else {
                items = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
        default: items = []
        }
        guard items.count <= Parameter.maxFamily, items.allSatisfy({ $0.count <= 200 }) else {
            throw CKANError.validation(parameter.name, "Too many or too long items / 항목이 너무 많거나 깁니다")
        }
        return items
    }

    // MARK: Actions

    func packageList() async throws -> JSONValue {
        let page = try await catalog.search(
            CatalogQuery(sort: CatalogQuery.Sort.titleAscending, limit: try integer(Input.limit, default: 100_000, clamp: 100_000)), for: principal)
        return .array(page.results.map { .string($0.metadata.slug) })
    }

    func packageSearch() async throws -> JSONValue {
        var query = CatalogQuery(text: try string(Input.text) ?? "", limit: try integer(Input.rows, default: 10, clamp: 1_000))
        query.offset = try integer(Input.start, default: 0)
        if query.text == "*:*" { query.text = "" }
        for (field, value) in try FilterQuery.parse(try string(Input.filterQuery) ?? "") {
            switch field {
            case "organization", "owner_org": query.organization = value
            case "tags": query.tags.append(value)
            case "res_format": query.format = value
            case "license_id": query.license = value
            case "name": query.text += " " + value
            default: throw CKANError.validation("fq", "Unsupported filter field / 지원하지 않는 필터: \(field)")
            }
        }
        let sort = (try string(Input.sort) ?? "score desc").lowercased()
        query.sort =
            sort.hasPrefix("title") || sort.hasPrefix("name")
            ? .titleAscending : sort.hasPrefix("metadata_modified") ? .updatedDescending : .relevance
        let page = try await catalog.search(query, for: principal)
        let wanted = try list(Input.facetField)
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
        dictionaries.package(record, versions: try await catalog.versions(of: record))
    }

    func packageShow() async throws -> JSONValue {
        let id = try require(Input.id)
        guard let record = try await catalog.dataset(id, for: principal) else { throw CKANError.notFound(id) }
        return try await package(record)
    }

    func organizationList() async throws -> JSONValue {
        let orgs = try await catalog.organizations(for: principal)
        if try bool(Input.allFields, default: false) {
            return .array(orgs.map { dictionaries.organization($0.name, count: $0.count) })
        }
        return .array(orgs.map { .string($0.name) })
    }

    func organizationShow() async throws -> JSONValue {
        let id = try require(Input.id)
        guard let org = try await catalog.organizations(for: principal).first(where: { $0.name == id }) else {
            throw CKANError.notFound(id)
        }
        var dict = dictionaries.organization(org.name, count: org.count)
        if try bool(Input.includeDatasets, default: false), case .object(var fields) = dict {
            let page = try await catalog.search(CatalogQuery(organization: org.name, limit: 1000), for: principal)
            var packages: [JSONValue] = []
            for record in page.results { packages.append(try await package(record)) }
            fields["packages"] = .array(packages)
            dict = .object(fields)
        }
        return dict
    }

    func resourceShow() async throws -> JSONValue {
        let id = try require(Input.id)
        guard let (record, version) = try await catalog.version(id, for: principal) else { throw CKANError.notFound(id) }
        return dictionaries.resource(version, record: record, position: 0)
    }

    func datastoreSearch() async throws -> CKANResult {
        let id = try require(Input.resourceID)
        guard let (_, version) = try await catalog.version(id, for: principal) else { throw CKANError.notFound(id) }
        var filters: [String: String] = [:]
        switch params["filters"] {
        case .object(let object)?: for (k, v) in object { filters[k] = v.stringValue ?? "" }
        case .string?:
            guard let data = try string(Input.filters)?.data(using: .utf8),
                case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: data)
            else {
                throw CKANError.validation("filters", "filters must be a JSON object / filters는 JSON 객체여야 합니다")
            }
            for (k, v) in object { filters[k] = v.stringValue ?? "" }
        default: break
        }
        let sort = (try string(Input.sort) ?? "").split(separator: ",").compactMap { part -> (String, Bool)? in
            let words = part.trimmingCharacters(in: .whitespaces).split(separator: " ")
            guard let first = words.first else { return nil }
            return (String(first).trimmingCharacters(in: CharacterSet(charactersIn: "\"")), words.dropFirst().first?.lowercased() == "desc")
        }
        guard filters.count <= Parameter.maxFamily else {
            throw CKANError.validation("filters", "At most \(Parameter.maxFamily) filters / 필터는 \(Parameter.maxFamily)개까지입니다")
        }
        // CKAN's own maximum is 32,000 rows; an anonymous reader gets at most CatalogService.anonymousRowLimit.
        let maximum = principal == nil ? CatalogService.anonymousRowLimit : RowQuery.maxLimit
        let limit = try integer(Input.limit, default: 100, clamp: maximum)
        let offset = try integer(Input.offset, default: 0)
        let page = try await catalog.rows(
            of: version,
            query: RowQuery(
                filters: filters, text: try string(Input.text), sort: sort.filter { $0.0 != "_id" }.map { (column: $0.0, descending: $0.1) },
                fields: try list(Input.fields).filter { $0 != "_id" }, offset: offset, limit: limit,
                includeTotal: try bool(Input.includeTotal, default: true)),
            for: principal)
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
