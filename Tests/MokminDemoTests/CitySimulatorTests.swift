import Foundation
import MokminBase
import MokminCore
import Testing

@testable import MokminDemo
@testable import MokminIngest

@Suite("City simulator")
struct CitySimulatorTests {
    let simulator = CitySimulator(seed: 2026)

    /// A local (Asia/Seoul) time on Tuesday 2026-07-28, or a later day.
    func at(_ hour: Int, _ minute: Int = 0, day: Int = 28) -> Date {
        let iso = "2026-07-\(LocalTime.pad(day))T\(LocalTime.pad(hour)):\(LocalTime.pad(minute)):00"
        return Date(timeIntervalSince1970: TimeInterval(LocalTime.epochSeconds(localISO: iso)!))
    }

    func air(_ date: Date) throws -> [FeedReading] {
        let result = try AirKoreaRealtimeFeed.parse(simulator.airKoreaResponse(at: date), stationLocations: SejongStations.locations)
        #expect(result.issues.isEmpty)
        return result.items
    }

    func speeds(_ date: Date) throws -> [String: Double] {
        let result = try TrafficSpeedFeed.parse(simulator.trafficResponse(at: date), linkLocations: SejongLinks.midpoints)
        #expect(result.issues.isEmpty)
        return Dictionary(uniqueKeysWithValues: result.items.filter { $0.metric == "speed" }.map { ($0.source, $0.value ?? .nan) })
    }

    @Test("The parsers read every hour of a day without issues, with locations and AirKorea's 24:00")
    func parsersReadTheSimulation() throws {
        for hour in 0..<24 {
            let readings = try air(at(hour, 20))
            #expect(readings.count == SejongStations.all.count * 7)
            #expect(readings.allSatisfy { $0.location != nil && $0.time == "2026-07-28T\(LocalTime.pad(hour)):00:00" })
            let traffic = try TrafficSpeedFeed.parse(simulator.trafficResponse(at: at(hour, 7)), linkLocations: SejongLinks.midpoints)
            #expect(traffic.issues.isEmpty && traffic.items.count == 2 * SejongLinks.all.count)
            #expect(traffic.items.allSatisfy { $0.location != nil && $0.time == "2026-07-28T\(LocalTime.pad(hour)):07:00" })
        }
        #expect(String(decoding: simulator.airKoreaResponse(at: at(0, 30)), as: UTF8.self).contains("\"2026-07-27 24:00\""))
        #expect(SejongStations.all.allSatisfy { (127.1...127.45).contains($0.location.lon) && (36.4...36.75).contains($0.location.lat) })
    }

    @Test("Rush hours are slower than the night on every link, and the morning peak is well below free flow")
    func rushHours() throws {
        let night = try speeds(at(3)), morning = try speeds(at(8)), evening = try speeds(at(18, 15))
        for link in SejongLinks.all {
            #expect(morning[link.id]! < night[link.id]! && evening[link.id]! < night[link.id]!, "\(link.id)")
        }
        let mean = { (speeds: [String: Double]) in speeds.values.reduce(0, +) / Double(speeds.count) }
        #expect(mean(morning) < 0.75 * mean(night))
    }

    @Test("The daily pollution episode raises PM2.5 above 35 at every station; the night is cleaner")
    func pollutionEpisode() throws {
        let peak = try air(at(simulator.episodeStartHour + 2, 30)).filter { $0.metric == "pm25" }
        let night = try air(at(4)).filter { $0.metric == "pm25" }
        #expect(peak.compactMap(\.value).count >= SejongStations.all.count - 1)
        #expect(peak.compactMap(\.value).allSatisfy { $0 > 35 })
        #expect(peak.contains { ($0.grade ?? 0) >= AirQualityGrade.bad.rawValue })
        let nightMean = night.compactMap(\.value).reduce(0, +) / Double(night.compactMap(\.value).count)
        #expect(nightMean < 35)
        #expect(
            simulator.isEpisodeHour(simulator.episodeStartHour) && !simulator.isEpisodeHour(simulator.episodeStartHour + CitySimulator.episodeHours))
    }

    @Test("Deterministic for (seed, minute): the same bytes within a minute, different bytes for another seed")
    func determinism() {
        #expect(simulator.trafficResponse(at: at(9, 5)) == CitySimulator(seed: 2026).trafficResponse(at: at(9, 5).addingTimeInterval(42)))
        #expect(simulator.airKoreaResponse(at: at(9, 5)) == simulator.airKoreaResponse(at: at(9, 55)))
        #expect(simulator.disasterResponse(at: at(9, 5)) == CitySimulator(seed: 2026).disasterResponse(at: at(9, 5)))
        #expect(simulator.trafficResponse(at: at(9, 5)) != simulator.trafficResponse(at: at(9, 6)))
        #expect(simulator.trafficResponse(at: at(9, 5)) != CitySimulator(seed: 7).trafficResponse(at: at(9, 5)))
    }

    @Test("Over a week every value stays in a physical range; gaps and flags are occasional")
    func physicalRanges() throws {
        let limits: [String: ClosedRange<Double>] = [
            "pm10": 1...600, "pm25": 1...500, "o3": 0...0.6, "no2": 0...0.3, "co": 0.1...5, "so2": 0.001...0.1, "khai": 0...500,
        ]
        var gaps = 0, total = 0
        for step in 0..<56 {
            let date = at(step * 3 % 24, 10, day: 28 + step / 8)
            for reading in try air(date) {
                total += 1
                if reading.value == nil { gaps += 1 }
                if let value = reading.value { #expect(limits[reading.metric]!.contains(value), "\(reading.series) \(value)") }
            }
            let traffic = try TrafficSpeedFeed.parse(simulator.trafficResponse(at: date)).items
            for reading in traffic {
                let value = try #require(reading.value)
                #expect(reading.metric == "speed" ? (5...90).contains(value) : (10...900).contains(value), "\(reading.series) \(value)")
            }
        }
        #expect(gaps > 0 && Double(gaps) < 0.05 * Double(total))
    }

    @Test("Disaster messages: a few a day, mostly 안전안내, some 긴급재난, all marked as simulation; the filter keeps Sejong's")
    func disasterMessages() throws {
        var all: [DisasterMessage] = []
        for day in 0..<14 {
            let date = at(23, 59, day: 1 + day)
            let result = try DisasterMessageFeed.parse(simulator.disasterResponse(at: date))
            #expect(result.issues.isEmpty)
            #expect(result.items.map(\.createdAt) == result.items.map(\.createdAt).sorted(by: >))
            all += result.items + (try DisasterMessageFeed.parse(simulator.disasterResponse(at: date.addingTimeInterval(-3600))).items)
        }
        let unique = DisasterMessage.deduplicated(all)
        #expect(unique.count < all.count)
        #expect(unique.allSatisfy { $0.text.hasPrefix("[시뮬레이션]") })
        let sejong = DisasterMessageFilter.forRegions(CitySimulator.servedRegions).filter(unique)
        #expect(sejong.count < unique.count)
        #expect(sejong.filter { $0.kind == "미세먼지" }.count == 14)
        let emergencies = unique.filter { $0.level == .emergency }.count
        #expect(emergencies > 0 && emergencies * 4 < unique.count)
        #expect(!unique.contains { $0.level == .extremeEmergency })
    }
}
