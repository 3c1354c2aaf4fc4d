import Foundation
import Hummingbird
import MokminCore
import MokminGeo
import MokminIngest
import MokminServices
import MokminSVG

extension DatasetController {
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try await record(context)
        let (version, versions) = try await version(record, request)
        let q = request.query
        let lang = context.language
        let m = record.metadata
        let page = try q.integer(Input.previewPage) ?? 1
        let sortColumn = try q.text(Input.sort).flatMap { label in version.columns.first { $0.label == label } }
        let descending = try q.flag(Input.descending) ?? false
        let filterColumn = try q.text(Input.filterColumn).flatMap { label in version.columns.first { $0.label == label } }
        let filterValue = try q.text(Input.filterValue) ?? ""
        let text = try q.text(Input.text) ?? ""
        let preview = try await catalog.rows(
            of: version,
            query: RowQuery(
                filters: filterColumn != nil && !filterValue.isEmpty ? [filterColumn!.label: filterValue] : [:], text: text.isEmpty ? nil : text,
                sort: sortColumn.map { [($0.label, descending)] } ?? [], offset: (page - 1) * Self.previewSize, limit: Self.previewSize),
            for: context.principal)
        let base = "/datasets/\(m.slug)?version=\(version.number)"
        func pageLink(sort: String?, desc: Bool, page: Int) -> String {
            var link = base
            if let sort { link += "&sort=\(URLText.component(sort))" + (desc ? "&desc=1" : "") }
            if let filterColumn, !filterValue.isEmpty {
                link += "&fcol=\(URLText.component(filterColumn.label))&fval=\(URLText.component(filterValue))"
            }
            if !text.isEmpty { link += "&q=\(URLText.component(text))" }
            return link + "&page=\(page)"
        }
        let total = preview.total ?? 0
        let pages = max(1, (total + Self.previewSize - 1) / Self.previewSize)
        var values: [String: Any] = [
            "slug": m.slug, "title": m.title, "description": m.description, "organization": m.organization, "tags": m.tags,
            "license": m.license.title, "frequency": m.frequency, "source": m.source, "temporal": m.temporalCoverage, "spatial": m.spatialCoverage,
            "internal": m.visibility == .internal, "contact": m.contact, "version_number": version.number, "row_count": version.rowCount,
            "file_name": version.fileName, "encoding": version.encoding, "format": version.format.uppercased(),
            "created": AdminController.format(version.createdAt),
            "versions": versions.map { v -> [String: Any] in
                [
                    "number": v.number, "created": AdminController.format(v.createdAt), "file": v.fileName, "rows": v.rowCount,
                    "added": v.rowsAdded.map { "+\($0)" } ?? "", "removed": v.rowsRemoved.map { "−\($0)" } ?? "",
                    "current": v.number == version.number,
                    "by": CatalogService.mayReadInternal(context.principal) ? v.createdBy ?? "" : "",
                ]
            },
            "headers": version.columns.map { c -> [String: Any] in
                let active = sortColumn?.label == c.label
                return [
                    "label": c.label, "type": lang == "en" ? c.type.rawValue : c.type.koreanName,
                    "href": pageLink(sort: c.label, desc: active && !descending, page: 1),
                    "arrow": active ? (descending ? "▼" : "▲") : "",
                ]
            },
            "rows": preview.rows.map { row in row.map(\.plainText) },
            "total": total, "page": page, "pages": pages, "filter_value": filterValue, "text": text,
            "filter_options": version.columns.map { ["label": $0.label, "selected": $0.label == filterColumn?.label] },
            "profile_estimated": version.profile.contains { $0.estimated },
            "profile": version.profile.map { p -> [String: Any] in
                [
                    "label": p.label, "type": lang == "en" ? p.type.rawValue : p.type.koreanName, "non_null": p.nonNullCount,
                    "nulls": version.rowCount - p.nonNullCount, "distinct": p.estimated ? "≈\(p.distinctCount)" : "\(p.distinctCount)",
                    "min": p.minimum ?? "", "max": p.maximum ?? "",
                    "mean": p.mean.map { String(format: "%.2f", $0) } ?? "",
                    "top": p.topValues.map { "\($0.value) (\($0.count))" }.joined(separator: ", "),
                    "histogram": p.histogram.isEmpty ? "" : HistogramSVG.render(p.histogram, label: p.label),
                ]
            },
            "downloads": [
                ["label": "CSV (UTF-8)", "href": "/datasets/\(m.slug)/download?format=csv&version=\(version.number)"],
                ["label": "CSV (CP949, Excel)", "href": "/datasets/\(m.slug)/download?format=csv&encoding=cp949&version=\(version.number)"],
                ["label": "JSON", "href": "/datasets/\(m.slug)/download?format=json&version=\(version.number)"],
                ["label": "GeoJSON", "href": "/datasets/\(m.slug)/download?format=geojson&version=\(version.number)"],
            ],
            "ckan_href": "/api/3/action/package_show?id=\(m.slug)",
        ]
        if page > 1 { values["prev_href"] = pageLink(sort: sortColumn?.label, desc: descending, page: page - 1) }
        if page < pages { values["next_href"] = pageLink(sort: sortColumn?.label, desc: descending, page: page + 1) }
        values["may_edit"] = (context.principal?.role ?? .official) >= .analyst && context.principal?.isDisplayOnly == false
        if let report = try? JSONDecoder().decode(ImportReport.self, from: Data(version.report.utf8)) {
            values["report"] = [
                "published": report.published, "rejected": report.rejected, "linked": report.regionLinked, "unmatched": report.regionUnmatched,
                "has_region": report.regionLinked + report.regionUnmatched > 0, "has_issues": !report.issues.isEmpty,
                "issues": report.issues.prefix(200).map(\.description),
            ]
        }
        let counts = try await catalog.regionCounts(of: version)
        if !counts.isEmpty { values["map_svg"] = regionMap(counts, language: lang) }
        return views.page("dataset", values, context: context, request: request)
    }

    /// A choropleth of how many rows each 읍면동 holds, over the 시군구 those 읍면동 belong to.
    func regionMap(_ counts: [String: Int], language: String) -> String? {
        let registry = regions.registry
        let parents = Set(counts.keys.compactMap { registry.regions[$0]?.parentCode })
        let shown = parents.flatMap { registry.children(of: $0) }.filter { $0.level == .emd }
        guard !shown.isEmpty else { return nil }
        let areas = shown.map { region in
            MapArea(
                id: region.code, label: region.name,
                title: "\(region.name)\n\(Strings.text("row_count", language)) \(counts[region.code] ?? 0)",
                geometry: region.boundary, value: Double(counts[region.code] ?? 0), href: nil, fill: nil)
        }
        return SVGMap(width: 800, height: 600, projection: .utmK, credit: Strings.text("credit", language))
            .render(areas: areas, style: MapStyle(classification: .quantiles(5), legendTitle: Strings.text("row_count", language), unit: nil))
    }
}
