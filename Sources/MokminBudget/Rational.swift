/// An exact fraction: numerator over a positive denominator, always in lowest terms, so equal values are equal
/// (and hash alike). Both parts are `BigInt`s, which stay plain `Int`s while they fit: the rules' prices and budgets
/// grow long denominators, and nothing is ever rounded.
public struct Rational: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let numerator: BigInt
    /// Always positive.
    public let denominator: BigInt

    public static let zero = Rational(0)
    public static let one = Rational(1)

    public init(_ n: Int) {
        numerator = BigInt(n)
        denominator = BigInt(1)
    }

    public init(_ n: BigInt) {
        numerator = n
        denominator = BigInt(1)
    }

    /// n / d in lowest terms; d must not be zero.
    public init(_ n: Int, _ d: Int) { self.init(BigInt(n), BigInt(d)) }

    /// n / d in lowest terms; d must not be zero.
    public init(_ n: BigInt, _ d: BigInt) {
        precondition(!d.isZero, "a fraction's denominator cannot be zero")
        if case .small(let a) = n.storage, case .small(let b) = d.storage, a != Int.min, b != Int.min {
            let g = Int(BigInt.gcdMagnitudes(a.magnitude, b.magnitude))
            let sign = b < 0 ? -1 : 1
            self.init(reduced: BigInt(sign * (a / g)), BigInt(sign * (b / g)))
            return
        }
        let g = BigInt.gcd(n, d)
        var num = n / g, den = d / g
        if den.isNegative {
            num = num.negated
            den = den.negated
        }
        self.init(reduced: num, den)
    }

    /// Parts already in lowest terms with a positive denominator.
    init(reduced n: BigInt, _ d: BigInt) {
        numerator = n
        denominator = d
    }

    /// A decimal number as Pabulib files write it: digits, optionally a sign, and a fraction after `.` or `,`
    /// (`1234`, `1234.5`, `1234,50`, `-3`). Nil for anything else (empty text, `none`, `1e3`, `.5`, `1.2.3`).
    public init?(decimal text: String) {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let pieces = parts.count == 2 ? parts : body.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = pieces.first, !whole.isEmpty, whole.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        var fraction: Substring = ""
        if pieces.count == 2 {
            fraction = pieces[1]
            guard !fraction.isEmpty, fraction.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        }
        guard let n = BigInt(whole + fraction) else { return nil }
        var d = BigInt(1)
        for _ in 0..<fraction.count { d = d * BigInt(10) }
        self.init(negative ? n.negated : n, d)
    }

    public var isZero: Bool { numerator.isZero }
    public var isNegative: Bool { numerator.isNegative }
    public var isInteger: Bool { denominator == BigInt(1) }

    /// The nearest `Double`, to within a few units in the last place.
    public var doubleValue: Double {
        if case .small(let a) = numerator.storage, case .small(let b) = denominator.storage,
            a.magnitude < 1 << 53, b < 1 << 53
        {
            return Double(a) / Double(b)
        }
        // Keep about 64 significant bits of each part, then scale back.
        let shiftN = max(0, numerator.bitWidth - 64), shiftD = max(0, denominator.bitWidth - 64)
        let n = Rational.topBits(numerator, shiftN), d = Rational.topBits(denominator, shiftD)
        let exponent = shiftN - shiftD
        let ratio = n / d
        return exponent >= 0 ? ratio * pow2(exponent) : ratio / pow2(-exponent)
    }

    private static func topBits(_ x: BigInt, _ shift: Int) -> Double {
        if shift == 0 { return x.doubleValue }
        var limbs = x.magnitude
        let whole = shift / 64, bits = shift % 64
        limbs.removeFirst(whole)
        limbs = BigInt.shiftRight(limbs, bits)
        while let last = limbs.last, last == 0 { limbs.removeLast() }
        let value = BigInt(negative: false, limbs: limbs).doubleValue
        return x.isNegative ? -value : value
    }

    /// "n" for whole numbers, "n/d" otherwise.
    public var description: String { isInteger ? numerator.description : "\(numerator)/\(denominator)" }

    /// The value rounded half away from zero to `scale` digits after the point, with `.` as the mark
    /// (`decimalString(scale: 2)` of 1/3 is "0.33"; of 5 is "5.00").
    public func decimalString(scale: Int) -> String {
        var factor = BigInt(1)
        for _ in 0..<max(scale, 0) { factor = factor * BigInt(10) }
        let scaled = numerator.absoluteValue * factor * BigInt(2) + denominator
        let rounded = scaled / (denominator * BigInt(2))
        var digits = rounded.description
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return (isNegative && !rounded.isZero ? "-" : "") + digits
    }

    /// The shortest exact decimal text ("1234", "1234.5"), or nil when the value has no finite decimal expansion.
    public var exactDecimalString: String? {
        var d = denominator
        var scale = 0
        let two = BigInt(2), five = BigInt(5)
        var twos = 0, fives = 0
        while (d % two).isZero {
            d = d / two
            twos += 1
        }
        while (d % five).isZero {
            d = d / five
            fives += 1
        }
        guard d == BigInt(1) else { return nil }
        scale = max(twos, fives)
        return decimalString(scale: scale)
    }

    // MARK: Arithmetic

    public static func + (a: Rational, b: Rational) -> Rational {
        if case .small(let an) = a.numerator.storage, case .small(let ad) = a.denominator.storage,
            case .small(let bn) = b.numerator.storage, case .small(let bd) = b.denominator.storage
        {
            if ad == 1 && bd == 1 {
                let (s, o) = an.addingReportingOverflow(bn)
                if !o { return Rational(reduced: BigInt(s), BigInt(1)) }
            } else if ad == bd {
                let (s, o) = an.addingReportingOverflow(bn)
                if !o { return Rational(s, ad) }
            } else {
                let (x, o1) = an.multipliedReportingOverflow(by: bd)
                let (y, o2) = bn.multipliedReportingOverflow(by: ad)
                let (d, o3) = ad.multipliedReportingOverflow(by: bd)
                if !o1 && !o2 && !o3 {
                    let (s, o4) = x.addingReportingOverflow(y)
                    if !o4 { return Rational(s, d) }
                }
            }
        }
        if let an = a.numerator.int128, let ad = a.denominator.int128, let bn = b.numerator.int128, let bd = b.denominator.int128,
            let sum = add128(an, ad, bn, bd)
        {
            return sum
        }
        if a.denominator == b.denominator { return Rational(a.numerator + b.numerator, a.denominator) }
        // Knuth 4.5.1: with g = gcd(b, d) the sum needs only a gcd with g.
        let g = BigInt.gcd(a.denominator, b.denominator)
        if g == BigInt(1) {
            return Rational(reduced: a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
        }
        let t = a.numerator * (b.denominator / g) + b.numerator * (a.denominator / g)
        let g2 = BigInt.gcd(t, g)
        if t.isZero { return .zero }
        return Rational(reduced: t / g2, (a.denominator / g) * (b.denominator / g2))
    }

    /// a/b + c/d in 128-bit words (Knuth 4.5.1), nil on overflow.
    private static func add128(_ a: Int128, _ b: Int128, _ c: Int128, _ d: Int128) -> Rational? {
        let g = Int128(BigInt.gcd128(b.magnitude, d.magnitude))
        let (x, o1) = a.multipliedReportingOverflow(by: d / g)
        let (y, o2) = c.multipliedReportingOverflow(by: b / g)
        guard !o1 && !o2 else { return nil }
        let (t, o3) = x.addingReportingOverflow(y)
        guard !o3 else { return nil }
        if t == 0 { return .zero }
        let g2 = Int128(BigInt.gcd128(t.magnitude, g.magnitude))
        let (den, o4) = (b / g).multipliedReportingOverflow(by: d / g2)
        guard !o4 else { return nil }
        return Rational(reduced: BigInt(t / g2), BigInt(den))
    }

    /// (a/b) × (c/d) in 128-bit words, nil on overflow.
    private static func multiply128(_ a: Int128, _ b: Int128, _ c: Int128, _ d: Int128) -> Rational? {
        let g1 = Int128(BigInt.gcd128(a.magnitude, d.magnitude)), g2 = Int128(BigInt.gcd128(c.magnitude, b.magnitude))
        let (n, o1) = (a / g1).multipliedReportingOverflow(by: c / g2)
        let (den, o2) = (b / g2).multipliedReportingOverflow(by: d / g1)
        guard !o1 && !o2 else { return nil }
        return Rational(reduced: BigInt(n), BigInt(den))
    }

    public static prefix func - (a: Rational) -> Rational { Rational(reduced: a.numerator.negated, a.denominator) }

    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }

    public static func * (a: Rational, b: Rational) -> Rational {
        if case .small(let an) = a.numerator.storage, case .small(let ad) = a.denominator.storage,
            case .small(let bn) = b.numerator.storage, case .small(let bd) = b.denominator.storage
        {
            let (n, o1) = an.multipliedReportingOverflow(by: bn)
            let (d, o2) = ad.multipliedReportingOverflow(by: bd)
            if !o1 && !o2 { return Rational(n, d) }
        }
        // Knuth 4.5.1: cancel across before multiplying.
        if a.isZero || b.isZero { return .zero }
        if b == .one { return a }
        if a == .one { return b }
        if let an = a.numerator.int128, let ad = a.denominator.int128, let bn = b.numerator.int128, let bd = b.denominator.int128,
            let product = multiply128(an, ad, bn, bd)
        {
            return product
        }
        let g1 = BigInt.gcd(a.numerator, b.denominator), g2 = BigInt.gcd(b.numerator, a.denominator)
        return Rational(reduced: (a.numerator / g1) * (b.numerator / g2), (a.denominator / g2) * (b.denominator / g1))
    }

    /// a / b; b must not be zero.
    public static func / (a: Rational, b: Rational) -> Rational {
        precondition(!b.isZero, "division by zero")
        return a * Rational(reduced: b.denominator, b.numerator).normalizedSign
    }

    private var normalizedSign: Rational {
        denominator.isNegative ? Rational(reduced: numerator.negated, denominator.negated) : self
    }

    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }
    public static func *= (a: inout Rational, b: Rational) { a = a * b }

    public static func < (a: Rational, b: Rational) -> Bool { compare(a, b) < 0 }

    /// -1, 0 or 1 as a is less than, equal to or greater than b.
    public static func compare(_ a: Rational, _ b: Rational) -> Int {
        if case .small(let an) = a.numerator.storage, case .small(let ad) = a.denominator.storage,
            case .small(let bn) = b.numerator.storage, case .small(let bd) = b.denominator.storage
        {
            if ad == bd { return an < bn ? -1 : (an > bn ? 1 : 0) }
            // Cross products in 128 bits never overflow.
            let x = an.multipliedFullWidth(by: bd), y = bn.multipliedFullWidth(by: ad)
            if x.high != y.high { return x.high < y.high ? -1 : 1 }
            return x.low < y.low ? -1 : (x.low > y.low ? 1 : 0)
        }
        if let an = a.numerator.int128, let ad = a.denominator.int128, let bn = b.numerator.int128, let bd = b.denominator.int128 {
            // Cross products in 256 bits never overflow.
            let x = an.multipliedFullWidth(by: bd), y = bn.multipliedFullWidth(by: ad)
            if x.high != y.high { return x.high < y.high ? -1 : 1 }
            return x.low < y.low ? -1 : (x.low > y.low ? 1 : 0)
        }
        return BigInt.compare(a.numerator * b.denominator, b.numerator * a.denominator)
    }

    public static func min(_ a: Rational, _ b: Rational) -> Rational { b < a ? b : a }
}
