/// A signed integer of any size: an `Int` while the value fits, limbs of 64 bits (least significant first) after.
///
/// Small enough for the rules' exact arithmetic: addition, subtraction, multiplication, division with remainder
/// (Knuth's algorithm D), the greatest common divisor, comparison and decimal text. Every result that fits an `Int`
/// is stored as one, so the common case costs one overflow check.
public struct BigInt: Sendable, Hashable, Comparable, CustomStringConvertible {
    enum Storage: Sendable, Hashable {
        case small(Int)
        /// Magnitude limbs, least significant first, no leading zero limb, never a value that fits an `Int`.
        case large(negative: Bool, limbs: [UInt64])
    }

    var storage: Storage

    public init(_ value: Int) { storage = .small(value) }

    init(negative: Bool, limbs: [UInt64]) {
        var limbs = limbs
        while let last = limbs.last, last == 0 { limbs.removeLast() }
        if limbs.isEmpty {
            storage = .small(0)
        } else if limbs.count == 1 {
            let m = limbs[0]
            if !negative && m <= UInt64(Int.max) {
                storage = .small(Int(m))
            } else if negative && m <= UInt64(Int.max) + 1 {
                storage = .small(m == UInt64(Int.max) + 1 ? Int.min : -Int(m))
            } else {
                storage = .large(negative: negative, limbs: limbs)
            }
        } else {
            storage = .large(negative: negative, limbs: limbs)
        }
    }

    /// The value parsed from decimal digits with an optional leading `-` or `+`; nil for anything else.
    public init?(_ text: Substring) {
        var digits = text.utf8[...]
        var negative = false
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if digits.count <= 18 {
            var v = 0
            for d in digits { v = v * 10 + Int(d - 48) }
            self.init(negative ? -v : v)
            return
        }
        var limbs: [UInt64] = [0]
        var chunk: UInt64 = 0
        var chunkLength = 0
        func flush(_ multiplier: UInt64, _ addend: UInt64) {
            var carry = addend
            for i in limbs.indices {
                let (hi, lo) = limbs[i].multipliedFullWidth(by: multiplier)
                let (sum, overflow) = lo.addingReportingOverflow(carry)
                limbs[i] = sum
                carry = hi &+ (overflow ? 1 : 0)
            }
            if carry != 0 { limbs.append(carry) }
        }
        var power: UInt64 = 1
        for d in digits {
            chunk = chunk * 10 + UInt64(d - 48)
            power *= 10
            chunkLength += 1
            if chunkLength == 19 {
                flush(power, chunk)
                chunk = 0
                power = 1
                chunkLength = 0
            }
        }
        if chunkLength > 0 { flush(power, chunk) }
        self.init(negative: negative, limbs: limbs)
    }

    public var isZero: Bool { if case .small(0) = storage { true } else { false } }

    public var isNegative: Bool {
        switch storage {
        case .small(let v): v < 0
        case .large(let negative, _): negative
        }
    }

    public var signum: Int {
        switch storage {
        case .small(let v): v.signum()
        case .large(let negative, _): negative ? -1 : 1
        }
    }

    /// The value as an `Int128` when it fits (the rules' fractions mostly do).
    var int128: Int128? {
        switch storage {
        case .small(let v): return Int128(v)
        case .large(let negative, let limbs):
            guard limbs.count == 2, limbs[1] >> 63 == 0 else { return nil }
            let m = Int128(limbs[1]) << 64 | Int128(limbs[0])
            return negative ? -m : m
        }
    }

    init(_ value: Int128) {
        if let v = Int(exactly: value) {
            self.init(v)
        } else {
            let m = value.magnitude
            self.init(negative: value < 0, limbs: [UInt64(truncatingIfNeeded: m), UInt64(truncatingIfNeeded: m >> 64)])
        }
    }

    /// The greatest common divisor of two 128-bit magnitudes (0 only when both are 0).
    static func gcd128(_ a: UInt128, _ b: UInt128) -> UInt128 {
        if a == 0 { return b }
        if b == 0 { return a }
        return binaryGCD128(a, b)
    }

