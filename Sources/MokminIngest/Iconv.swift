#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A glibc iconv descriptor (to UTF-8 unless told otherwise), closed when the converter goes away.
final class IconvConverter {
    /// Why a conversion stopped before the end of its input.
    enum Stop: Equatable {
        /// Everything was converted.
        case done
        /// The input ends inside a multi-byte character (EINVAL): the rest must be carried over to the next chunk.
        case incomplete
        /// The input holds a byte sequence that is not valid in the source encoding (EILSEQ).
        case invalid
    }

    private let descriptor: iconv_t

    /// Opens a converter from `source` to `target` (iconv names such as `CP949`), or nil when iconv lacks them.
    init?(from source: String, to target: String = "UTF-8") {
        let descriptor = iconv_open(target, source)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
        self.descriptor = descriptor
    }

    deinit {
        iconv_close(descriptor)
    }

    /// Converts as much of `input` as it can, appending the result to `output`: how many input bytes were used and why
    /// it stopped.
    func convert(_ input: ArraySlice<UInt8>, into output: inout [UInt8]) -> (consumed: Int, stop: Stop) {
        guard !input.isEmpty else { return (0, .done) }
        var scratch = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var consumed = 0
        return input.withUnsafeBufferPointer { source in
            while true {
                let result = scratch.withUnsafeMutableBufferPointer { target -> (Int, Int, Int32) in
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: source.baseAddress! + consumed)
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = source.count - consumed
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(target.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = target.count
                    let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    let failure = status == -1 ? errno : 0
                    return (source.count - consumed - inLeft, target.count - outLeft, failure)
                }
                consumed += result.0
                output.append(contentsOf: scratch[0..<result.1])
                switch result.2 {
                case 0: return (consumed, .done)
                case E2BIG: continue
                case EINVAL: return (consumed, .incomplete)
                default: return (consumed, .invalid)
                }
            }
        }
    }
}

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
