import Foundation

/// Counts distinct values by their 64-bit hashes: exactly up to a limit, then as a HyperLogLog estimate.
///
/// Up to `exactLimit` distinct hashes the hashes themselves are kept (an open-addressing table), so the count is
/// exact as long as different values have different hashes. One more, and they are folded into 2^14 one-byte
/// registers (HyperLogLog, precision 14, standard error about 0.8 %) and the table is dropped: memory stays bounded
/// whatever the number of values.
///
/// The static `hash` functions give the hashes. They are deterministic across runs and machines (unlike `Hasher`),
/// and numbers hash by value as SQLite compares them: `5` and `5.0` alike, `-0.0` as `0.0`.
public struct DistinctCounter: Sendable {
    /// The HyperLogLog precision: 2^14 registers.
    public static let precision = 14
    private static let registerCount = 1 << precision

    /// The number of distinct hashes counted exactly; beyond it the count is an estimate.
    public let exactLimit: Int
    /// The hashes seen, by open addressing (0 marks an empty slot; the hash 0 itself is `containsZero`).
    private var table: [UInt64]
    private var containsZero = false
    private var stored = 0
    /// The HyperLogLog registers, empty while counting exactly.
    private var registers: [UInt8] = []

    /// - Parameter exactLimit: how many distinct hashes are kept and counted exactly (at least 0).
    public init(exactLimit: Int = 65_536) {
        self.exactLimit = max(0, exactLimit)
        table = Array(repeating: 0, count: 16)
    }

    /// True once more than `exactLimit` distinct hashes were seen and ``count`` is a HyperLogLog estimate.
    public var isEstimate: Bool { !registers.isEmpty }

    /// The number of distinct hashes inserted: exact, or estimated (and then never below `exactLimit + 1`).
    public var count: Int {
        guard isEstimate else { return stored }
        let m = Double(Self.registerCount)
        var sum = 0.0
        var zeros = 0
        for r in registers {
            sum += Double(sign: .plus, exponent: -Int(r), significand: 1)
            if r == 0 { zeros += 1 }
        }
        var estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum
        if estimate <= 2.5 * m && zeros > 0 {
            // Small-range correction: linear counting over the empty registers.
            estimate = m * log(m / Double(zeros))
        }
        return max(exactLimit + 1, Int(estimate.rounded()))
    }

    /// Counts `hash` (once, however often it is inserted).
    public mutating func insert(_ hash: UInt64) {
        if isEstimate { return record(hash) }
        if hash == 0 {
            guard !containsZero else { return }
            containsZero = true
        } else {
            let mask = table.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let key = table[slot]
                if key == hash { return }
                if key == 0 { break }
                slot = (slot + 1) & mask
            }
            table[slot] = hash
        }
        stored += 1
        if stored > exactLimit {
            startEstimating()
        } else if stored * 2 > table.count {
            grow()
        }
    }

    /// Reads the slot (or register) that inserting `hash` will look at, so that callers can have the cache misses of
    /// several counters overlap before inserting; the result means nothing.
    @inline(__always)
    func touch(_ hash: UInt64) -> UInt64 {
        if isEstimate { return UInt64(registers[Int(truncatingIfNeeded: hash >> UInt64(64 - Self.precision))]) }
        return table[Int(truncatingIfNeeded: hash) & (table.count - 1)]
    }

    private mutating func grow() {
        let old = table
        table = Array(repeating: 0, count: old.count * 2)
        let mask = table.count - 1
        for key in old where key != 0 {
            var slot = Int(truncatingIfNeeded: key) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = key
        }
    }

    private mutating func startEstimating() {
        registers = Array(repeating: 0, count: Self.registerCount)
        for key in table where key != 0 { record(key) }
        if containsZero { record(0) }
        table = []
    }

    private mutating func record(_ hash: UInt64) {
        let index = Int(truncatingIfNeeded: hash >> UInt64(64 - Self.precision))
        let rest = hash << UInt64(Self.precision)
        let rank = UInt8(rest == 0 ? 64 - Self.precision + 1 : rest.leadingZeroBitCount + 1)
        if rank > registers[index] { registers[index] = rank }
    }
}

extension DistinctCounter {
    /// The hash of a number: its bit pattern (with `-0.0` as `0.0`) through a bijective 64-bit mixer, so that
    /// different numbers never share a hash.
    @inline(__always)
    public static func hash(_ number: Double) -> UInt64 {
        mix(number == 0 ? 0 : number.bitPattern)
    }

    /// The hash of an integer: that of the same number as a Double when the Double holds it exactly (so `5` and
    /// `5.0` hash alike), otherwise a hash of its own.
    @inline(__always)
    public static func hash(_ integer: Int64) -> UInt64 {
        let number = Double(integer)
        if integer.magnitude <= 1 << 53 || Int64(exactly: number) == integer { return hash(number) }
        return mix(mix(UInt64(bitPattern: integer)) ^ 0x243F_6A88_85A3_08D3)
    }

    /// The hash of a text's UTF-8 bytes (texts that differ by one byte differ, even when Unicode calls them
    /// equivalent), with a fixed seed.
    public static func hash(utf8 text: String) -> UInt64 {
        if let hash = text.utf8.withContiguousStorageIfAvailable(hash(bytes:)) { return hash }
        return Array(text.utf8).withUnsafeBufferPointer(hash(bytes:))
    }

    /// A 64-bit hash of `bytes` in the manner of wyhash (multiply-fold of 64-bit words with fixed secrets).
    public static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let s0: UInt64 = 0xA076_1D64_78BD_642F, s1: UInt64 = 0xE703_7ED1_A0B4_28DB, s2: UInt64 = 0x8EBC_6AF0_9C88_C6E3
        let n = bytes.count
        var seed = s0 ^ mum(UInt64(n) ^ s2, s1)
        guard n > 0, let start = bytes.baseAddress else { return mix(seed) }
        let p = UnsafeRawPointer(start)
        func word(_ offset: Int) -> UInt64 { UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        func half(_ offset: Int) -> UInt64 { UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) }
        var i = 0
        while n - i > 16 {
            seed = mum(word(i) ^ s1, word(i + 8) ^ seed)
            i += 16
        }
        let r = n - i
        let a: UInt64, b: UInt64
        if r >= 8 {
            a = word(i)
            b = word(n - 8)
        } else if r >= 4 {
            a = half(i) << 32 | half(n - 4)
            b = 0
        } else {
            a = UInt64(bytes[i]) << 16 | UInt64(bytes[i + r >> 1]) << 8 | UInt64(bytes[n - 1])
            b = 0
        }
        return mix(mum(s1 ^ UInt64(n), mum(a ^ s1, b ^ seed)))
    }

    /// The SplitMix64 finalizer (Stafford's variant 13): a bijection of 64-bit words with full avalanche.
    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    private static func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return high ^ low
    }
}