    /// The value as an `Int` when it fits.
    public var intValue: Int? { if case .small(let v) = storage { v } else { nil } }

    var magnitude: [UInt64] {
        switch storage {
        case .small(let v): v == 0 ? [] : [UInt64(v.magnitude)]
        case .large(_, let limbs): limbs
        }
    }

    public var negated: BigInt {
        switch storage {
        case .small(let v): v == Int.min ? BigInt(negative: false, limbs: [UInt64(v.magnitude)]) : BigInt(-v)
        case .large(let negative, let limbs): BigInt(negative: !negative, limbs: limbs)
        }
    }

    public var absoluteValue: BigInt { isNegative ? negated : self }

    /// The nearest `Double` (to within a few units in the last place).
    public var doubleValue: Double {
        switch storage {
        case .small(let v): return Double(v)
        case .large(let negative, let limbs):
            // The top two limbs carry more than a Double's 53 bits; the rest only scale.
            let top = limbs.count - 1
            if top == 0 { return negative ? -Double(limbs[0]) : Double(limbs[0]) }
            var value = Double(limbs[top]) * 18446744073709551616.0 + Double(limbs[top - 1])
            value = value * pow2(64 * (top - 1))
            return negative ? -value : value
        }
    }

    /// The number of significant bits of the magnitude.
    var bitWidth: Int {
        let m = magnitude
        guard let last = m.last else { return 0 }
        return 64 * (m.count - 1) + (64 - last.leadingZeroBitCount)
    }

    public var description: String {
        switch storage {
        case .small(let v): return String(v)
        case .large(let negative, let limbs):
            var parts: [UInt64] = []
            var rest = limbs
            let chunk: UInt64 = 10_000_000_000_000_000_000
            while !rest.isEmpty {
                let r = BigInt.divideMagnitude(&rest, by: chunk)
                parts.append(r)
            }
            var text = negative ? "-" : ""
            text += String(parts.last!)
            for part in parts.dropLast().reversed() {
                let digits = String(part)
                text += String(repeating: "0", count: 19 - digits.count) + digits
            }
            return text
        }
    }

    // MARK: Comparison

    public static func < (a: BigInt, b: BigInt) -> Bool { compare(a, b) < 0 }

    static func compare(_ a: BigInt, _ b: BigInt) -> Int {
        if case .small(let x) = a.storage, case .small(let y) = b.storage { return x < y ? -1 : (x > y ? 1 : 0) }
        let sa = a.signum, sb = b.signum
        if sa != sb { return sa < sb ? -1 : 1 }
        let m = compareMagnitudes(a.magnitude, b.magnitude)
        return sa < 0 ? -m : m
    }

    static func compareMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        var i = a.count - 1
        while i >= 0 {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    // MARK: Arithmetic

    public static func + (a: BigInt, b: BigInt) -> BigInt {
        if case .small(let x) = a.storage, case .small(let y) = b.storage {
            let (s, o) = x.addingReportingOverflow(y)
            if !o { return BigInt(s) }
        }
        return signedAdd(a.isNegative, a.magnitude, b.isNegative, b.magnitude)
    }

    public static func - (a: BigInt, b: BigInt) -> BigInt {
        if case .small(let x) = a.storage, case .small(let y) = b.storage {
            let (s, o) = x.subtractingReportingOverflow(y)
            if !o { return BigInt(s) }
        }
        return signedAdd(a.isNegative, a.magnitude, !b.isNegative && !b.isZero, b.magnitude)
    }

    public static prefix func - (a: BigInt) -> BigInt { a.negated }

    public static func * (a: BigInt, b: BigInt) -> BigInt {
        if case .small(let x) = a.storage, case .small(let y) = b.storage {
            let (p, o) = x.multipliedReportingOverflow(by: y)
            if !o { return BigInt(p) }
        }
        if a.isZero || b.isZero { return BigInt(0) }
        return BigInt(negative: a.isNegative != b.isNegative, limbs: multiplyMagnitudes(a.magnitude, b.magnitude))
    }

    public static func += (a: inout BigInt, b: BigInt) { a = a + b }
    public static func -= (a: inout BigInt, b: BigInt) { a = a - b }
    public static func *= (a: inout BigInt, b: BigInt) { a = a * b }

    /// Truncating division (the quotient rounds toward zero; the remainder has the dividend's sign), as `Int`'s.
    public func quotientAndRemainder(dividingBy divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!divisor.isZero, "division by zero")
        if case .small(let x) = storage, case .small(let y) = divisor.storage, !(x == Int.min && y == -1) {
            return (BigInt(x / y), BigInt(x % y))
        }
        let (q, r) = BigInt.divideMagnitudes(magnitude, divisor.magnitude)
        return (BigInt(negative: isNegative != divisor.isNegative, limbs: q), BigInt(negative: isNegative, limbs: r))
    }

