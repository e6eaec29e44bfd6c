/// The exact per-pixel arithmetic that every row kernel is built on.
///
/// Every routine writes `round(N / D)` for the colour channels and the rounded alpha, where
/// for a Porter-Duff operator with integer factors `fa = 255 Fa`, `fb = 255 Fb`:
/// `ws = fa * as`, `wd = fb * ad`, `D = ws + wd` and `N = ws * cs + wd * cd`.
/// docs/compositing.md derives this from the contract's formulas.
enum CompositeRows {
    // MARK: Exact pixel arithmetic

    /// Clears a pixel whose 8-bit alpha rounds to 0, as the contract asks.
    @inline(__always)
    static func zero(_ d: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(d).storeBytes(of: 0 as UInt32, as: UInt32.self)
    }

    /// Writes the exact result for colour weights `ws`, `wd` with `ws + wd <= 65025`
    /// (a plain operator): alpha `round((ws + wd) / 255)`, colours by reciprocal table.
    @inline(__always)
    static func resolve(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>,
                        ws: UInt32, wd: UInt32, recip: UnsafePointer<UInt64>) {
        let den = ws &+ wd
        // round(den / 255) == 0 exactly when den < 127.5.
        if den < 128 { zero(d); return }
        // den <= 65025 holds for every operator (Fa as + Fb ad <= 1); the min keeps the
        // table read in bounds by construction rather than by that argument alone.
        let dd = min(den, UInt32(ReciprocalTable.maxDivisor))
        let r = ReciprocalTable.roundedQuotient(ws &* UInt32(s[0]) &+ wd &* UInt32(d[0]), dd, recip)
        let g = ReciprocalTable.roundedQuotient(ws &* UInt32(s[1]) &+ wd &* UInt32(d[1]), dd, recip)
        let b = ReciprocalTable.roundedQuotient(ws &* UInt32(s[2]) &+ wd &* UInt32(d[2]), dd, recip)
        d[0] = r
        d[1] = g
        d[2] = b
        // 255 is odd, so den / 255 never ties and round == floor((den + 127) / 255).
        d[3] = UInt8(truncatingIfNeeded: (den &+ 127) / 255)
    }

    /// The same for weights over 255^3 (an operator mixed with coverage): `ws + wd <= 255^3`,
    /// alpha `round((ws + wd) / 65025)`. `N + D/2 < 256 * 255^3 < 2^32`, so UInt32 is exact.
    @inline(__always)
    static func resolveWide(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>, ws: UInt32, wd: UInt32) {
        let den = ws &+ wd
        if den <= 32512 { zero(d); return }
        let half = den &>> 1
        let r = (ws &* UInt32(s[0]) &+ wd &* UInt32(d[0]) &+ half) / den
        let g = (ws &* UInt32(s[1]) &+ wd &* UInt32(d[1]) &+ half) / den
        let b = (ws &* UInt32(s[2]) &+ wd &* UInt32(d[2]) &+ half) / den
        d[0] = UInt8(truncatingIfNeeded: r)
        d[1] = UInt8(truncatingIfNeeded: g)
        d[2] = UInt8(truncatingIfNeeded: b)
        d[3] = UInt8(truncatingIfNeeded: (den &+ 32512) / 65025)
    }

    /// One pixel of a Porter-Duff operator at full coverage.
    @inline(__always)
    static func porterDuff<F: PorterDuffFactors>(_: F.Type, _ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>,
                                                  recip: UnsafePointer<UInt64>) {
        let sa = UInt32(s[3]), da = UInt32(d[3])
        let f = F.factors(sa, da)
        resolve(d, s, ws: f.fa &* sa, wd: f.fb &* da, recip: recip)
    }

    /// One pixel of `m * op(src, dst) + (1 - m) * dst`: the factors become
    /// `(m fa, m fb + (255 - m) 255)` over 255^2.
    @inline(__always)
    static func porterDuffCovered<F: PorterDuffFactors>(_: F.Type, _ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>,
                                                         m: UInt32) {
        let sa = UInt32(s[3]), da = UInt32(d[3])
        let f = F.factors(sa, da)
        let fa = m &* f.fa
        let fb = m &* f.fb &+ (255 &- m) &* 255
        resolveWide(d, s, ws: fa &* sa, wd: fb &* da)
    }

    /// One pixel of `plus`: `round(min(65025, cs as + cd ad) / min(255, as + ad))`.
    @inline(__always)
    static func plus(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>, recip: UnsafePointer<UInt64>) {
        let sa = UInt32(s[3]), da = UInt32(d[3])
        let den = min(sa &+ da, 255)
        if den == 0 { zero(d); return }
        // min(65025, ...) <= 255 * den: either as + ad <= 255 and the sum is a weighted
        // average, or den is 255.
        let r = ReciprocalTable.roundedQuotient(min(UInt32(s[0]) &* sa &+ UInt32(d[0]) &* da, 65025), den, recip)
        let g = ReciprocalTable.roundedQuotient(min(UInt32(s[1]) &* sa &+ UInt32(d[1]) &* da, 65025), den, recip)
        let b = ReciprocalTable.roundedQuotient(min(UInt32(s[2]) &* sa &+ UInt32(d[2]) &* da, 65025), den, recip)
        d[0] = r
        d[1] = g
        d[2] = b
        d[3] = UInt8(truncatingIfNeeded: den)
    }

