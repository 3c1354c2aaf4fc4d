/// A UTF-8 validator that reports where the first bad sequence starts.
enum UTF8Validation {
    /// Scans `bytes`: the offset of the first sequence that is invalid or incomplete, and whether it is merely
    /// incomplete (a valid start cut off by the end of the bytes).
    static func scan(_ bytes: ArraySlice<UInt8>) -> (offset: Int?, truncated: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            let n = buffer.count
            while i < n {
                let b = buffer[i]
                if b < 0x80 {
                    i += 1
                    continue
                }
                let length: Int
                var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
                switch b {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; upper = 0x9F
                case 0xF0: length = 4; lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; upper = 0x8F
                default: return (i, false)
                }
                for k in 1..<length {
                    guard i + k < n else { return (i, true) }
                    let c = buffer[i + k]
                    let (lo, hi) = k == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
                    guard c >= lo && c <= hi else { return (i, false) }
                }
                i += length
            }
            return (nil, false)
        }
    }
}
