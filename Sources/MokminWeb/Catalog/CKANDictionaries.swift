import Foundation
import MokminBase
import MokminCore

/// CKAN's documented dictionaries (package, resource, organization, datastore result) built from the catalog.
struct CKANDictionaries {
    let base: String

    /// CKAN writes naive UTC: `2026-07-28T08:00:00.000`. Computed by hand: a date formatter per value cost more
    /// than the whole search.
    static func timestamp(_ date: Date) -> String {
        let total = Int64((date.timeIntervalSince1970 * 1000).rounded())  // to the nearest millisecond
        var time = time_t(total >= 0 ? total / 1000 : (total - 999) / 1000)
        let millis = total - Int64(time) * 1000
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-" + pad(parts.tm_mday, 2) + "T" + pad(parts.tm_hour, 2) + ":"
            + pad(parts.tm_min, 2) + ":" + pad(parts.tm_sec, 2) + "." + pad(Int32(millis), 3)
    }

    func organization(_ name: String, count: Int) -> JSONValue {
        .object([
            "id": .string(name), "name": .string(name), "title": .string(name), "display_name": .string(name), "description": .string(""),
            "type": .string("organization"), "is_organization": .bool(true), "state": .string("active"), "approval_status": .string("approved"),
            "image_url": .string(""), "package_count": .number(Double(count)),
        ])
    }

    func resource(_ v: DatasetVersion, record: DatasetRecord, position: Int) -> JSONValue {
        .object([
            "id": .string("res-\(v.id)"), "package_id": .string("ds-\(record.id)"), "name": .string("\(record.metadata.title) v\(v.number)"),
            "description": .string("\(v.fileName) · \(v.rowCount) rows"), "format": .string(v.format.uppercased()),
            "url": .string("\(base)/datasets/\(record.metadata.slug)/download?format=csv&version=\(v.number)"), "datastore_active": .bool(true),
            "created": .string(Self.timestamp(v.createdAt)), "last_modified": .string(Self.timestamp(v.createdAt)),
            "position": .number(Double(position)),
            "state": .string("active"), "mimetype": .string("text/csv"), "size": .null, "url_type": .null, "hash": .string(""),
            "version_number": .number(Double(v.number)), "row_count": .number(Double(v.rowCount)),
        ])
    }

    func package(_ record: DatasetRecord, versions: [DatasetVersion]) -> JSONValue {
        let m = record.metadata
        let resources = versions.enumerated().map { resource($1, record: record, position: $0) }
        var dict: [String: JSONValue] = [
            "id": .string("ds-\(record.id)"), "name": .string(m.slug), "title": .string(m.title), "notes": .string(m.description),
            "license_id": .string(m.license.rawValue), "license_title": .string(m.license.title), "private": .bool(m.visibility == .internal),
            "state": .string("active"), "type": .string("dataset"), "metadata_created": .string(Self.timestamp(record.createdAt)),
            "metadata_modified": .string(Self.timestamp(record.updatedAt)), "maintainer": .string(m.contact), "author": .string(m.source),
            "url": .string("\(base)/datasets/\(m.slug)"), "version": versions.first.map { .string(String($0.number)) } ?? .null,
            "num_resources": .number(Double(resources.count)), "num_tags": .number(Double(m.tags.count)), "resources": .array(resources),
            "tags": .array(
                m.tags.map {
                    .object(["name": .string($0), "display_name": .string($0), "id": .string($0), "state": .string("active"), "vocabulary_id": .null])
                }),
            "groups": .array([]),
            "extras": .array(
                [("frequency", m.frequency), ("temporal_coverage", m.temporalCoverage), ("spatial_coverage", m.spatialCoverage)]
                    .filter { !$0.1.isEmpty }.map { .object(["key": .string($0.0), "value": .string($0.1)]) }),
        ]
        if m.organization.isEmpty {
            dict["owner_org"] = .null
            dict["organization"] = .null
        } else {
            dict["owner_org"] = .string(m.organization)
            dict["organization"] = organization(m.organization, count: 0)
        }
        return .object(dict)
    }

    static func ckanType(_ type: ColumnType) -> String {
        switch type {
        case .integer: "int"
        case .decimal, .longitude, .latitude: "numeric"
        case .boolean: "bool"
        case .date: "date"
        case .dateTime: "timestamp"
        case .text, .regionCode: "text"
        }
    }

    func datastore(_ page: RowPage, resourceID: String, limit: Int, offset: Int, params: [String: JSONValue]) -> CKANResult {
        let fields: [JSONValue] =
            [.object(["id": .string("_id"), "type": .string("int")])]
            + page.columns.map { .object(["id": .string($0.label), "type": .string(Self.ckanType($0.type))]) }
        let start = "/api/3/action/datastore_search?resource_id=\(resourceID)"
        var result: [String: JSONValue] = [
            "resource_id": .string(resourceID), "fields": .array(fields), "limit": .number(Double(limit)),
            "offset": .number(Double(offset)), "_links": .object(["start": .string(start), "next": .string("\(start)&offset=\(offset + limit)")]),
        ]
        if let total = page.total { result["total"] = .number(Double(total)) }
        if let filters = params["filters"] { result["filters"] = filters }
        if let q = params["q"] { result["q"] = q }
        return CKANResult(.object(result), raw: [("records", Self.records(page, offset: offset))])
    }

    /// The records as JSON text, each object's members in column order. Written directly: a page of rows has
    /// thousands of values, and building dictionaries keyed by (Korean) column labels cost more than the query.
    static func records(_ page: RowPage, offset: Int) -> [UInt8] {
        let keys: [[UInt8]] = page.columns.map { column in
            var key: [UInt8] = [UInt8(ascii: ",")]
            JSONValue.writeString(column.label, into: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(64 + page.rows.count * page.columns.count * 24)
        for (i, row) in page.rows.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"_id":"#.utf8)
            out.append(contentsOf: String(offset + i + 1).utf8)
            for (key, value) in zip(keys, row) {
                out.append(contentsOf: key)
                switch value {
                case .null: out.append(contentsOf: "null".utf8)
                case .integer(let v): out.append(contentsOf: String(v).utf8)
                case .decimal(let v): JSONValue.writeNumber(v, into: &out)
                case .boolean(let v): out.append(contentsOf: (v ? "true" : "false").utf8)
                case .text(let v), .date(let v), .dateTime(let v): JSONValue.writeString(v, into: &out)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return out
    }
}
