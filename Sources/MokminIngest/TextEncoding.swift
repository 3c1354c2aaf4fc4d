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
