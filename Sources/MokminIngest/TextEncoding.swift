/// The text encodings a CSV or TSV file may be written in.
///
/// Korean portals mostly publish CP949 (Microsoft's extension of EUC-KR, so EUC-KR files read as CP949 too);
/// newer files are UTF-8, often with a byte order mark so that Excel opens them correctly.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8
    case cp949

    /// Reads the names people type: `utf-8`, `utf8`, `cp949`, `euc-kr`, `ms949`, `uhc` (case-insensitive).
    /// `auto` is not an encoding: the caller maps it to nil in ``ReaderOptions``.
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "cp949", "euc-kr", "euckr", "ms949", "uhc", "x-windows-949": self = .cp949
        default: return nil
        }
    }

    /// Detects the encoding from the first bytes of a file.
    ///
    /// A UTF-8 byte order mark means UTF-8; bytes that are valid UTF-8 mean UTF-8 (a multi-byte character cut off
    /// by the end of the prefix does not count against it); pure ASCII is UTF-8. Otherwise CP949, unless the bytes
    /// read as CP949 break down sooner than they do as UTF-8 (a UTF-8 file with one bad byte stays UTF-8, so that
    /// the error is reported where that byte is).
    public static func detect(_ prefix: some Collection<UInt8>) -> TextEncoding {
        let bytes = Array(prefix)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        let (offset, truncated) = UTF8Validation.scan(bytes[...])
        guard let utf8Reach = offset, !truncated else { return .utf8 }
        guard let converter = IconvConverter(from: "CP949") else { return .utf8 }
        var ignored: [UInt8] = []
        let (consumed, stop) = converter.convert(bytes[...], into: &ignored)
        let cp949Reach = stop == .invalid ? consumed : bytes.count
        return cp949Reach > utf8Reach ? .cp949 : .utf8
    }
}

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
