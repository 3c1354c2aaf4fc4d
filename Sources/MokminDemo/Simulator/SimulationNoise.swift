import Foundation

/// Stateless, seeded noise: the same (seed, key, index) always gives the same number, on every machine, so that a
/// simulated value depends only on the seed and the instant. Numbers come from one step of SplitMix64
/// (``SampleRandom``) seeded with the seed, the key and the index; Swift's `Hasher` is randomised per process, so
/// keys are hashed with FNV-1a instead.
struct SimulationNoise: Sendable {
    let seed: UInt64

    /// FNV-1a of the key's UTF-8 bytes.
    static func key(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// A number in [0, 1) for a key and an index (a minute, an hour, a day).
    func unit(_ key: String, _ index: Int64) -> Double {
        var scrambledIndex = SampleRandom(seed: UInt64(bitPattern: index))
        var generator = SampleRandom(seed: seed ^ Self.key(key) ^ scrambledIndex.next())
        return Double(generator.next() >> 11) * 0x1p-53
    }

    /// A number in [-1, 1) for a key and an index.
    func signed(_ key: String, _ index: Int64) -> Double { unit(key, index) * 2 - 1 }

    /// Noise in [-1, 1) that changes smoothly with `t` (cosine interpolation between independent values at whole t).
    func smooth(_ key: String, _ t: Double) -> Double {
        let base = t.rounded(.down)
        let a = signed(key, Int64(base)), b = signed(key, Int64(base) + 1)
        let w = (1 - cos((t - base) * .pi)) / 2
        return a + (b - a) * w
    }
}

/// A bell around `centre` on a 24-hour (or 1440-minute) circle, 1 at the centre.
func dailyBell(_ x: Double, centre: Double, width: Double, period: Double = 24) -> Double {
    var d = abs(x - centre).truncatingRemainder(dividingBy: period)
    d = min(d, period - d)
    return exp(-(d * d) / (2 * width * width))
}
