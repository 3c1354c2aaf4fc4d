import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts UTF-8 text to CP949 (the superset of EUC-KR that Korean Excel opens by default) with the C library's
/// iconv. Characters CP949 cannot hold become `?`.
final class CP949Encoder {
    private let handle: iconv_t

    init() throws {
        let h = iconv_open("CP949//TRANSLIT", "UTF-8")
        guard h != iconv_t(bitPattern: -1) else {
            throw CP949Error(message: "CP949 변환을 쓸 수 없습니다 / CP949 conversion is not available on this system")
        }
        handle = h!
    }

    deinit { iconv_close(handle) }

    /// Converts one piece of text (whole characters: call it per row).
    func encode(_ text: String) -> [UInt8] {
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var produced = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                while inLeft > 0 {
                    if iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) == -1 {
                        guard errno == EILSEQ, outLeft > 0 else { break }
                        // Skip the whole UTF-8 sequence that cannot be converted and write '?'.
                        let lead = UInt8(bitPattern: inPointer!.pointee)
                        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
                        let step = min(length, inLeft)
                        inPointer = inPointer! + step
                        inLeft -= step
                        outPointer!.pointee = CChar(UInt8(ascii: "?"))
                        outPointer = outPointer! + 1
                        outLeft -= 1
                    }
                }
                produced = outBuffer.count - outLeft
            }
        }
        return Array(output.prefix(produced))
    }
}

struct CP949Error: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
