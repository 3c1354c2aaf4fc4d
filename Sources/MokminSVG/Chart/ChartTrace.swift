/// The drawable part of one ``ChartSeries``: its points inside the window, cut into runs where the line breaks.
struct ChartTrace {
    let series: ChartSeries
    /// Unbroken runs of points that all have a finite value, in time order.
    let runs: [[(time: Double, value: Double)]]

    /// A time jump larger than this many median spacings breaks the line.
    static let gapFactor = 3.0

    /// Keeps the points with a finite time in `start`...`end` and breaks the line at missing values and long time jumps.
    init(series: ChartSeries, start: Double, end: Double) {
        self.series = series
        var points = series.points.filter { $0.time.isFinite && $0.time >= start && $0.time <= end }
        if zip(points, points.dropFirst()).contains(where: { $0.time > $1.time }) {
            points = points.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        }
        let spacing = ChartTrace.medianSpacing(points.map(\.time))
        var runs: [[(time: Double, value: Double)]] = []
        var current: [(time: Double, value: Double)] = []
        var previousTime: Double?
        for point in points {
            let jump = previousTime.map { point.time - $0 } ?? 0
            if let spacing, spacing > 0, jump > ChartTrace.gapFactor * spacing, !current.isEmpty {
                runs.append(current)
                current = []
            }
            previousTime = point.time
            if let value = point.value, value.isFinite {
                current.append((point.time, value))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        self.runs = runs
    }

    /// The last point with a value.
    var last: (time: Double, value: Double)? { runs.last?.last }

    /// The largest value drawn, if any.
    var maximum: Double? { runs.flatMap { $0.map(\.value) }.max() }

    /// The median of the positive differences between consecutive times, nil with fewer than two distinct times.
    static func medianSpacing(_ times: [Double]) -> Double? {
        let differences = zip(times, times.dropFirst()).map { $1 - $0 }.filter { $0 > 0 }.sorted()
        guard !differences.isEmpty else { return nil }
        let middle = differences.count / 2
        return differences.count % 2 == 1 ? differences[middle] : (differences[middle - 1] + differences[middle]) / 2
    }
}
