/// Exact results for the pixels the floating-point passes cannot decide: those whose value
/// lies within the passes' error of a half level, where rounding could go either way.
///
/// Box, triangle, Catmull-Rom and Mitchell kernels take rational values at the rational
/// points `x = D / L` (L = 2 max(in, out); see `AxisContributions`), so each weight is an
/// integer numerator over the window's sum, and the contract's value can be computed
/// exactly in integers: with `N = Nx * Ny`, colour `round(sum N a c / sum N a)` and alpha
/// `round(sum N a / (Sx * Sy))`. Numerators: box 1; triangle `L - u`; the cubics
/// `18 L^3 K(u / L) = c3 u^3 + c2 u^2 L + c1 u L^2 + c0 L^3` with the integer `c` below
/// (`u = |D|`). Exact halves are real and common (a box or triangle between two levels),
/// so without this a few pixels in a thousand would be off by one.
///
/// Only 8-bit encoded (not linear-light) resizes use it: sRGB decoding is irrational, so
/// linear-light values meet a half level only by accident. Lanczos is irrational too.
struct ExactTies {
    struct Axis {
        let starts: [Int]
        let counts: [Int]
        let maxTaps: Int
        let numerators: [Int64]
        let sums: [Int64]
        /// The largest |numerator| after each window was divided by its common factor.
        let maxNumerator: Int64
    }

    let x: Axis
    let y: Axis
    /// Per output column and row: the smallest k (at most 12) for which every weight times
    /// 2^k is an integer, or 99. Where kx + ky <= 7 the `Float` passes are exact, so halves
    /// need no integers: every lane value and partial sum is then a multiple of 2^-(kx+ky) no
    /// larger than 255^2 * (sum |w|)^2 < 2^17 (sum |w| < 1.3 for these kernels), which takes
    /// at most 24 significant bits; and `StraightRows.writePixel` divides once in `Double`.
    let xBits: [UInt8]
    let yBits: [UInt8]
    /// How close to a half level (in levels, at full alpha) a value must be to be
    /// recomputed: the passes' worst-case error bound (see `ResampleEngine`).
    let tolerance: Double
    let source: UnsafePointer<UInt8>
    let sourceWidth: Int
    /// True when every sum fits `Int64` (below 2^61 by the same bound), which is faster.
    let narrow: Bool
    /// True when each row's weighted sum fits `Int64` (the row sums are then combined in
    /// `Int128` with the row weights: four wide multiplies per row, not per tap).
    let rowsNarrow: Bool

    /// Nil when the filter is irrational or the integers could overflow `Int128`, or the
    /// windows are so wide that recomputing a pixel would cost more than it is worth (there
    /// the denominators are large and true ties rare).
    init?(filter: ResampleFilter, source: UnsafePointer<UInt8>, inWidth: Int, inHeight: Int, outWidth: Int, outHeight: Int,
          xTable: AxisContributions, yTable: AxisContributions) {
        guard filter == .box || filter == .triangle || filter == .catmullRom || filter == .mitchell else { return nil }
        guard let xa = Self.axis(filter, inCount: inWidth, outCount: outWidth),
              let ya = Self.axis(filter, inCount: inHeight, outCount: outHeight) else { return nil }
        guard xa.maxTaps * ya.maxTaps <= 256 else { return nil }
        // sum over taps of Nx * Ny * 255^2 must stay below 2^126 (Int128, with sign).
        let nx = Double(xa.maxNumerator), ny = Double(ya.maxNumerator)
        let worst = nx * ny * 65025 * Double(xa.maxTaps) * Double(ya.maxTaps)
        guard worst < 0x1p125 else { return nil }
        narrow = worst < 0x1p61
        // One row's sums: x numerators times a * c (< 2^16) over the row's taps.
        rowsNarrow = nx * 65025 * Double(xa.maxTaps) < 0x1p61
        x = xa
        y = ya
        xBits = Self.dyadicBits(xTable)
        yBits = Self.dyadicBits(yTable)
        self.source = source
        sourceWidth = inWidth
        let s = 1.3
        tolerance = 0x1p-24 * s * (2 * Double(xa.maxTaps) * s + 2 * Double(ya.maxTaps) + 2) * 255 * 2
    }

    static func coefficients(_ filter: ResampleFilter, inner: Bool) -> (Int64, Int64, Int64, Int64) {
        switch (filter, inner) {
        case (.catmullRom, true): return (27, -45, 0, 18)
        case (.catmullRom, false): return (-9, 45, -72, 36)
        case (.mitchell, true): return (21, -36, 0, 16)
        default: return (-7, 36, -60, 32)  // mitchell, 1 <= t < 2
        }
    }

