import Foundation
import MokminBase
import MokminCore
import MokminIngest

/// A simulated Sejong (세종특별자치시) for `serve --demo` and tests: it answers like the real feeds — AirKorea's
/// `getCtprvnRltmMesureDnsty`, the national ITS `trafficInfo` and the safety data portal's `DSSP-IF-00247` — so that
/// the demo runs the same parsers as production.
///
/// **Everything it produces is a simulation (시뮬레이션)**: no value is a measurement, and every simulated disaster
/// message starts with `[시뮬레이션]`; a board showing these values must say so.
///
/// The city has daily cycles (morning and evening peaks of traffic and of NO2/CO/particulates, an afternoon ozone
/// peak), weather that drifts over hours, one pollution episode a day (PM2.5 rising to 나쁨 or 매우나쁨 for
/// ``episodeHours`` hours from ``episodeStartHour``), rush hours (07–09 and 17–19, milder at weekends), occasional
/// daytime incidents on a link, occasional missing (`-`) and flagged values, and a few disaster messages a day
/// (mostly 안전안내, rarely 긴급재난, some for neighbouring cities so that the region filter has work to do).
///
/// Every value depends only on the seed and the instant (to the minute; air quality to the hour), never on earlier
/// calls, so any instant — past or future — can be asked for, for instance to fill a day of history at start.
/// Times are Korean local time, written in each format's own way (`24:00` for AirKorea's midnight).
public struct CitySimulator: Sendable {
    public let seed: UInt64
    let noise: SimulationNoise

    /// How many hours the daily pollution episode lasts.
    public static let episodeHours = 5
    /// The region names to give ``DisasterMessageFilter/forRegions(_:)`` for the simulated city.
    public static let servedRegions = ["세종특별자치시"]

    public init(seed: UInt64 = 2026) {
        self.seed = seed
        noise = SimulationNoise(seed: seed)
    }

    /// The local hour (11…15) at which the daily pollution episode starts; it is the same every day for a seed.
    public var episodeStartHour: Int { 11 + Int(noise.unit("episode-start", 0) * 5) }

    /// Whether the local hour `hourOfDay` (0…23) is inside the pollution episode.
    public func isEpisodeHour(_ hourOfDay: Int) -> Bool {
        (episodeStartHour..<(episodeStartHour + Self.episodeHours)).contains(hourOfDay)
    }

    // MARK: Air quality

    /// Pollutant concentrations at one station for one hour.
    struct AirSample {
        var pm10: Double, pm25: Double, o3: Double, no2: Double, co: Double, so2: Double
    }

    /// The simulated concentrations at `station` for the hour numbered `hour` (local hours since 1970).
    func air(_ station: SejongStations.Station, hour: Int64) -> AirSample {
        let hourOfDay = Double(((hour % 24) + 24) % 24)
        let weekend = LocalTime(epochSeconds: hour * 3600 - LocalTime.offsetSeconds).isWeekend
        let weather = exp(0.35 * noise.smooth("weather", Double(hour) / 6))
        let local = 1 + 0.1 * noise.smooth("air-" + station.name, Double(hour) / 3)
        let traffic = (weekend ? 0.5 : 1) * (dailyBell(hourOfDay, centre: 8, width: 1.5) + dailyBell(hourOfDay, centre: 19.5, width: 2))
        let cycle =
            1 + 0.45 * dailyBell(hourOfDay, centre: 8, width: 1.6) + 0.35 * dailyBell(hourOfDay, centre: 20.5, width: 2.2)
            - 0.2 * dailyBell(hourOfDay, centre: 14, width: 3)
        var pm25 = 16 * cycle * weather * local * station.pollutionFactor * (1 + 0.08 * noise.signed("pm25-" + station.name, hour))
        let sinceStart = Int(hourOfDay) - episodeStartHour
        if sinceStart >= 0 && sinceStart < Self.episodeHours {
            pm25 += 55 * station.episodeFactor * sin(Double.pi * Double(sinceStart + 1) / Double(Self.episodeHours + 1))
        }
        let ratio = 1.7 + 0.25 * noise.signed("pm-ratio-" + station.name, hour)
        let pm10 = pm25 * ratio + 8 * (1 + 0.5 * noise.smooth("wind", Double(hour) / 4))
        let sun = 1 + 0.3 * noise.smooth("sun", Double(hour) / 8)
        let o3 = 0.012 + 0.040 * dailyBell(hourOfDay, centre: 15, width: 2.8) * sun + 0.004 * noise.signed("o3-" + station.name, hour)
        let no2 = 0.008 + 0.018 * traffic * station.pollutionFactor + 0.003 * noise.signed("no2-" + station.name, hour)
        let co = 0.3 + 0.25 * traffic + 0.05 * noise.signed("co-" + station.name, hour)
        let so2 = 0.0025 + 0.001 * noise.signed("so2-" + station.name, hour)
        return AirSample(pm10: max(1, pm10), pm25: max(1, pm25), o3: max(0.002, o3), no2: max(0.002, no2), co: max(0.1, co), so2: max(0.001, so2))
    }

