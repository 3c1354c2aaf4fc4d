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
