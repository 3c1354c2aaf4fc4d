import Foundation

/// A CSV or TSV response body read whole into records (as JSON objects keyed by the header, so that generic feeds
/// treat CSV and JSON items alike).
enum DelimitedBody {
    /// The records after the header, each a JSON object or, for a record with a quoting problem or the wrong number
    /// of fields, the issue (its index is the record's position among the data records).
    static func records(_ data: Data, delimiter: UInt8) throws(FeedError) -> [BodyItem] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if TextEncoding.detect(bytes.prefix(64 * 1024)) == .cp949 {
            guard let converter = IconvConverter(from: "CP949") else {
                throw FeedError(.notJSON, ko: "CP949를 읽을 수 없는 시스템입니다", en: "this system cannot read CP949")
            }
            var utf8: [UInt8] = []
            guard converter.convert(bytes[...], into: &utf8).stop == .done else {
                throw FeedError(.notJSON, ko: "UTF-8이나 CP949 글자가 아닌 바이트가 있습니다", en: "the body is neither UTF-8 nor CP949 text")
            }
            bytes = utf8
        } else if String(validating: bytes, as: UTF8.self) == nil {
            throw FeedError(.notJSON, ko: "UTF-8 글자가 아닌 바이트가 있습니다", en: "the body has bytes that are not UTF-8")
        }
        var scanner = CSVScanner(delimiter: delimiter, maxRecordBytes: max(bytes.count + 1, 1024))
        do {
            try scanner.append(bytes)
        } catch {
            throw FeedError(.notJSON, ko: "CSV 레코드가 너무 깁니다", en: "a CSV record is too long")
        }
        guard let first = scanner.nextRecord(atEnd: true) else {
            throw FeedError(.notJSON, ko: "응답이 비어 있어 머리글이 없습니다", en: "the response is empty: there is no header")
        }
        let header = HeaderNames.normalize(first.fields.map { $0 ?? "" })
        var records: [BodyItem] = []
        while let record = scanner.nextRecord(atEnd: true) {
            let reason =
                record.problem ?? (record.fields.count == header.count ? nil : .fieldCount(found: record.fields.count, expected: header.count))
            if let reason {
                let index = records.count
                records.append(
                    .bad(FeedIssue(index: index, ko: "\(record.line)번째 줄: \(reason.message.ko)", en: "line \(record.line): \(reason.message.en)")))
            } else {
                records.append(.item(.object(zip(header, record.fields).map { (key: $0, value: $1.map(OrderedJSON.string) ?? .null) })))
            }
        }
        return records
    }
}

/// An item of a response body, or why a CSV record could not be one.
enum BodyItem {
    case item(OrderedJSON)
    case bad(FeedIssue)
}