    /// An AirKorea `getCtprvnRltmMesureDnsty` answer (JSON, ver 1.3 fields) for the hour containing `date`: one item
    /// per station of ``SejongStations``, `dataTime` the hour as AirKorea writes it (`2026-07-28 24:00` for midnight).
    public func airKoreaResponse(at date: Date) -> Data {
        let time = LocalTime(date)
        let hour = time.dayNumber * 24 + Int64(time.hour)
        let dataTime = Self.airKoreaTime(time)
        let items = SejongStations.all.map { airItem($0, hour: hour, dataTime: dataTime) }
        let body: OrderedJSON = .object([
            (
                "response",
                .object([
                    (
                        "body",
                        .object([
                            ("totalCount", .number(String(items.count))), ("items", .array(items)), ("pageNo", .number("1")),
                            ("numOfRows", .number("100")),
                        ])
                    ),
                    ("header", .object([("resultMsg", .string("NORMAL_CODE")), ("resultCode", .string("00"))])),
                ])
            )
        ])
        return Data(body.jsonText.utf8)
    }

    private func airItem(_ station: SejongStations.Station, hour: Int64, dataTime: String) -> OrderedJSON {
        let now = air(station, hour: hour)
        let day = (0..<24).map { air(station, hour: hour - Int64($0)) }
        let pm10Day = day.map(\.pm10).reduce(0, +) / 24, pm25Day = day.map(\.pm25).reduce(0, +) / 24
        var fields: [(key: String, value: OrderedJSON)] = [
            ("stationName", .string(station.name)), ("mangName", .string(station.network)), ("sidoName", .string("세종")),
            ("dataTime", .string(dataTime)),
        ]
        let values: [(metric: String, value: Double, text: String)] = [
            ("so2", now.so2, Self.fixed(now.so2, 3)), ("co", now.co, Self.fixed(now.co, 1)), ("o3", now.o3, Self.fixed(now.o3, 3)),
            ("no2", now.no2, Self.fixed(now.no2, 3)), ("pm10", now.pm10, Self.fixed(now.pm10, 0)), ("pm25", now.pm25, Self.fixed(now.pm25, 0)),
        ]
        var shown: [String: (text: String, flag: String?)] = [:]
        for entry in values {
            let u = noise.unit("gap-\(station.name)-\(entry.metric)", hour)
            shown[entry.metric] = u < 0.015 ? ("-", nil) : u < 0.025 ? (entry.text, u < 0.02 ? "점검및교정" : "통신장애") : (entry.text, nil)
        }
        func grade(_ metric: String, _ value: Double) -> OrderedJSON {
            shown[metric]?.text == "-" ? .string("") : .string(AirQualityGrade.grade(metric: metric, value: value).map { String($0.rawValue) } ?? "")
        }
        let subIndices = [("pm10", pm10Day), ("pm25", pm25Day), ("o3", now.o3), ("no2", now.no2), ("co", now.co), ("so2", now.so2)]
            .compactMap { AirQualityGrade.subIndex(metric: $0.0, value: $0.1) }
        let khai = Double(subIndices.max() ?? 0)
        for entry in values {
            fields.append((entry.metric + "Value", .string(shown[entry.metric]?.text ?? "-")))
            if entry.metric == "pm10" { fields.append(("pm10Value24", .string(Self.fixed(pm10Day, 0)))) }
            if entry.metric == "pm25" { fields.append(("pm25Value24", .string(Self.fixed(pm25Day, 0)))) }
        }
        fields.append(("khaiValue", .string(Self.fixed(khai, 0))))
        fields.append(("khaiGrade", .string(AirQualityGrade.grade(metric: "khai", value: khai).map { String($0.rawValue) } ?? "")))
        for entry in values where entry.metric != "pm10" && entry.metric != "pm25" {
            fields.append((entry.metric + "Grade", grade(entry.metric, entry.value)))
        }
        fields.append(("pm10Grade", grade("pm10", pm10Day)))
        fields.append(("pm25Grade", grade("pm25", pm25Day)))
        fields.append(("pm10Grade1h", grade("pm10", now.pm10)))
        fields.append(("pm25Grade1h", grade("pm25", now.pm25)))
        for entry in values { fields.append((entry.metric + "Flag", shown[entry.metric]?.flag.map(OrderedJSON.string) ?? .null)) }
        return .object(fields)
    }

    /// `YYYY-MM-DD HH:00`, with midnight as the previous day's `24:00` as AirKorea writes it.
    static func airKoreaTime(_ time: LocalTime) -> String {
        guard time.hour == 0 else { return time.isoDate + " " + LocalTime.pad(time.hour) + ":00" }
        return LocalTime(epochSeconds: (time.dayNumber - 1) * 86400 - LocalTime.offsetSeconds).isoDate + " 24:00"
    }

    /// The value with `places` decimals, as the feeds write numbers.
    static func fixed(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }
}