    /// The integer numerator of K at `u / l` (u = |D| < support * l).
    static func numerator(_ filter: ResampleFilter, u: Int64, l: Int64) -> Int64 {
        switch filter {
        case .box, .nearest: return 1
        case .triangle: return l - u
        default:
            let (c3, c2, c1, c0) = coefficients(filter, inner: u < l)
            return ((c3 * u + c2 * l) * u + c1 * l * l) * u + c0 * l * l * l
        }
    }

    static func axis(_ filter: ResampleFilter, inCount: Int, outCount: Int) -> Axis? {
        let m = max(inCount, outCount)
        // Numerators must fit Int64: the cubics' are below 200 L^3 < 2^62 for L < 2^18;
        // triangle's below L <= 2^31.
        guard filter == .box || filter == .triangle || 2 * m < 1 << 18 else { return nil }
        let limit = filter.twiceSupport * m
        var starts: [Int] = [], counts: [Int] = [], lists: [[Int64]] = [], sums: [Int64] = []
        for i in 0 ..< outCount {
            let twiceC = (2 * i + 1) * inCount
            let lo = max(AxisContributions.floorDiv(twiceC - limit - outCount, 2 * outCount) + 1, 0)
            let hi = min(AxisContributions.floorDiv(twiceC + limit - outCount - 1, 2 * outCount), inCount - 1)
            var list: [Int64] = []
            var sum: Int64 = 0
            if lo <= hi {
                for j in lo ... hi {
                    let u = Int64(abs((2 * j + 1) * outCount - twiceC))
                    let n = numerator(filter, u: u, l: Int64(2 * m))
                    list.append(n)
                    sum += n
                }
            }
            // Divide the window by its common factor: for a scale p/q in lowest terms every
            // u and L share gcd(in, out), so the cubics' numerators shrink by its cube and
            // the sums usually fit Int64.
            var g: Int64 = 0
            for n in list where n != 0 { g = gcd(g, n.magnitude) }
            if g > 1 {
                list = list.map { $0 / g }
                sum /= g
            }
            if lo > hi || sum <= 0 {
                starts.append(min(twiceC / (2 * outCount), inCount - 1))
                counts.append(1)
                lists.append([1])
                sums.append(1)
            } else {
                starts.append(lo)
                counts.append(hi - lo + 1)
                lists.append(list)
                sums.append(sum)
            }
        }
        let maxTaps = counts.max() ?? 1
        var numerators = [Int64](repeating: 0, count: outCount * maxTaps)
        for (i, list) in lists.enumerated() {
            for (k, n) in list.enumerated() { numerators[i * maxTaps + k] = n }
        }
        let maxNumerator = numerators.map { $0.magnitude }.max().map { Int64(truncatingIfNeeded: $0) } ?? 1
        return Axis(starts: starts, counts: counts, maxTaps: maxTaps, numerators: numerators, sums: sums,
                    maxNumerator: max(maxNumerator, 1))
    }

    static func gcd(_ a: Int64, _ b: UInt64) -> Int64 {
        var (x, y) = (UInt64(a.magnitude), b)
        while y != 0 { (x, y) = (y, x % y) }
        return Int64(truncatingIfNeeded: x)
    }

    static func dyadicBits(_ t: AxisContributions) -> [UInt8] {
        (0 ..< t.outCount).map { i in
            for k in 0 ... 12 {
                let scale = Double(1 << k)
                let exact = (0 ..< t.counts[i]).allSatisfy { tap in
                    let w = t.weights[i * t.maxTaps + tap] * scale
                    return w.rounded() == w
                }
                if exact { return UInt8(k) }
            }
            return 99
        }
    }

    /// True when the passes computed output (ox, oy) exactly (dyadic weights, see `xBits`).
    func isFloatExact(_ ox: Int, _ oy: Int) -> Bool {
        Int(xBits[ox]) + Int(yBits[oy]) <= 7
    }

    /// True when `value` (in levels) is within `tolerance` of a half level.
    @inline(__always)
    static func nearHalf(_ value: Double, _ tolerance: Double) -> Bool {
        let f = value - Double(Int(value))  // value >= 0
        return abs(f - 0.5) < tolerance
    }

