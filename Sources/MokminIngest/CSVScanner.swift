/// An RFC 4180 record scanner over UTF-8 bytes that arrive in chunks.
///
/// Quoted fields may hold delimiters, doubled quotes (`""` for `"`) and line breaks. Records end at LF, CRLF or a
/// lone CR. Blank lines are not records, wherever they are (so a trailing empty line is not a row). A quote inside
/// an unquoted field is kept as text (`12"`); text after a closing quote (`"ab"c`) makes the record bad. A quote
/// still open at the end of the file makes the record bad, reported at the line where it started.
///
/// Memory holds only the record being scanned, up to `maxRecordBytes`, and of its fields only the first `maxFields`
/// (a line of sixteen million commas is counted, not kept).
struct CSVScanner {
    struct Record {
        /// The 1-based line on which the record starts.
        var line: Int
        /// The fields, at most `maxFields` of them.
        var fields: [String?]
        /// How many fields the record has, including any past `maxFields`.
        var fieldCount: Int
        /// Why the record is bad, or nil.
        var problem: RowIssueReason?
    }

    /// The current record is longer than `maxRecordBytes`.
    struct RecordTooLarge: Error {
        var line: Int
    }

    private enum State {
        case recordStart, fieldStart, unquoted, quoted, quoteInQuoted
    }

    private static let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    let delimiter: UInt8
    let maxRecordBytes: Int
    let maxFields: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var recordStart = 0
    private var fieldStart = 0
    private var fields: [String?] = []
    private var fieldCount = 0
    private var expectedFields = 8
    private var state = State.recordStart
    /// The physical line of the byte at `position`.
    private(set) var line = 1
    private var recordLine = 1
    private var lastWasCR = false
    private var escaped = false
    private var problem: RowIssueReason?

    /// How many bytes are held: the unread part of the last chunk and the record in progress.
    var bufferedByteCount: Int { buffer.count }

    init(delimiter: UInt8, maxRecordBytes: Int, maxFields: Int = .max) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
        self.maxFields = max(1, maxFields)
    }

    /// Adds the next chunk, first dropping the bytes of records already returned.
    mutating func append(_ chunk: [UInt8]) throws(RecordTooLarge) {
        let drop = state == .recordStart ? position : recordStart
        if drop > 0 {
            buffer.removeSubrange(..<drop)
            position -= drop
            recordStart = max(0, recordStart - drop)
            fieldStart = max(0, fieldStart - drop)
        }
        if state != .recordStart && buffer.count - recordStart > maxRecordBytes {
            throw RecordTooLarge(line: recordLine)
        }
        buffer.append(contentsOf: chunk)
    }

    /// The next complete record, or nil when more bytes are needed (or, `atEnd`, when there are no more records).
    mutating func nextRecord(atEnd: Bool) -> Record? {
        let bytes = buffer
        return bytes.withUnsafeBufferPointer { scan($0, atEnd: atEnd) }
    }

    private mutating func scan(_ p: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Record? {
        let n = p.count
        var i = position
        while i < n {
            switch state {
            case .recordStart:
                let b = p[i]
                if b == Self.lf || b == Self.cr {
                    if b == Self.cr || !lastWasCR { line += 1 }
                    lastWasCR = b == Self.cr
                    i += 1
                    continue
                }
                lastWasCR = false
                recordStart = i
                recordLine = line
                fields = []
                fields.reserveCapacity(expectedFields)
                fieldCount = 0
                problem = nil
                state = .fieldStart
            case .fieldStart:
                if p[i] == Self.quote {
                    state = .quoted
                    escaped = false
                    i += 1
                    fieldStart = i
                } else {
                    state = .unquoted
                    fieldStart = i
                }
            case .unquoted:
                var j = i
                while j < n {
                    let b = p[j]
                    if b == delimiter || b == Self.cr || b == Self.lf { break }
                    j += 1
                }
                i = j
                guard j < n else { break }
                add(p, fieldStart..<j, quoted: false)
                i = j + 1
                if p[j] == delimiter {
                    state = .fieldStart
                } else {
                    line += 1
                    lastWasCR = p[j] == Self.cr
                    return finish(at: i)
                }
            case .quoted:
                var j = i
                while j < n {
                    let b = p[j]
                    if b == Self.quote { break }
                    if b == Self.lf {
                        if !lastWasCR { line += 1 }
                        lastWasCR = false
                    } else if b == Self.cr {
                        line += 1
                        lastWasCR = true
                    } else {
                        lastWasCR = false
                    }
                    j += 1
                }
                i = j
                guard j < n else { break }
                lastWasCR = false
                state = .quoteInQuoted
                i = j + 1
            case .quoteInQuoted:
                let b = p[i]
                if b == Self.quote {
                    escaped = true
                    state = .quoted
                    i += 1
                } else if b == delimiter || b == Self.cr || b == Self.lf {
                    add(p, fieldStart..<(i - 1), quoted: true)
                    i += 1
                    if b == delimiter {
                        state = .fieldStart
                    } else {
                        line += 1
                        lastWasCR = b == Self.cr
                        return finish(at: i)
                    }
                } else {
                    if problem == nil { problem = .textAfterQuote(field: fieldCount + 1) }
                    state = .unquoted
                }
            }
        }
        position = n
        guard atEnd else { return nil }
        switch state {
        case .recordStart: return nil
        case .fieldStart: add(p, n..<n, quoted: false)
        case .unquoted: add(p, fieldStart..<n, quoted: false)
        case .quoteInQuoted: add(p, fieldStart..<(n - 1), quoted: true)
        case .quoted:
            if problem == nil { problem = .unterminatedQuote }
            add(p, fieldStart..<n, quoted: false)
        }
        return finish(at: n)
    }

    /// Counts the field at `range` and keeps its text while the record has fewer than `maxFields`; past that its
    /// text is never made.
    private mutating func add(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, quoted: Bool) {
        fieldCount += 1
        guard fields.count < maxFields else { return }
        fields.append(quoted ? quotedText(p, range) : Self.text(p, range))
    }

    private mutating func finish(at index: Int) -> Record {
        position = index
        state = .recordStart
        expectedFields = max(expectedFields, fields.count)
        return Record(line: recordLine, fields: fields, fieldCount: fieldCount, problem: problem)
    }

    private static func text(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[range]), as: UTF8.self)
    }

    /// The content of a quoted field, with each doubled quote made single.
    private func quotedText(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        guard escaped else { return Self.text(p, range) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            bytes.append(p[i])
            i += p[i] == Self.quote ? 2 : 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
