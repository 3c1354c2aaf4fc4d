import Foundation
import MokminBase
import MokminIngest

extension CitySimulator {
    /// How congested the city is at a local minute of the day (0…1439), 0 (empty roads) to about 1 (the morning
    /// peak at 08:00 on a weekday). Rush hours are 07–09 and 17–19; weekends have low peaks and a busier midday.
    static func congestion(minuteOfDay: Int, weekend: Bool) -> Double {
        let m = Double(minuteOfDay)
        let morning = dailyBell(m, centre: 8 * 60, width: 40, period: 1440)
        let evening = 0.9 * dailyBell(m, centre: 18 * 60 + 15, width: 55, period: 1440)
        let midday = 0.18 * dailyBell(m, centre: 12 * 60 + 30, width: 120, period: 1440)
        let daytime = (7 * 60..<21 * 60).contains(minuteOfDay) ? 0.1 : 0
        return weekend ? 0.35 * (morning + evening) + 1.2 * midday + daytime : morning + evening + midday + daytime
    }

    /// The simulated speed on `link` at the local minute numbered `minute` (minutes since 1970, local), km/h.
    func speed(_ link: SejongLinks.Link, minute: Int64) -> Double {
        let time = LocalTime(epochSeconds: minute * 60 - LocalTime.offsetSeconds)
        let congestion = Self.congestion(minuteOfDay: time.minuteOfDay, weekend: time.isWeekend)
        var speed = link.freeFlowSpeed * (1 - link.sensitivity * congestion)
        speed *= 1 + 0.06 * noise.smooth("flow-" + link.id, Double(minute) / 7) + 0.02 * noise.signed("jitter-" + link.id, minute)
        // An incident on about one link in ten a day: an hour between 10:00 and 16:00 at 35–50 % of the speed.
        let day = time.dayNumber
        if noise.unit("incident-" + link.id, day) < 0.1 {
            let start = 600 + Int(noise.unit("incident-start-" + link.id, day) * 300)
            if (start..<(start + 60)).contains(time.minuteOfDay) { speed *= 0.35 + 0.15 * noise.unit("incident-depth-" + link.id, day) }
        }
        return min(link.freeFlowSpeed * 1.1, max(5, speed))
    }

    /// A national ITS `trafficInfo` answer (JSON) for the minute containing `date`: one item per link of
    /// ``SejongLinks`` with speed (km/h), travel time (seconds) and `createdDate` `YYYYMMDDHHMMSS`.
    public func trafficResponse(at date: Date) -> Data {
        let time = LocalTime(date)
        let minute = time.dayNumber * 1440 + Int64(time.minuteOfDay)
        let created = time.isoDate.replacingOccurrences(of: "-", with: "") + LocalTime.pad(time.hour) + LocalTime.pad(time.minute) + "00"
        let items: [OrderedJSON] = SejongLinks.all.enumerated().map { index, link in
            let speed = (speed(link, minute: minute) * 10).rounded() / 10
            return .object([
                ("roadName", .string(link.roadName)), ("roadDrcType", .string("1")), ("linkNo", .string(String(index + 1))),
                ("linkId", .string(link.id)), ("startNodeId", .string(String(link.id.prefix(8)) + "01")),
                ("endNodeId", .string(String(link.id.prefix(8)) + "02")), ("speed", .string(Self.fixed(speed, 1))),
                ("travelTime", .string(Self.fixed(link.lengthMetres / (speed / 3.6), 1))), ("createdDate", .string(created)),
            ])
        }
        let body: OrderedJSON = .object([
            ("header", .object([("resultCode", .number("0")), ("resultMsg", .string("success"))])),
            ("body", .object([("totalCount", .number(String(items.count))), ("items", .array(items))])),
        ])
        return Data(body.jsonText.utf8)
    }
}
