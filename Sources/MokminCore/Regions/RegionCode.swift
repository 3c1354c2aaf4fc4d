public enum RegionCode {
    /// A code stripped of spaces and hyphens, or nil when anything but digits remains.
    public static func digits(_ raw: String) -> String? {
        if !raw.isEmpty, raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return raw }
        let cleaned = raw.filter { $0 != " " && $0 != "-" }
        guard !cleaned.isEmpty, cleaned.allSatisfy(\.isASCIIDigit) else { return nil }
        return cleaned
    }

    /// The 10-digit MOIS code a shorter MOIS code stands for (5 → 시군구, 2 → 시도, 8 → 읍면동), or nil.
    public static func expandMOIS(_ digits: String) -> String? {
        switch digits.count {
        case 10: digits
        case 8: digits + "00"
        case 5: digits + "00000"
        case 2: digits + "00000000"
        default: nil
        }
    }

    /// The parent's 10-digit code: 읍면동 → 시군구, 시군구 → 시도, 시도 → nil.
    public static func parent(of code: String) -> String? {
        switch RegionLevel.of(code: code) {
        case .emd: String(code.prefix(5)) + "00000"
        case .sgg: String(code.prefix(2)) + "00000000"
        case .sido, nil: nil
        }
    }

    /// Province codes that changed after the 2022 boundary files: new prefix → old prefix.
    ///
    /// 강원 `42` became `51` (강원특별자치도, 2023-06-11); 전북 `45` became `52` (전북특별자치도, 2024-01-18);
    /// 군위군 moved from 경북 to 대구 (`47720` became `27720`, 2023-07-01).
    static let renamedPrefixes: [(new: String, old: String)] = [("27720", "47720"), ("51", "42"), ("52", "45")]

    /// Dongs whose code changed with a new name: 홍천군 동면 `4272035000` became 영귀미면 `4272035200`.
    static let renamedCodes: [(old: String, new: String)] = [("4272035000", "4272035200")]

    /// The code as the 2021–2022 boundary files write it: province and dong renamings undone.
    public static func canonical(_ code: String) -> String {
        var c = code
        for (new, old) in renamedPrefixes where c.hasPrefix(new) {
            c = old + c.dropFirst(new.count)
            break
        }
        for (old, new) in renamedCodes where c == new { c = old }
        return c
    }

    /// Every 10-digit code that may denote the same area as `code`: the code itself first, then the codes it had
    /// or has under the renamings above, so that a lookup finds a region whichever vintage of code a file uses.
    public static func equivalents(of code: String) -> [String] {
        var result = [code]
        func add(_ c: String) { if !result.contains(c) { result.append(c) } }
        let base = canonical(code)
        var forms = [base]
        for (old, new) in renamedCodes where base == old { forms.append(new) }
        for form in forms {
            add(form)
            for (new, old) in renamedPrefixes where form.hasPrefix(old) { add(new + form.dropFirst(old.count)) }
        }
        return result
    }
}
