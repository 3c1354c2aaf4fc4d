import Foundation
import MokminBase
import MokminCore
import MokminIngest

/// Generated files in the layout of Seoul's living-population data (서울 생활인구, 행정동 단위), for benchmarks.
public enum LivingPopulationSample: Sendable {
    /// The 14 age bands of the layout, as the column names spell them.
    static let ageBands = [
        "0세부터9세", "10세부터14세", "15세부터19세", "20세부터24세", "25세부터29세", "30세부터34세", "35세부터39세",
        "40세부터44세", "45세부터49세", "50세부터54세", "55세부터59세", "60세부터64세", "65세부터69세", "70세이상",
    ]

    /// The 32 column names: 기준일ID, 시간대구분, 행정동코드, 총생활인구수, then 14 male and 14 female bands
    /// (남자0세부터9세생활인구수 … 여자70세이상생활인구수).
    public static let header: [String] =
        ["기준일ID", "시간대구분", "행정동코드", "총생활인구수"]
        + ageBands.map { "남자\($0)생활인구수" } + ageBands.map { "여자\($0)생활인구수" }

    /// Writes `rows` data rows after the header, streaming (flat memory), in `encoding` (CP949 as the portal
    /// publishes it, or UTF-8 without a byte order mark). Rows walk through days from 2026-07-01, the 24 hours
    /// (`0`–`23`) and `dongCodes` (8-digit codes as the portal writes them); populations are decimals with four
    /// places, the bands summing to the total. The same seed writes the same file.
    public static func writeCSV(to url: URL, rows: Int, dongCodes: [String], encoding: TextEncoding, seed: UInt64) throws {
        guard !dongCodes.isEmpty else {
            throw MokminError(.invalidInput, ko: "행정동코드가 하나 이상 필요합니다", en: "at least one dong code is needed")
        }
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var random = SampleRandom(seed: seed)
        var text = header.joined(separator: ",") + "\r\n"
        let start = LocalTime.Day(year: 2026, month: 7, day: 1)!
        var day = start, dayDigits = "20260701"
        var bands = [Int](repeating: 0, count: 28)
        for row in 0..<rows {
            let hour = (row / dongCodes.count) % 24
            if row > 0 && row % (dongCodes.count * 24) == 0 {
                day = day.next
                dayDigits = day.iso.replacingOccurrences(of: "-", with: "")
            }
            var total = 0
            for band in bands.indices {
                bands[band] = Int(random.next() % 2_000_000)
                total += bands[band]
            }
            text += dayDigits + "," + String(hour) + "," + dongCodes[row % dongCodes.count] + "," + fixed4(total)
            for value in bands { text += "," + fixed4(value) }
            text += "\r\n"
            if text.utf8.count >= 256 * 1024 {
                try handle.write(contentsOf: try encode(text, encoding))
                text = ""
            }
        }
        try handle.write(contentsOf: try encode(text, encoding))
    }

    /// A count in ten-thousandths as a decimal with four places (`12345` → `1.2345`).
    private static func fixed4(_ tenThousandths: Int) -> String {
        let fraction = String(tenThousandths % 10_000)
        return String(tenThousandths / 10_000) + "." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    private static func encode(_ text: String, _ encoding: TextEncoding) throws -> Data {
        switch encoding {
        case .utf8: return Data(text.utf8)
        case .cp949: return Data(try CP949Encoder.encode(text))
        }
    }
}

/// SplitMix64, so that a seed always gives the same file.
struct SampleRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
