import Foundation

/// The y axis of a ``TimeSeriesChart``: from 0 to a round top in 4–6 equal steps of 1, 2, 2.5 or 5 × 10ᵏ.
struct ChartValueScale: Equatable {
    /// 1, 2, 2.5 or 5.
    let mantissa: Double
    /// The power of ten of the step.
    let exponent: Int
    /// The number of steps from 0 to the top (4–6).
    let intervals: Int

    /// The smallest scale whose top is at least `target` (1 when `target` is not a positive number).
    init(covering target: Double) {
        let target = target.isFinite && target > 0 ? min(target, 1e300) : 1
        var exponent = Int(log10(target).rounded(.down)) - 2
        while true {
            for mantissa in [1.0, 2, 2.5, 5] {
                let step = ChartValueScale.multiple(1, of: mantissa, exponent: exponent)
                let intervals = Int((target / step - 1e-9).rounded(.up))
                if intervals <= 6 {
                    (self.mantissa, self.exponent, self.intervals) = (mantissa, exponent, max(intervals, 4))
                    return
                }
            }
            exponent += 1
        }
    }

    /// The distance between gridlines.
    var step: Double { value(at: 1) }

    /// The value at the top of the axis.
    var top: Double { value(at: intervals) }

    /// The value of gridline `index` (0 at the bottom).
    func value(at index: Int) -> Double {
        ChartValueScale.multiple(index, of: mantissa, exponent: exponent)
    }

    /// Decimals that print every gridline value exactly: 0.005 steps print 0.000, 0.005, 0.010…; 10 steps print integers.
    var labelDecimals: Int {
        max(0, (mantissa == 2.5 ? 1 : 0) - exponent)
    }

    /// Decimals for a measured value: one more significant digit than the step, so 0.043 on a 0.01 scale and 38 on a 10 scale.
    var valueDecimals: Int {
        min(9, max(0, 1 - exponent))
    }

    /// The gridline label of `value`, with ``labelDecimals``.
    func label(_ value: Double) -> String {
        ChartValueScale.fixed(value, decimals: labelDecimals)
    }

    /// A measured value with up to ``valueDecimals`` decimals and no trailing zeros.
    func valueText(_ value: Double) -> String {
        var text = ChartValueScale.fixed(value, decimals: valueDecimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `count × mantissa × 10^exponent`, divided rather than multiplied by negative powers so 5 × 0.01 prints as 0.05.
    private static func multiple(_ count: Int, of mantissa: Double, exponent: Int) -> Double {
        let power = pow(10, Double(abs(exponent)))
        return exponent >= 0 ? Double(count) * mantissa * power : Double(count) * mantissa / power
    }

    /// `value` with exactly `decimals` decimals, rounded half away from zero, independent of the locale.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let decimals = min(max(decimals, 0), 9)
        let scale = (0..<decimals).reduce(Int64(1)) { result, _ in result * 10 }
        let scaled = (abs(value) * Double(scale)).rounded()
        guard scaled < 9e18 else { return String(value) }
        let units = Int64(scaled)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(units) }
        let fraction = String(units % scale)
        return "\(sign)\(units / scale).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
    }
}
