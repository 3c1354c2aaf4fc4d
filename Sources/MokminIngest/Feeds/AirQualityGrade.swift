/// The four Korean air-quality grades (대기질 등급), with their official bands and colours.
///
/// Bands (환경부 대기환경기준 예보 등급 and 통합대기환경지수, as AirKorea publishes them): a value at most a band's
/// upper bound is in that band, so PM10 30 is 좋음 and 31 is 보통.
///
/// | metric | 좋음 | 보통 | 나쁨 | 매우나쁨 |
/// |---|---|---|---|---|
/// | PM10 µg/m³ | 0–30 | 31–80 | 81–150 | 151+ |
/// | PM2.5 µg/m³ | 0–15 | 16–35 | 36–75 | 76+ |
/// | O3 ppm | 0–0.030 | –0.090 | –0.150 | 0.151+ |
/// | NO2 ppm | 0–0.030 | –0.060 | –0.200 | 0.201+ |
/// | CO ppm | 0–2.00 | –9.00 | –15.00 | 15.01+ |
/// | SO2 ppm | 0–0.020 | –0.050 | –0.150 | 0.151+ |
/// | KHAI (CAI) | 0–50 | 51–100 | 101–250 | 251+ |
///
/// Colours: the AirKorea (에어코리아, airkorea.or.kr) legend palette as adopted for the board in issue 4 —
/// 좋음 blue `#2359C4`, 보통 green `#01B56E`, 나쁨 yellow-orange `#F5C441`, 매우나쁨 red `#DA3539`.
public enum AirQualityGrade: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case good = 1
    case moderate = 2
    case bad = 3
    case veryBad = 4

    /// 좋음, 보통, 나쁨, 매우나쁨.
    public var koreanName: String {
        switch self {
        case .good: "좋음"
        case .moderate: "보통"
        case .bad: "나쁨"
        case .veryBad: "매우나쁨"
        }
    }

    /// Good, Moderate, Bad, Very bad.
    public var englishName: String {
        switch self {
        case .good: "Good"
        case .moderate: "Moderate"
        case .bad: "Bad"
        case .veryBad: "Very bad"
        }
    }

    /// The grade's colour as `#RRGGBB` (see the type's documentation for the source).
    public var colorHex: String {
        switch self {
        case .good: "#2359C4"
        case .moderate: "#01B56E"
        case .bad: "#F5C441"
        case .veryBad: "#DA3539"
        }
    }

    public static func < (lhs: AirQualityGrade, rhs: AirQualityGrade) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The upper bounds of 좋음, 보통 and 나쁨 for each metric the type knows.
    static let upperBounds: [String: (Double, Double, Double)] = [
        "pm10": (30, 80, 150),
        "pm25": (15, 35, 75),
        "o3": (0.030, 0.090, 0.150),
        "no2": (0.030, 0.060, 0.200),
        "co": (2.00, 9.00, 15.00),
        "so2": (0.020, 0.050, 0.150),
        "khai": (50, 100, 250),
    ]

    /// The concentration at which the index reaches 500, per metric.
    private static let indexTops: [String: Double] = ["pm10": 600, "pm25": 500, "o3": 0.6, "no2": 2.0, "co": 50, "so2": 1.0]

    /// The metrics with official bands: `pm10`, `pm25`, `o3`, `no2`, `co`, `so2`, `khai`.
    public static var gradedMetrics: [String] { ["pm10", "pm25", "o3", "no2", "co", "so2", "khai"] }

    /// The grade of `value` for `metric` (one of ``gradedMetrics``), or nil for another metric or a value that is
    /// negative or not finite.
    public static func grade(metric: String, value: Double) -> AirQualityGrade? {
        guard let bounds = upperBounds[metric], value.isFinite, value >= 0 else { return nil }
        if value <= bounds.0 { return .good }
        if value <= bounds.1 { return .moderate }
        if value <= bounds.2 { return .bad }
        return .veryBad
    }

    /// The values of one grade for `metric`, from the upper bound of the grade below to its own upper bound (매우나쁨
    /// reaches to the top of the index scale), for drawing the bands behind a chart; nil for an unknown metric.
    public static func band(metric: String, grade: AirQualityGrade) -> ClosedRange<Double>? {
        guard let b = upperBounds[metric] else { return nil }
        let top = indexTops[metric] ?? b.2 * 2
        switch grade {
        case .good: return 0...b.0
        case .moderate: return b.0...b.1
        case .bad: return b.1...b.2
        case .veryBad: return b.2...top
        }
    }

    /// The grade of a PM10 concentration in µg/m³ (0–30, 31–80, 81–150, 151+).
    public static func pm10(_ microgramsPerCubicMetre: Double) -> AirQualityGrade? {
        grade(metric: "pm10", value: microgramsPerCubicMetre)
    }

    /// The grade of a PM2.5 concentration in µg/m³ (0–15, 16–35, 36–75, 76+).
    public static func pm25(_ microgramsPerCubicMetre: Double) -> AirQualityGrade? {
        grade(metric: "pm25", value: microgramsPerCubicMetre)
    }

    /// The grade a feed writes as text (`"1"` … `"4"`), or nil for anything else.
    public init?(code: String) {
        guard let number = Int(code.trimmingCharacters(in: .whitespaces)), let grade = AirQualityGrade(rawValue: number) else { return nil }
        self = grade
    }

    /// The Comprehensive Air-quality Index (통합대기환경지수) sub-index of a concentration: linear within each band,
    /// mapping 좋음 to 0–50, 보통 to 51–100, 나쁨 to 101–250 and 매우나쁨 to 251–500 (capped at 500).
    public static func subIndex(metric: String, value: Double) -> Int? {
        guard metric != "khai", let bounds = upperBounds[metric], value.isFinite, value >= 0 else { return nil }
        let top = indexTops[metric] ?? bounds.2
        let bands: [(low: Double, high: Double, iLow: Double, iHigh: Double)] = [
            (0, bounds.0, 0, 50), (bounds.0, bounds.1, 51, 100), (bounds.1, bounds.2, 101, 250), (bounds.2, top, 251, 500),
        ]
        for band in bands where value <= band.high {
            let share = band.high > band.low ? (value - band.low) / (band.high - band.low) : 0
            return Int((band.iLow + share * (band.iHigh - band.iLow)).rounded())
        }
        return 500
    }
}
