import Foundation

/// Reads CSV or TSV files in any size, chunk by chunk (see ``CSVScanner`` for the quoting rules and
/// ``UTF8Stream`` for the encodings).
///
/// The first record is the header; one with more fields than a dataset can hold (``ReaderLimits/maxColumns``) stops
/// the reading. A record whose field count differs from the header's is reported as a ``RowIssue`` at the line where
/// it starts and skipped: it is never padded or cut. Bytes that are not valid in the file's encoding, or a record
/// longer than ``ReaderLimits/maxRecordBytes``, stop the reading with a ``ReadError`` naming the line.
final class DelimitedReader: RowReader, @unchecked Sendable {
    private(set) var header: [String]
    private(set) var issues: [RowIssue] = []
    private let stream: UTF8Stream
    private var scanner: CSVScanner
    private var exhausted = false
    private let fileName: String

    var encoding: TextEncoding { stream.encoding }

    /// How many decoded bytes the reader holds (for tests of the streaming claim).
    var bufferedByteCount: Int { scanner.bufferedByteCount }

    init(url: URL, delimiter: UInt8, options: ReaderOptions) throws {
        fileName = url.lastPathComponent
        do {
            stream = try UTF8Stream(url: url, encoding: options.encoding, chunkSize: options.chunkSize)
        } catch {
            throw ReadError(
                .unreadable, file: url.lastPathComponent, ko: "파일을 열 수 없습니다 (\(error.localizedDescription))",
                en: "cannot open the file (\(error.localizedDescription))")
        }
        // One field more than a dataset holds is kept, so that any record wider than the header is still seen as such.
        scanner = CSVScanner(delimiter: delimiter, maxRecordBytes: options.limits.maxRecordBytes, maxFields: ReaderLimits.maxColumns + 1)
        header = []
        guard let first = try readRecord() else {
            throw ReadError(.empty, file: fileName, ko: "파일이 비어 있어 머리글이 없습니다", en: "the file is empty: there is no header")
        }
        guard first.fieldCount <= ReaderLimits.maxColumns else {
            throw ReadError.tooManyColumns(file: fileName, line: first.line, count: first.fieldCount)
        }
        if let problem = first.problem {
            throw ReadError(.malformed, file: fileName, line: first.line, ko: "머리글 " + problem.message.ko, en: "header: " + problem.message.en)
        }
        header = HeaderNames.normalize(first.fields.map { $0 ?? "" })
    }

    func next() throws -> RawRow? {
        while let record = try readRecord() {
            if let problem = record.problem {
                issues.append(RowIssue(line: record.line, reason: problem))
            } else if record.fieldCount != header.count {
                issues.append(RowIssue(line: record.line, reason: .fieldCount(found: record.fieldCount, expected: header.count)))
            } else {
                return RawRow(line: record.line, fields: record.fields)
            }
        }
        return nil
    }

    private func readRecord() throws -> CSVScanner.Record? {
        while true {
            if let record = scanner.nextRecord(atEnd: exhausted) { return record }
            if exhausted { return nil }
            do {
                if let chunk = try stream.next() {
                    try scanner.append(chunk)
                } else {
                    exhausted = true
                }
            } catch let failure as UTF8Stream.DecodeFailure {
                throw decodeError(failure)
            } catch let tooLarge as CSVScanner.RecordTooLarge {
                throw ReadError.recordTooLarge(
                    file: fileName, line: tooLarge.line, limit: scanner.maxRecordBytes,
                    what: ("이 줄에서 시작한 레코드가", "the record starting on this line"),
                    hint: ("닫히지 않은 따옴표(\")가 있는지 확인하세요", "look for an unbalanced quote (\")"))
            } catch {
                throw ReadError(
                    .unreadable, file: fileName, line: scanner.line, ko: "파일을 읽는 중 오류가 났습니다 (\(error.localizedDescription))",
                    en: "reading the file failed (\(error.localizedDescription))")
            }
        }
    }

    private func decodeError(_ failure: UTF8Stream.DecodeFailure) -> ReadError {
        let hex = failure.bytes.map { String(format: "%02X", $0) }.joined(separator: " ")
        let name = failure.encoding == .utf8 ? "UTF-8" : "CP949(EUC-KR)"
        let other = failure.encoding == .utf8 ? "cp949" : "utf-8"
        if failure.truncated {
            return ReadError(
                .invalidEncoding, file: fileName, line: scanner.line,
                ko: "파일이 \(name) 글자 중간에서 끝납니다", en: "the file ends in the middle of a \(name) character")
        }
        return ReadError(
            .invalidEncoding, file: fileName, line: scanner.line,
            ko: "\(name)로 읽을 수 없는 바이트(\(hex))가 있습니다. 인코딩을 \(other)로 지정해 보세요",
            en: "bytes \(hex) are not valid \(name); try the encoding \(other)")
    }
}
