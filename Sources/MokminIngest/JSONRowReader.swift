import Foundation
import MokminGeo

/// Reads a JSON file of records. The whole file is read and parsed at once (JSON files from APIs are small; a
/// large dataset should come as CSV, which streams), so a file larger than ``ReaderLimits/maxJSONBytes`` is refused
/// before it is read; rows are then handed out one by one.
///
/// Accepted shapes, tried in this order:
/// 1. an array of objects;
/// 2. the envelope Korean public APIs (data.go.kr) return, `{"response": {"header": {…}, "body": {"items": …}}}`,
///    where `items` is an array, `{"item": [...]}`, `{"item": {...}}` (one record), one record object, or `""`
///    (no records); a no-data `resultCode` (`03`, `INFO-200`) means no records, and any other code that is not a
///    success (``PublicAPIEnvelope``) is a ``ReadError`` carrying the API's `resultMsg`;
/// 3. an object whose `data`, `records` or `items` member is an array (api.odcloud.kr and similar);
/// 4. the Seoul Open API shape: an object whose only member is an object with a `row` array.
///
/// The header is the union of the records' keys in first-seen order. Values: strings as they are, numbers as
/// written, booleans `true`/`false`, null or a missing key nil, arrays and objects as compact JSON text. An
/// element that is not an object, or a record longer than ``ReaderLimits/maxRecordBytes``, is reported as a
/// ``RowIssue`` at its position (index + 1) and skipped. More keys than a dataset has columns
/// (``ReaderLimits/maxColumns``) stop the reading at the record that brought the count past it.
final class JSONRowReader: RowReader, @unchecked Sendable {
    let header: [String]
    let encoding = TextEncoding.utf8
    private(set) var issues: [RowIssue] = []
    private let table: KeyedRecords
    private var index = 0

    init(url: URL, limits: ReaderLimits) throws {
        let file = url.lastPathComponent
        let root = try Self.parse(try Self.read(url, limits: limits), file: file)
        table = try KeyedRecords(try Self.records(in: root, file: file), file: file, limits: limits)
        header = table.header
    }

    func next() throws -> RawRow? {
        while index < table.records.count {
            defer { index += 1 }
            switch table.row(at: index) {
            case .success(let fields): return RawRow(line: index + 1, fields: fields)
            case .failure(let reason): issues.append(RowIssue(line: index + 1, reason: reason))
            }
        }
        return nil
    }

    /// Reads a whole JSON or GeoJSON file, refusing one larger than ``ReaderLimits/maxJSONBytes`` before reading it
    /// (and, should it grow meanwhile, after reading one byte past the bound).
    static func read(_ url: URL, limits: ReaderLimits) throws -> Data {
        let file = url.lastPathComponent
        func tooLarge(_ size: Int) -> ReadError {
            let limit = LimitText.bytes(limits.maxJSONBytes)
            return ReadError(
                .tooLarge, file: file,
                ko: "JSON 파일이 \(limit.ko)를 넘습니다 (\(LimitText.bytes(size).ko)). JSON은 통째로 읽으므로 큰 데이터는 CSV로 올려 주세요",
                en: "the JSON file is larger than \(limit.en) (\(LimitText.bytes(size).en)); JSON is read whole, so send a large dataset as CSV")
        }
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= limits.maxJSONBytes else { throw tooLarge(size) }
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            let data = try handle.read(upToCount: limits.maxJSONBytes + 1) ?? Data()
            guard data.count <= limits.maxJSONBytes else { throw tooLarge(data.count) }
            return data
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError(
                .unreadable, file: file, ko: "파일을 읽을 수 없습니다 (\(error.localizedDescription))",
                en: "cannot read the file (\(error.localizedDescription))")
        }
    }

    /// Parses a JSON file's bytes, turning failures into ``ReadError``s with line and column.
    static func parse(_ bytes: Data, file: String) throws -> OrderedJSON {
        guard bytes.contains(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) else {
            throw ReadError(.empty, file: file, ko: "파일이 비어 있습니다", en: "the file is empty")
        }
        do {
            return try OrderedJSONParser.parse(bytes)
        } catch {
            let xml = bytes.first { $0 > 0x20 } == UInt8(ascii: "<")
            throw ReadError(
                .malformed, file: file, line: error.line,
                ko: "\(error.column)번째 글자에서 \(error.expected.ko)이(가) 필요합니다" + (xml ? ". JSON이 아니라 XML입니다 (API 오류 응답일 수 있습니다)" : ""),
                en: "column \(error.column): expected \(error.expected.en)" + (xml ? "; this is XML, not JSON (perhaps an API error response)" : ""))
        }
    }

    /// The record list of the shapes described on the type.
    static func records(in root: OrderedJSON, file: String) throws -> [OrderedJSON] {
        if case .array(let items) = root { return items }
        if let response = root["response"] {
            switch PublicAPIEnvelope.status(of: response["header"]) {
            case .ok: break
            case .noData: return []
            case .failed(let code, let message):
                throw ReadError(
                    .apiError, file: file, ko: "API가 오류를 돌려주었습니다: resultCode \(code) \(message)",
                    en: "the API answered with an error: resultCode \(code) \(message)")
            }
            if let items = response["body"]?["items"], let list = FeedJSON.itemList(items) { return list }
        }
        for key in ["data", "records", "items"] {
            if case .array(let list)? = root[key] { return list }
        }
        if case .object(let members) = root, members.count == 1, case .array(let list)? = members[0].value["row"] {
            return list
        }
        throw ReadError(
            .malformed, file: file,
            ko: "레코드를 찾을 수 없습니다. 객체의 배열이나 response.body.items 형식이어야 합니다",
            en: "no records found: expected an array of objects or the response.body.items envelope")
    }
}

/// Records (JSON objects) with the union of their keys as a header.
struct KeyedRecords {
    let records: [OrderedJSON]
    let header: [String]
    private let position: [String: Int]
    private let maxRecordBytes: Int

    /// Takes the records' keys in first-seen order; throws when they come to more than a dataset's columns, at the
    /// record (index + 1) whose keys passed the bound.
    init(_ records: [OrderedJSON], file: String, limits: ReaderLimits) throws {
        self.records = records
        maxRecordBytes = limits.maxRecordBytes
        var keys: [String] = []
        var position: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            guard case .object(let members) = record else { continue }
            for member in members where position[member.key] == nil {
                position[member.key] = keys.count
                keys.append(member.key)
            }
            if keys.count > ReaderLimits.maxColumns {
                throw ReadError.tooManyColumns(file: file, line: index + 1, count: keys.count)
            }
        }
        self.position = position
        header = HeaderNames.normalize(keys)
    }

    /// The record's fields aligned to the header, or why it is not a record.
    func row(at index: Int) -> Result<[String?], RowIssueReason> {
        let record = records[index]
        guard case .object(let members) = record else {
            let kind = record.kindNames
            return .failure(.notAnObject(kind: kind.en, kindKo: kind.ko))
        }
        var fields = [String?](repeating: nil, count: header.count)
        var bytes = 0
        for member in members {
            guard let column = position[member.key], fields[column] == nil, let text = member.value.fieldText else { continue }
            bytes += text.utf8.count
            guard bytes <= maxRecordBytes else { return .failure(.recordTooLarge(limit: maxRecordBytes)) }
            fields[column] = text
        }
        return .success(fields)
    }
}
