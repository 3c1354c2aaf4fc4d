import Foundation

extension SejongSynthetic {
    /// Living population (생활인구) in the Seoul layout (the 32 columns of ``LivingPopulationSample/header``: 기준일ID,
    /// 시간대구분, 행정동코드, 총생활인구수, then 남자0세부터9세생활인구수 … 여자70세이상생활인구수) for `days` days from
    /// `start` (`YYYYMMDD`), every 읍면동 × the 24 hours (`0`–`23`), rows ordered by day, hour and 행정동코드 (8 digits).
    ///
    /// The model, per 읍면동 with R residents, commute share c (0.34 in the new town, 0.20 in 조치원읍, 0.16 in the 면),
    /// daytime factor f (``Area/daytimeFactor``) and weekend factor w:
    /// - **Night**: the residents, R.
    /// - **Weekdays**: c·R commuters leave and (f − 1 + c)·R arrive, both times the hourly share at work (0 before 06h,
    ///   ramping up 07–09h, 1 from 10h to 17h, ramping down 18–21h), so that at 14h the population is f·R: the government
    ///   complex (도담동, f 1.85) and city hall (보람동) fill up while the dormitory 동 (고운동, 다정동, f 0.70) empty.
    /// - **Weekends**: families go out and visitors come in along a bell around 15h: 0.15·R leave and (w − 1 + 0.15)·R
    ///   arrive, so that at 15h the population is w·R (세종호수공원 and the arboretum in 연기면, w 3.5; 나성동's shops in
    ///   새롬동, 1.3). Public holidays are treated as weekdays.
    /// - **Age and sex**: residents follow their area's structure (new town: young families, many children and 30–44;
    ///   조치원읍: students 20–24 and older residents; 면: 60 and over the largest group). Those who leave and arrive on
    ///   weekdays are workers (25–59, 58% men); at weekends, families (children and 30–44, 48% men). No band at home drops
    ///   below a tenth of its residents.
    /// - **Noise**: each band ±4% per hour, each area ±2% drifting over hours.
    ///
    /// Values are decimals with four places and the 28 bands sum exactly to 총생활인구수. An invalid `start` or `days` < 1
    /// gives the header alone. The same seed gives the same text.
    public static func livingPopulationCSV(start: String, days: Int, seed: UInt64) -> String {
        var text = csvLine(LivingPopulationSample.header)
        guard days > 0, let first = dayNumber(start) else { return text }
        let noise = SimulationNoise(seed: seed)
        let ordered = areas.sorted { $0.code8 < $1.code8 }
        for day in first..<(first + Int64(days)) {
            let digits = dateDigits(day), weekend = [0, 6].contains(weekday(day))
            for hour in 0..<24 {
                for area in ordered {
                    let bands = populationBands(area, hour: day * 24 + Int64(hour), weekend: weekend, noise: noise)
                    text += csvLine([digits, String(hour), area.code8, fixed4(bands.reduce(0, +))] + bands.map(fixed4))
                }
            }
        }
        return text
    }

    /// The 28 bands (14 male then 14 female) in ten-thousandths of a person, for local hour number `hour` (days × 24 + h).
    static func populationBands(_ area: Area, hour: Int64, weekend: Bool, noise: SimulationNoise) -> [Int] {
        let h = Int(hour % 24), r = Double(area.residents)
        let resident = Profile.of(area.kind)
        let travel: [Double], leaving: Double, arriving: Double
        if weekend {
            let outing = dailyBell(Double(h), centre: 15, width: 2.6)
            travel = Profile.family
            leaving = r * 0.15 * outing
            arriving = r * max(0, area.weekendFactor - 1 + 0.15) * outing
        } else {
            travel = Profile.worker
            leaving = r * area.kind.commuteShare * Profile.atWork[h]
            arriving = r * max(0, area.daytimeFactor - 1 + area.kind.commuteShare) * Profile.atWork[h]
        }
        let drift = 1 + 0.02 * noise.smooth("lp-" + area.code8, Double(hour) / 5)
        return (0..<28).map { band in
            let home = max(r * resident[band] - leaving * travel[band], 0.1 * r * resident[band])
            let jitter = 1 + 0.04 * noise.signed("lp-\(area.code8)-\(band)", hour)
            return Int(((home + arriving * travel[band]) * jitter * drift * 10_000).rounded())
        }
    }

    /// Age-sex structures as shares of the 28 bands (14 age bands of men, then of women), each summing to 1.
    enum Profile {
        /// Share of commuters at their workplace for each hour of a weekday, 0–23.
        static let atWork: [Double] = [0, 0, 0, 0, 0, 0, 0.02, 0.2, 0.7, 0.95, 1, 1, 0.95, 1, 1, 1, 1, 0.95, 0.6, 0.3, 0.15, 0.05, 0, 0]

        /// Share of men in each age band of residents (0–9 … 70+).
        static let menShare = [0.51, 0.51, 0.52, 0.53, 0.51, 0.50, 0.50, 0.50, 0.51, 0.51, 0.50, 0.49, 0.47, 0.41]

        static let newTown = bands([17, 8, 6, 4, 5, 8, 11, 11, 8, 6, 5, 4, 3, 4], men: menShare)
        static let oldTown = bands([7, 4, 5, 11, 8, 6, 6, 6, 7, 8, 8, 8, 6, 10], men: menShare)
        static let rural = bands([5, 3, 4, 4, 4, 4, 5, 6, 7, 9, 10, 11, 10, 18], men: menShare)
        /// Commuters: working age only.
        static let worker = bands([0, 0, 0, 3, 12, 15, 16, 15, 13, 11, 9, 5, 1, 0], men: Array(repeating: 0.58, count: 14))
        /// Weekend visitors: families with children.
        static let family = bands([18, 8, 6, 6, 6, 9, 12, 11, 7, 5, 4, 3, 2, 3], men: Array(repeating: 0.48, count: 14))

        static func of(_ kind: Kind) -> [Double] {
            switch kind {
            case .newTown: newTown
            case .oldTown: oldTown
            case .rural: rural
            }
        }

        /// Age weights (any scale) and the men's share per age band → 28 shares summing to 1.
        private static func bands(_ ages: [Double], men: [Double]) -> [Double] {
            let total = ages.reduce(0, +)
            let shares = ages.map { $0 / total }
            return zip(shares, men).map { $0 * $1 } + zip(shares, men).map { $0 * (1 - $1) }
        }
    }
}
