/// What a column's name suggests about its values, for type inference.
struct ColumnNameHints: Sendable {
    var date = false
    var code = false
    var longitude = false
    var latitude = false

    /// Reads `name` case-insensitively, by Korean substrings and by ASCII words (split at anything but letters and
    /// digits), including the Korean public-data standard abbreviations (`_DE`/`_DT`/`_YMD` dates, `_CD` codes,
    /// `LO`/`LA` longitude and latitude, Seoul's `XCNTS`/`YDNTS`).
    init(_ name: String) {
        let lower = name.lowercased()
        let words = Set(lower.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init))
        func has(_ parts: [String]) -> Bool { parts.contains { lower.contains($0) } }
        date =
            has(["일자", "날짜", "기준일", "년월일", "연월일", "일시", "시각", "date", "time", "ymd"])
            || !words.isDisjoint(with: ["dt", "de", "day"])
        code = has(["코드", "code"]) || words.contains("cd") || lower.hasSuffix("cd")
        longitude = has(["경도", "x좌표", "longitude"]) || !words.isDisjoint(with: ["lon", "lng", "long", "lo", "x", "xcnts", "xcoord"])
        latitude = has(["위도", "y좌표", "latitude"]) || !words.isDisjoint(with: ["lat", "la", "y", "ydnts", "ycoord"])
    }
}