    public static func / (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).quotient }
    public static func % (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).remainder }

    /// The greatest common divisor of the magnitudes (0 only when both are 0).
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        if case .small(let u) = a.storage, case .small(let v) = b.storage, u != Int.min, v != Int.min {
            return BigInt(Int(gcdMagnitudes(u.magnitude, v.magnitude)))
        }
        if a.isZero { return b.absoluteValue }
        if b.isZero { return a.absoluteValue }
        // One operand in a machine word: one pass of single-limb division, then machine words.
        if case .small(let u) = a.storage, u != Int.min { return BigInt(Int(gcdMagnitudes(u.magnitude, remainder(b.magnitude, u.magnitude)))) }
        if case .small(let v) = b.storage, v != Int.min { return BigInt(Int(gcdMagnitudes(v.magnitude, remainder(a.magnitude, v.magnitude)))) }
        // One Euclid step brings numbers of different sizes together, then binary GCD works in place.
        var x = a.magnitude, y = b.magnitude
        if compareMagnitudes(x, y) < 0 { swap(&x, &y) }
        if x.count > y.count + 1 {
            x = divideMagnitudes(x, y).1
            if x.isEmpty { return BigInt(negative: false, limbs: y) }
        }
        return BigInt(negative: false, limbs: binaryGCD(x, y))
    }

    /// The remainder of a magnitude divided by one word.
    static func remainder(_ a: [UInt64], _ d: UInt) -> UInt {
        var r: UInt64 = 0
        var i = a.count - 1
        while i >= 0 {
            r = UInt64(d).dividingFullWidth((r, a[i])).remainder
            i -= 1
        }
        return UInt(r)
    }

    /// Stein's binary GCD on non-zero magnitudes, in place; in 128-bit words once both fit.
    static func binaryGCD(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        if a.count <= 2 && b.count <= 2 {
            let g = binaryGCD128(UInt128(a[0]) | (a.count > 1 ? UInt128(a[1]) << 64 : 0), UInt128(b[0]) | (b.count > 1 ? UInt128(b[1]) << 64 : 0))
            return g >> 64 == 0 ? [UInt64(g)] : [UInt64(truncatingIfNeeded: g), UInt64(g >> 64)]
        }
        var x = a, y = b
        let shift = Swift.min(trailingZeroBits(x), trailingZeroBits(y))
        shiftRightInPlace(&x, trailingZeroBits(x))
        while !y.isEmpty {
            shiftRightInPlace(&y, trailingZeroBits(y))
            if x.count <= 2 && y.count <= 2 {
                // Both odd and within 128 bits: finish in wide words.
                let g = binaryGCD128(UInt128(x[0]) | (x.count > 1 ? UInt128(x[1]) << 64 : 0), UInt128(y[0]) | (y.count > 1 ? UInt128(y[1]) << 64 : 0))
                x = g >> 64 == 0 ? [UInt64(g)] : [UInt64(truncatingIfNeeded: g), UInt64(g >> 64)]
                break
            }
            if compareMagnitudes(x, y) > 0 { swap(&x, &y) }
            subtractInPlace(&y, x)
        }
        return shiftLeft(x, shift)
    }

    static func binaryGCD128(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var u = a, v = b
        let shift = (u | v).trailingZeroBitCount
        u >>= u.trailingZeroBitCount
        while v != 0 {
            v >>= v.trailingZeroBitCount
            if u > v { swap(&u, &v) }
            v -= u
        }
        return u << shift
    }

    static func trailingZeroBits(_ a: [UInt64]) -> Int {
        var i = 0
        while a[i] == 0 { i += 1 }
        return 64 * i + a[i].trailingZeroBitCount
    }

    static func shiftRightInPlace(_ a: inout [UInt64], _ s: Int) {
        guard s > 0 else { return }
        let whole = s / 64, bits = UInt64(s % 64)
        if whole > 0 { a.removeFirst(whole) }
        if bits > 0 {
            for i in 0..<a.count { a[i] = a[i] >> bits | (i + 1 < a.count ? a[i + 1] << (64 - bits) : 0) }
        }
        while let last = a.last, last == 0 { a.removeLast() }
    }

    /// a -= b for a >= b, in place.
    static func subtractInPlace(_ a: inout [UInt64], _ b: [UInt64]) {
        var borrow: UInt64 = 0
        for i in 0..<a.count {
            if i >= b.count && borrow == 0 { break }
            let (d1, o1) = a[i].subtractingReportingOverflow(i < b.count ? b[i] : 0)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            a[i] = d2
            borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        while let last = a.last, last == 0 { a.removeLast() }
    }

    static func gcdMagnitudes(_ a: UInt, _ b: UInt) -> UInt {
        var x = a, y = b
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    // MARK: Magnitude helpers

    private static func signedAdd(_ negA: Bool, _ a: [UInt64], _ negB: Bool, _ b: [UInt64]) -> BigInt {
        if negA == negB { return BigInt(negative: negA, limbs: addMagnitudes(a, b)) }
        let c = compareMagnitudes(a, b)
        if c == 0 { return BigInt(0) }
        return c > 0 ? BigInt(negative: negA, limbs: subtractMagnitudes(a, b)) : BigInt(negative: negB, limbs: subtractMagnitudes(b, a))
    }

    static func addMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var result = long
        var carry: UInt64 = 0
        for i in 0..<long.count {
            let (s1, o1) = result[i].addingReportingOverflow(i < short.count ? short[i] : 0)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            result[i] = s2
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
            if carry == 0 && i >= short.count { break }
        }
        if carry != 0 { result.append(carry) }
        return result
    }

    /// a - b for a >= b.
    static func subtractMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result = a
        var borrow: UInt64 = 0
        for i in 0..<a.count {
            let (d1, o1) = result[i].subtractingReportingOverflow(i < b.count ? b[i] : 0)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            result[i] = d2
            borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
            if borrow == 0 && i >= b.count { break }
        }
        while let last = result.last, last == 0 { result.removeLast() }
        return result
    }

    static func multiplyMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result = [UInt64](repeating: 0, count: a.count + b.count)
        for i in 0..<a.count {
            var carry: UInt64 = 0
            let ai = a[i]
            if ai == 0 { continue }
            for j in 0..<b.count {
                let (hi, lo) = ai.multipliedFullWidth(by: b[j])
                let (s1, o1) = lo.addingReportingOverflow(result[i + j])
                let (s2, o2) = s1.addingReportingOverflow(carry)
                result[i + j] = s2
                carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            result[i + b.count] = carry
        }
        return result
    }

    /// Divides the magnitude in place by one limb and returns the remainder; strips leading zero limbs.
    static func divideMagnitude(_ a: inout [UInt64], by d: UInt64) -> UInt64 {
        var remainder: UInt64 = 0
        var i = a.count - 1
        while i >= 0 {
            let (q, r) = d.dividingFullWidth((remainder, a[i]))
            a[i] = q
            remainder = r
            i -= 1
        }
        while let last = a.last, last == 0 { a.removeLast() }
        return remainder
    }

    /// Knuth's algorithm D (TAOCP vol. 2, 4.3.1): quotient and remainder of magnitudes, b not zero.
    static func divideMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> ([UInt64], [UInt64]) {
        if compareMagnitudes(a, b) < 0 { return ([], a) }
        if b.count == 1 {
            var q = a
            let r = divideMagnitude(&q, by: b[0])
            return (q, r == 0 ? [] : [r])
        }
        let shift = b.last!.leadingZeroBitCount
        let v = shiftLeft(b, shift)
        var u = shiftLeft(a, shift)
        if u.count == a.count { u.append(0) }
        let n = v.count, m = u.count - n
        var q = [UInt64](repeating: 0, count: m)
        let vTop = v[n - 1], vNext = v[n - 2]
        var j = m - 1
        while j >= 0 {
            // Estimate the quotient digit from the top two limbs, then correct it at most twice.
            var qhat: UInt64
            var rhat: UInt64
            var rhatOverflow = false
            if u[j + n] >= vTop {
                // u[j+n] == vTop here (more is impossible): qhat = b - 1 and rhat = u[j+n-1] + vTop.
                qhat = UInt64.max
                (rhat, rhatOverflow) = u[j + n - 1].addingReportingOverflow(vTop)
            } else {
                (qhat, rhat) = vTop.dividingFullWidth((u[j + n], u[j + n - 1]))
            }
            while !rhatOverflow {
                let (phi, plo) = qhat.multipliedFullWidth(by: vNext)
                if phi > rhat || (phi == rhat && plo > u[j + n - 2]) {
                    qhat -= 1
                    (rhat, rhatOverflow) = rhat.addingReportingOverflow(vTop)
                } else {
                    break
                }
            }
            // Multiply and subtract.
            var borrow: UInt64 = 0
            var carry: UInt64 = 0
            for i in 0..<n {
                let (phi, plo) = qhat.multipliedFullWidth(by: v[i])
                let (p, o) = plo.addingReportingOverflow(carry)
                carry = phi &+ (o ? 1 : 0)
                let (d1, o1) = u[i + j].subtractingReportingOverflow(p)
                let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                u[i + j] = d2
                borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
            }
            let (d1, o1) = u[j + n].subtractingReportingOverflow(carry)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            u[j + n] = d2
            if o1 || o2 {
                // The estimate was one too large: add the divisor back.
                qhat -= 1
                var c: UInt64 = 0
                for i in 0..<n {
                    let (s1, oa) = u[i + j].addingReportingOverflow(v[i])
                    let (s2, ob) = s1.addingReportingOverflow(c)
                    u[i + j] = s2
                    c = (oa ? 1 : 0) + (ob ? 1 : 0)
                }
                u[j + n] = u[j + n] &+ c
            }
            q[j] = qhat
            j -= 1
        }
        var r = shiftRight(Array(u[0..<n]), shift)
        while let last = r.last, last == 0 { r.removeLast() }
        while let last = q.last, last == 0 { q.removeLast() }
        return (q, r)
    }

    static func shiftLeft(_ a: [UInt64], _ s: Int) -> [UInt64] {
        if s == 0 { return a }
        var result = [UInt64](repeating: 0, count: a.count + 1)
        for i in 0..<a.count {
            result[i] |= a[i] << UInt64(s)
            result[i + 1] = a[i] >> UInt64(64 - s)
        }
        while let last = result.last, last == 0 { result.removeLast() }
        return result
    }

    static func shiftRight(_ a: [UInt64], _ s: Int) -> [UInt64] {
        if s == 0 { return a }
        var result = a
        for i in 0..<a.count {
            result[i] = a[i] >> UInt64(s) | (i + 1 < a.count ? a[i + 1] << UInt64(64 - s) : 0)
        }
        return result
    }
}

/// 2^e for e >= 0, without Foundation.
func pow2(_ e: Int) -> Double {
    var result = 1.0
    var remaining = e
    while remaining >= 1000 {
        result *= 0x1p1000
        remaining -= 1000
    }
    return result * Double(sign: .plus, exponent: remaining, significand: 1)
}
