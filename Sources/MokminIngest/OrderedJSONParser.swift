import Foundation

/// A strict RFC 8259 parser producing ``OrderedJSON``, with the line and column of any syntax error.
///
/// It reads the bytes where they lie (a file's `Data` is not copied into an array first).
struct OrderedJSONParser {
    struct SyntaxError: Error {
        var line: Int
        var column: Int
        var expected: (ko: String, en: String)
    }

    /// Nesting deeper than this is refused, so that hostile input cannot exhaust the stack: the parser, the field
    /// text of a nested value and freeing it all recurse once per level. Real data nests a few levels (a GeoJSON
    /// MultiPolygon's coordinates sit eight deep); 64 levels fit in a 512 KB thread stack (Darwin's secondary and
    /// concurrency threads) even in a debug build, where 512 needed over 1 MB.
    static let maxDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0

    /// Parses a whole document (a UTF-8 byte order mark is skipped).
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> OrderedJSON {
        try bytes.withUnsafeBufferPointer { buffer in Result { () throws(SyntaxError) in try parse(buffer) } }.get()
    }

    /// Parses a whole document held in `data`, in place.
    static func parse(_ data: Data) throws(SyntaxError) -> OrderedJSON {
        try data.withUnsafeBytes { raw in Result { () throws(SyntaxError) in try parse(raw.bindMemory(to: UInt8.self)) } }.get()
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> OrderedJSON {
        var parser = OrderedJSONParser(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.i = 3 }
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.i == bytes.count else { throw parser.error("문서의 끝", "the end of the document") }
        return value
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private func error(_ ko: String, _ en: String) -> SyntaxError {
        var line = 1, lineStart = 0
        for (index, byte) in bytes[..<min(i, bytes.count)].enumerated() where byte == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<min(i, bytes.count)], as: UTF8.self).count + 1
        return SyntaxError(line: line, column: column, expected: (ko, en))
    }

    private mutating func skipWhitespace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func value() throws(SyntaxError) -> OrderedJSON {
        skipWhitespace()
        guard i < bytes.count else { throw error("값", "a value") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw error("\(Self.maxDepth)단계 이하의 중첩", "nesting of at most \(Self.maxDepth) levels") }
    }

    private mutating func object() throws(SyntaxError) -> OrderedJSON {
        try enter()
        i += 1
        var members: [(key: String, value: OrderedJSON)] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("따옴표로 묶인 키", "a quoted key") }
            let key = try string()
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("':'", "':'") }
            i += 1
            members.append((key, try value()))
            skipWhitespace()
            guard i < bytes.count else { throw error("',' 또는 '}'", "',' or '}'") }
            i += 1
            if bytes[i - 1] == UInt8(ascii: "}") { break }
            guard bytes[i - 1] == UInt8(ascii: ",") else { i -= 1; throw error("',' 또는 '}'", "',' or '}'") }
        }
        depth -= 1
        return .object(members)
    }

    private mutating func array() throws(SyntaxError) -> OrderedJSON {
        try enter()
        i += 1
        var values: [OrderedJSON] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return .array(values)
        }
        while true {
            values.append(try value())
            skipWhitespace()
            guard i < bytes.count else { throw error("',' 또는 ']'", "',' or ']'") }
            i += 1
            if bytes[i - 1] == UInt8(ascii: "]") { break }
            guard bytes[i - 1] == UInt8(ascii: ",") else { i -= 1; throw error("',' 또는 ']'", "',' or ']'") }
        }
        depth -= 1
        return .array(values)
    }

    private mutating func literal(_ word: String) throws(SyntaxError) {
        let utf8 = Array(word.utf8)
        guard bytes.count - i >= utf8.count, Array(bytes[i..<(i + utf8.count)]) == utf8 else { throw error("값", "a value") }
        i += utf8.count
    }

    private mutating func number() throws(SyntaxError) -> String {
        let start = i
        func digits(_ parser: inout OrderedJSONParser) -> Int {
            let from = parser.i
            while parser.i < parser.bytes.count, (0x30...0x39).contains(parser.bytes[parser.i]) { parser.i += 1 }
            return parser.i - from
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        let intDigits = digits(&self)
        guard intDigits > 0, !(intDigits > 1 && bytes[intStart] == UInt8(ascii: "0")) else { i = start; throw error("값", "a value") }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits(&self) > 0 else { throw error("소수점 뒤의 숫자", "digits after the decimal point") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(&self) > 0 else { throw error("지수의 숫자", "exponent digits") }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func string() throws(SyntaxError) -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw error("닫는 따옴표", "a closing quote") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw error("이스케이프된 제어 문자", "an escaped control character") }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { throw error("이스케이프 문자", "an escape character") }
            i += 2
            switch bytes[i - 1] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), bytes.count - i >= 6, bytes[i] == 0x5C, bytes[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    let low = try hex4()
                    scalar = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
            default: i -= 1; throw error("올바른 이스케이프(\\n, \\u0041 등)", "a valid escape (\\n, \\u0041, …)")
            }
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw error("UTF-8 문자열", "a UTF-8 string") }
        return text
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard bytes.count - i >= 4, let value = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else {
            throw error("16진수 네 자리", "four hex digits")
        }
        i += 4
        return value
    }
}