    /// `plus` mixed with coverage `m`: numerator `m min(65025, cs as + cd ad) + (255 - m) cd ad`
    /// over `m min(255, as + ad) + (255 - m) ad`, which stays <= 65025 and so uses the table.
    @inline(__always)
    static func plusCovered(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>, m: UInt32,
                            recip: UnsafePointer<UInt64>) {
        let sa = UInt32(s[3]), da = UInt32(d[3])
        let keep = 255 &- m
        let den = m &* min(sa &+ da, 255) &+ keep &* da
        if den < 128 { zero(d); return }
        let dd = min(den, UInt32(ReciprocalTable.maxDivisor))
        @inline(__always) func channel(_ c: Int) -> UInt8 {
            let cs = UInt32(s[c]), cd = UInt32(d[c])
            let n = m &* min(cs &* sa &+ cd &* da, 65025) &+ keep &* cd &* da
            return ReciprocalTable.roundedQuotient(n, dd, recip)
        }
        let r = channel(0), g = channel(1), b = channel(2)
        d[0] = r
        d[1] = g
        d[2] = b
        d[3] = UInt8(truncatingIfNeeded: (den &+ 127) / 255)
    }

    /// `round(x / 255)` for `x <= 65025` without a division (checked for every x in the tests).
    @inline(__always)
    static func div255(_ x: UInt32) -> UInt32 {
        let t = x &+ 128
        return (t &+ (t &>> 8)) &>> 8
    }

    /// Source-over at full coverage with the cheap cases first; same bytes as `porterDuff`.
    @inline(__always)
    static func srcOver(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>, recip: UnsafePointer<UInt64>) {
        let sa = UInt32(s[3])
        if sa == 255 {
            UnsafeMutableRawPointer(d).copyMemory(from: s, byteCount: 4)
            return
        }
        let da = UInt32(d[3])
        if sa == 0 {
            // The destination stays, except that an invisible one becomes (0,0,0,0).
            if da == 0 { zero(d) }
            return
        }
        if da == 255 {
            // ao is exactly 1, so each channel is round((as cs + (255 - as) cd) / 255).
            let ia = 255 &- sa
            d[0] = UInt8(truncatingIfNeeded: div255(sa &* UInt32(s[0]) &+ ia &* UInt32(d[0])))
            d[1] = UInt8(truncatingIfNeeded: div255(sa &* UInt32(s[1]) &+ ia &* UInt32(d[1])))
            d[2] = UInt8(truncatingIfNeeded: div255(sa &* UInt32(s[2]) &+ ia &* UInt32(d[2])))
            return
        }
        resolve(d, s, ws: 255 &* sa, wd: (255 &- sa) &* da, recip: recip)
    }

    /// Source-over with coverage `m` onto an opaque pixel: with `k = m as` the result is opaque
    /// and each channel is `round((k cs + (65025 - k) cd) / 65025)`; 65025 is odd, so no ties.
    @inline(__always)
    static func srcOverOpaqueCovered(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>, m: UInt32) {
        let k = m &* UInt32(s[3])
        let ik = 65025 &- k
        d[0] = UInt8(truncatingIfNeeded: (k &* UInt32(s[0]) &+ ik &* UInt32(d[0]) &+ 32512) / 65025)
        d[1] = UInt8(truncatingIfNeeded: (k &* UInt32(s[1]) &+ ik &* UInt32(d[1]) &+ 32512) / 65025)
        d[2] = UInt8(truncatingIfNeeded: (k &* UInt32(s[2]) &+ ik &* UInt32(d[2]) &+ 32512) / 65025)
    }

    /// Source-over with coverage `m` below 255, fast where the destination is opaque.
    @inline(__always)
    static func srcOverCovered(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>, m: UInt32) {
        if d[3] == 255 {
            srcOverOpaqueCovered(d, s, m: m)
        } else {
            porterDuffCovered(SrcOverFactors.self, d, s, m: m)
        }
    }

    /// The exact result of `op` for one pixel at coverage `m` (255 for none).
    static func blendPixel(_ op: CompositeOperator, dst d: UnsafeMutablePointer<UInt8>, src s: UnsafePointer<UInt8>,
                           coverage m: UInt32, recip: UnsafePointer<UInt64>) {
        @inline(__always) func pd<F: PorterDuffFactors>(_ f: F.Type) {
            if m >= 255 {
                porterDuff(f, d, s, recip: recip)
            } else {
                porterDuffCovered(f, d, s, m: m)
            }
        }
        switch op {
        case .clear: pd(ClearFactors.self)
        case .src: pd(SrcFactors.self)
        case .dst: pd(DstFactors.self)
        case .srcOver: pd(SrcOverFactors.self)
        case .dstOver: pd(DstOverFactors.self)
        case .srcIn: pd(SrcInFactors.self)
        case .dstIn: pd(DstInFactors.self)
        case .srcOut: pd(SrcOutFactors.self)
        case .dstOut: pd(DstOutFactors.self)
        case .srcAtop: pd(SrcAtopFactors.self)
        case .dstAtop: pd(DstAtopFactors.self)
        case .xor: pd(XorFactors.self)
        case .plus:
            if m >= 255 { plus(d, s, recip: recip) } else { plusCovered(d, s, m: m, recip: recip) }
        }
    }
}
