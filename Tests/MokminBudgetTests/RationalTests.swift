import MokminBudget
import Testing

/// The exact arithmetic under the rules: BigInt against identities that must hold, Rational against known values.
@Suite struct RationalTests {
    /// A seeded generator so a failure repeats.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func bigInt(limbs: Int) -> BigInt {
            var text = String(next() % 9 + 1)
            for _ in 0..<limbs { text += String(next() % 10_000_000_000_000_000) }
            return BigInt(Substring(next() % 2 == 0 ? text : "-" + text))!
        }
    }

    @Test func factorialAndPowersPrintExactly() {
        var f = BigInt(1)
        for i in 1...30 { f = f * BigInt(i) }
        #expect(f.description == "265252859812191058636308480000000")
        var p = BigInt(1)
        for _ in 0..<128 { p = p * BigInt(2) }
        #expect(p.description == "340282366920938463463374607431768211456")
        #expect((p - BigInt(1)).description == "340282366920938463463374607431768211455")
        #expect(BigInt(Substring("-340282366920938463463374607431768211456")) == -p)
        #expect(BigInt(Int.min).negated.description == "9223372036854775808")
        #expect(BigInt(Int.max) + BigInt(1) == BigInt(Substring("9223372036854775808")))
    }

    @Test func divisionAndGCDIdentitiesHoldOnRandomNumbers() {
        var random = SplitMix(state: 15)
        for round in 0..<400 {
            let a = random.bigInt(limbs: Int(random.next() % 6)), b = random.bigInt(limbs: Int(random.next() % 4))
            guard !b.isZero else { continue }
            let (q, r) = a.quotientAndRemainder(dividingBy: b)
            #expect(q * b + r == a, "round \(round)")
            #expect(r.absoluteValue < b.absoluteValue)
            #expect(r.isZero || r.isNegative == a.isNegative)
            let g = BigInt.gcd(a, b)
            #expect((a % g).isZero && (b % g).isZero)
            #expect(BigInt.gcd(a / g, b / g) == BigInt(1))
            #expect((a + b) - b == a)
            #expect(a * b == b * a)
            #expect(BigInt(Substring(a.description)) == a)
        }
    }

    @Test func rationalsStayInLowestTermsAndCompareExactly() {
        #expect(Rational(6, -4) == Rational(-3, 2))
        #expect(Rational(6, -4).description == "-3/2")
        #expect(Rational(1, 3) + Rational(1, 6) == Rational(1, 2))
        #expect(Rational(1, 3) * Rational(3) == .one)
        #expect(Rational(1, 3) / Rational(2, 3) == Rational(1, 2))
        #expect(Rational(1, 3) < Rational(334, 1000))
        #expect(Rational(Int.max, 3) > Rational(Int.max - 1, 3))
        // Sums that leave Int: 1/2 + 1/3 + … exactly, then back.
        var h = Rational.zero
        for i in 1...60 { h += Rational(1, i) }
        for i in 1...60 { h -= Rational(1, i) }
        #expect(h == .zero)
        var x = Rational(1, 7)
        for _ in 0..<40 { x = x * Rational(7, 3) }
        #expect((x.doubleValue - 1.0 / 7 * pow(7.0 / 3, 40)).magnitude / x.doubleValue < 1e-12)
    }

    @Test func decimalsReadAsPabulibWritesThem() {
        #expect(Rational(decimal: "1234") == Rational(1234))
        #expect(Rational(decimal: "1234.5") == Rational(2469, 2))
        #expect(Rational(decimal: "1234,50") == Rational(2469, 2))
        #expect(Rational(decimal: "-3") == Rational(-3))
        for bad in ["", "none", "12a", "1e3", ".5", "1.", "1.2.3", "1,2,3", "--1"] { #expect(Rational(decimal: bad) == nil, "\(bad)") }
        #expect(Rational(2, 3).decimalString(scale: 2) == "0.67")
        #expect(Rational(-1, 8).decimalString(scale: 2) == "-0.13")
        #expect(Rational(5).decimalString(scale: 2) == "5.00")
        #expect(Rational(2469, 2).exactDecimalString == "1234.5")
        #expect(Rational(1, 3).exactDecimalString == nil)
    }
}

private func pow(_ x: Double, _ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * x } }