    /// `round(n / d)` for `d > 0`, halves away from zero, clamped to 0 ... 255.
    @inline(__always)
    static func roundedLevel<I: FixedWidthInteger & SignedInteger>(_ n: I, _ d: I) -> UInt8 {
        if n <= 0 { return 0 }
        if n >= 255 * d { return 255 }
        return UInt8(truncatingIfNeeded: (2 * n + d) / (2 * d))
    }

    /// The contract's exact alpha level at output (ox, oy) alone: a quarter of `resolve`'s
    /// work, for the common case where only alpha sits on a half (a linear alpha ramp
    /// sampled between pixels does that on every pixel).
    func exactAlpha(_ ox: Int, _ oy: Int) -> UInt8 {
        if narrow { return exactAlpha(ox, oy, rows: Int64.self, as: Int64.self) }
        return rowsNarrow ? exactAlpha(ox, oy, rows: Int64.self, as: Int128.self)
                          : exactAlpha(ox, oy, rows: Int128.self, as: Int128.self)
    }

    @inline(__always)
    func exactAlpha<R: FixedWidthInteger & SignedInteger, I: FixedWidthInteger & SignedInteger>(
        _ ox: Int, _ oy: Int, rows _: R.Type, as _: I.Type
    ) -> UInt8 {
        var pa: I = 0
        x.numerators.withUnsafeBufferPointer { nx in
            y.numerators.withUnsafeBufferPointer { ny in
                let x0 = x.starts[ox], xn = x.counts[ox], y0 = y.starts[oy], yn = y.counts[oy]
                for ky in 0 ..< yn {
                    let row = source + ((y0 + ky) * sourceWidth + x0) * 4 + 3
                    var ra: R = 0
                    for kx in 0 ..< xn { ra += R(nx[ox * x.maxTaps + kx]) * R(row[kx * 4]) }
                    pa += I(ny[oy * y.maxTaps + ky]) * I(ra)
                }
            }
        }
        return Self.roundedLevel(pa, I(x.sums[ox]) * I(y.sums[oy]))
    }

    /// The contract's exact pixel at output (ox, oy), written to `out[0 ..< 4]`.
    func resolve(_ ox: Int, _ oy: Int, into out: UnsafeMutablePointer<UInt8>) {
        if narrow {
            resolve(ox, oy, into: out, rows: Int64.self, as: Int64.self)
        } else if rowsNarrow {
            resolve(ox, oy, into: out, rows: Int64.self, as: Int128.self)
        } else {
            resolve(ox, oy, into: out, rows: Int128.self, as: Int128.self)
        }
    }

    @inline(__always)
    func resolve<R: FixedWidthInteger & SignedInteger, I: FixedWidthInteger & SignedInteger>(
        _ ox: Int, _ oy: Int, into out: UnsafeMutablePointer<UInt8>, rows _: R.Type, as _: I.Type
    ) {
        var pa: I = 0
        var pc: (I, I, I) = (0, 0, 0)
        x.numerators.withUnsafeBufferPointer { nx in
            y.numerators.withUnsafeBufferPointer { ny in
                let x0 = x.starts[ox], xn = x.counts[ox], y0 = y.starts[oy], yn = y.counts[oy]
                for ky in 0 ..< yn {
                    let wy = I(ny[oy * y.maxTaps + ky])
                    let row = source + ((y0 + ky) * sourceWidth + x0) * 4
                    var ra: R = 0, rr: R = 0, rg: R = 0, rb: R = 0
                    for kx in 0 ..< xn {
                        let p = row + kx * 4
                        let wa = R(nx[ox * x.maxTaps + kx]) * R(p[3])
                        ra += wa
                        rr += wa * R(p[0])
                        rg += wa * R(p[1])
                        rb += wa * R(p[2])
                    }
                    pa += wy * I(ra)
                    pc.0 += wy * I(rr)
                    pc.1 += wy * I(rg)
                    pc.2 += wy * I(rb)
                }
            }
        }
        let alpha = Self.roundedLevel(pa, I(x.sums[ox]) * I(y.sums[oy]))
        if alpha == 0 {
            out[0] = 0; out[1] = 0; out[2] = 0; out[3] = 0
            return
        }
        // Colour: round(255 * P / A) = round(sum N a c / sum N a); pa > 0 here.
        out[0] = Self.roundedLevel(pc.0, pa)
        out[1] = Self.roundedLevel(pc.1, pa)
        out[2] = Self.roundedLevel(pc.2, pa)
        out[3] = alpha
    }
}
