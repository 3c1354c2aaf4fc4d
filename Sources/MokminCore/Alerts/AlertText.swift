/// The words alert messages are made of: metric display names, units, grade names and numbers, Korean and English.
import MokminBase
public enum AlertText {
    /// The Korean and English display names of the metrics the feeds publish; another metric is shown as itself.
    static func metricName(_ metric: String) -> LocalizedText {
        switch metric {
        case "pm10": LocalizedText(ko: "미세먼지 PM10", en: "PM10")
        case "pm25": LocalizedText(ko: "초미세먼지 PM2.5", en: "PM2.5")
        case "o3": LocalizedText(ko: "오존", en: "ozone (O3)")
        case "no2": LocalizedText(ko: "이산화질소", en: "nitrogen dioxide (NO2)")
        case "co": LocalizedText(ko: "일산화탄소", en: "carbon monoxide (CO)")
        case "so2": LocalizedText(ko: "아황산가스", en: "sulfur dioxide (SO2)")
        case "khai": LocalizedText(ko: "통합대기환경지수", en: "air quality index (CAI)")
        case "speed": LocalizedText(ko: "속도", en: "speed")
        case "travelTime": LocalizedText(ko: "통행시간", en: "travel time")
        default: LocalizedText(ko: metric, en: metric)
        }
    }

    /// The unit of a metric (`µg/m³` for dust, `ppm` for gases, `km/h` for speed, `초` / `s` for travel time), or nil.
    static func unit(_ metric: String) -> LocalizedText? {
        switch metric {
        case "pm10", "pm25": LocalizedText(ko: "µg/m³", en: "µg/m³")
        case "o3", "no2", "co", "so2": LocalizedText(ko: "ppm", en: "ppm")
        case "speed": LocalizedText(ko: "km/h", en: "km/h")
        case "travelTime": LocalizedText(ko: "초", en: "s")
        default: nil
        }
    }

    /// 좋음, 보통, 나쁨, 매우나쁨 for grades 1…4; other numbers as `등급 n` / `grade n`.
    static func gradeName(_ grade: Int) -> LocalizedText {
        switch grade {
        case 1: LocalizedText(ko: "좋음", en: "Good")
        case 2: LocalizedText(ko: "보통", en: "Moderate")
        case 3: LocalizedText(ko: "나쁨", en: "Bad")
        case 4: LocalizedText(ko: "매우나쁨", en: "Very bad")
        default: LocalizedText(ko: "등급 \(grade)", en: "grade \(grade)")
        }
    }

    /// A number as people write it: whole numbers without a decimal point (`38`), others in their shortest form
    /// (`0.035`, `35.9`).
    public static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A number followed by its metric's unit, e.g. `38 µg/m³`, in both languages.
    static func quantity(_ value: Double, metric: String) -> LocalizedText {
        let text = number(value)
        guard let symbol = unit(metric) else { return LocalizedText(ko: text, en: text) }
        return LocalizedText(ko: "\(text) \(symbol.ko)", en: "\(text) \(symbol.en)")
    }

    /// `<source> <metric name>`, e.g. `아름동 초미세먼지 PM2.5` / `아름동 PM2.5`.
    static func subject(_ reading: FeedReading) -> LocalizedText {
        let metric = metricName(reading.metric.isEmpty ? lastSegment(reading.series) : reading.metric)
        let source = reading.source.isEmpty ? reading.series : reading.source
        return LocalizedText(ko: "\(source) \(metric.ko)", en: "\(source) \(metric.en)")
    }

    /// The text cut to `limit` characters, with `…` when it was longer, on one line.
    static func excerpt(_ text: String, limit: Int = 120) -> String {
        let line = trimmed(text.split(whereSeparator: \.isNewline).joined(separator: " "))
        return line.count <= limit ? line : String(line.prefix(limit)) + "…"
    }

    /// The text without leading and trailing whitespace.
    static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    private static func lastSegment(_ series: String) -> String {
        series.split(separator: "/").last.map(String.init) ?? series
    }
}
