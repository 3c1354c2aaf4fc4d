/// UTF-8 to CP949 with glibc's iconv, for writing files in the encoding Korean portals and Excel use.
public final class CP949Encoder {
    public struct Unrepresentable: Error {}
    private let converter: IconvConverter

    /// Opens the converter; throws when the C library lacks CP949.
    public init() throws {
        guard let converter = IconvConverter(from: "UTF-8", to: "CP949") else {
            throw ReadError(.unreadable, file: "CP949", ko: "CP949 변환을 쓸 수 없습니다", en: "CP949 conversion is not available")
        }
        self.converter = converter
    }

    /// The CP949 bytes of `text`; a character CP949 lacks becomes `?`.
    public func encode(_ text: String) -> [UInt8] {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var position = 0
        while position < input.count {
            let (consumed, stop) = converter.convert(input[position...], into: &output)
            position += consumed
            guard stop != .done, position < input.count else { break }
            // Skip the whole UTF-8 sequence that cannot be converted and write '?' instead.
            let lead = input[position]
            position += min(lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1, input.count - position)
            output.append(UInt8(ascii: "?"))
        }
        return output
    }

    /// The CP949 bytes of `text`; throws when it holds a character CP949 lacks.
    public static func encode(_ text: String) throws -> [UInt8] {
        guard let converter = IconvConverter(from: "UTF-8", to: "CP949") else { throw Unrepresentable() }
        var output: [UInt8] = []
        let (_, stop) = converter.convert(Array(text.utf8)[...], into: &output)
        guard stop == .done else { throw Unrepresentable() }
        return output
    }
}
