import Foundation
import MokminBase
import Testing

/// JSON text written straight to bytes reads back as the same value.
@Suite struct JSONWritingTests {
    @Test func escapesNumbersAndNestingReadBackUnchanged() throws {
        let value = JSONValue.object([
            "한글 키": .string("따옴표 \" 역슬래시 \\ 줄\n바꿈\t탭 \u{01} 끝"),
            "numbers": .array([.number(0), .number(-7), .number(4029.3545), .number(1e-5), .number(1e20), .number(-0.5)]),
            "flags": .array([.bool(true), .bool(false), .null]),
            "empty": .object([:]),
        ])
        let bytes = value.jsonBytes
        #expect(String(decoding: bytes, as: UTF8.self).contains(#"\"#))
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        #expect(decoded == value)
        #expect(JSONValue.number(41).jsonBytes == Array("41".utf8))
        #expect(JSONValue.number(.nan).jsonBytes == Array("null".utf8))
        #expect(JSONValue.string("\u{1F}").jsonBytes == Array(#""\u001f""#.utf8))
    }
}
