/// The source-over row at full coverage, sixteen pixels (four 128-bit blocks) per step.
///
/// A block of opaque source pixels is copied without reading the destination; a clear block
/// over an opaque destination is skipped. One-byte pre-tests (the first alpha for opaque, the
/// last for clear) spare soft-alpha blocks those vector tests. Where the destination pixels
/// are all opaque the result is opaque and each colour is
/// `round((as cs + (255 - as) cd) / 255)`, computed two channels per 16-bit lane (red and
/// blue from the even bytes, green and alpha from the odd ones): `x = as cs + (255 - as) cd`
/// is at most 65025, so 16 bits hold it, and with `t = x + 128`,
/// `round(x / 255) = (t * 257) >> 16 = (t + (t >> 8)) >> 8` (checked for every x in the
/// tests). Anything else goes through the scalar pixel routine, which gives the same bytes.
/// Only lane-wise operations and bit casts are used: the compiler turns them into plain
/// SSE2 (or NEON) instructions, with no generic conversions or per-lane shuffles.
enum SrcOverKernel {
    static func row(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>, count: Int, recip: UnsafePointer<UInt64>) {
        var i = 0
        #if _endian(little)
        let dRaw = UnsafeMutableRawPointer(d)
        let sRaw = UnsafeRawPointer(s)
        let alpha = SIMD4<UInt32>(repeating: 0xFF00_0000)
        // Sixteen pixels per step; four destination blocks share one opacity test. The
        // pointers advance by 64 bytes so every access is a fixed displacement.
        var sp = sRaw
        var dp = dRaw
        while i &+ 16 <= count {
            let s0 = sp.loadUnaligned(as: SIMD4<UInt32>.self)
            let s1 = sp.loadUnaligned(fromByteOffset: 16, as: SIMD4<UInt32>.self)
            let s2 = sp.loadUnaligned(fromByteOffset: 32, as: SIMD4<UInt32>.self)
            let s3 = sp.loadUnaligned(fromByteOffset: 48, as: SIMD4<UInt32>.self)
            // The vector tests for an opaque (clear) source run only when the block's first
            // (last) pixel is: soft-alpha blocks, the expensive ones, pay one byte compare.
            if sp.load(fromByteOffset: 3, as: UInt8.self) == 255 && all((s0 & s1 & s2 & s3 & alpha) .== alpha) {
                dp.storeBytes(of: s0, as: SIMD4<UInt32>.self)
                dp.storeBytes(of: s1, toByteOffset: 16, as: SIMD4<UInt32>.self)
                dp.storeBytes(of: s2, toByteOffset: 32, as: SIMD4<UInt32>.self)
                dp.storeBytes(of: s3, toByteOffset: 48, as: SIMD4<UInt32>.self)
            } else if sp.load(fromByteOffset: 63, as: UInt8.self) == 0
                        && all(((s0 | s1 | s2 | s3) & alpha) .== .zero)
                        && all((dp.loadUnaligned(as: SIMD4<UInt32>.self)
                                & dp.loadUnaligned(fromByteOffset: 16, as: SIMD4<UInt32>.self)
                                & dp.loadUnaligned(fromByteOffset: 32, as: SIMD4<UInt32>.self)
                                & dp.loadUnaligned(fromByteOffset: 48, as: SIMD4<UInt32>.self)
                                & alpha) .== alpha) {
                // A clear source over an opaque destination leaves it exactly as it is.
            } else {
                let d0 = dp.loadUnaligned(as: SIMD4<UInt32>.self)
                let d1 = dp.loadUnaligned(fromByteOffset: 16, as: SIMD4<UInt32>.self)
                let d2 = dp.loadUnaligned(fromByteOffset: 32, as: SIMD4<UInt32>.self)
                let d3 = dp.loadUnaligned(fromByteOffset: 48, as: SIMD4<UInt32>.self)
                if all((d0 & d1 & d2 & d3 & alpha) .== alpha) {
                    dp.storeBytes(of: blendOpaque(s0, d0), as: SIMD4<UInt32>.self)
                    dp.storeBytes(of: blendOpaque(s1, d1), toByteOffset: 16, as: SIMD4<UInt32>.self)
                    dp.storeBytes(of: blendOpaque(s2, d2), toByteOffset: 32, as: SIMD4<UInt32>.self)
                    dp.storeBytes(of: blendOpaque(s3, d3), toByteOffset: 48, as: SIMD4<UInt32>.self)
                } else {
                    for j in i ..< i &+ 16 {
                        CompositeRows.srcOver(d + j &* 4, s + j &* 4, recip: recip)
                    }
                }
            }
            sp += 64
            dp += 64
            i &+= 16
        }
        #endif
        while i < count {
            CompositeRows.srcOver(d + i &* 4, s + i &* 4, recip: recip)
            i &+= 1
        }
    }

    /// Four source pixels over four opaque destination pixels (little-endian RGBA words).
    ///
    /// `as cs + (255 - as) cd = 255 cd + as (cs - cd)`, so the result is
    /// `cd + round(as (cs - cd) / 255)`, and since `x / 255` is never a tie,
    /// `round(-v) = -round(v)`: with `q = |cs - cd|` the result is `cd + round(as q / 255)`
    /// when `cs >= cd` and `cd - round(as q / 255)` otherwise. One multiply per channel
    /// instead of two. The sign is applied without a mask: with `up = max(cs - cd, 0)` and
    /// `down = max(cd - cs, 0)` (one of them is zero, the other is q) and `m = round(as q / 255) <= q`,
    /// the result is `cd + min(m, up) - min(m, down)`. The alpha lane is weighted by 0, so
    /// `m` is 0 there and the destination's 255 stays.
    @inline(__always)
    static func blendOpaque(_ sv: SIMD4<UInt32>, _ dv: SIMD4<UInt32>) -> SIMD4<UInt32> {
        let s8 = unsafeBitCast(sv, to: SIMD16<UInt8>.self)
        let d8 = unsafeBitCast(dv, to: SIMD16<UInt8>.self)
        let up = subtractingSaturated(s8, d8)
        let down = subtractingSaturated(d8, s8)
        let q = unsafeBitCast(up | down, to: SIMD8<UInt16>.self)
        // (as, 0) per pixel weights the (green, alpha) lanes; (as, as) the (red, blue) ones.
        let a32 = sv &>> 24
        let aGA = unsafeBitCast(a32, to: SIMD8<UInt16>.self)
        let aRB = unsafeBitCast(a32 | (a32 &<< 16), to: SIMD8<UInt16>.self)
        let rb = roundedDiv255((q & SIMD8<UInt16>(repeating: 0x00FF)) &* aRB)
        let ga = roundedDiv255((q &>> 8) &* aGA)
        // Shifting the (green, alpha) result as 32-bit lanes keeps it one pmulhuw and one shift.
        let m = unsafeBitCast(unsafeBitCast(rb, to: SIMD4<UInt32>.self) | (unsafeBitCast(ga, to: SIMD4<UInt32>.self) &<< 8), to: SIMD16<UInt8>.self)
        // max(m - down, 0) is m where cs > cd and 0 elsewhere (down is then q >= m), so
        // (cd - m) + 2 max(m - down, 0) is cd + m or cd - m (mod 256); up is dead by now,
        // which spares a register copy.
        let pos = subtractingSaturated(m, down)
        let out = (d8 &- m) &+ (pos &+ pos)
        return unsafeBitCast(out, to: SIMD4<UInt32>.self)
    }

    /// `max(a - b, 0)` per byte (one `psubusb`).
    @_transparent
    static func subtractingSaturated(_ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>) -> SIMD16<UInt8> {
        (a &- b).replacing(with: 0, where: a .< b)
    }

    /// `round(y / 255)` per 16-bit lane for `0 <= y <= 65025`: with `t = y + 128`,
    /// `(t * 257) >> 16` (checked for every y in the tests).
    @inline(__always)
    static func roundedDiv255(_ y: SIMD8<UInt16>) -> SIMD8<UInt16> {
        highProduct257(y &+ 128)
    }

    /// `(t * 257) >> 16` per 16-bit lane: `floor((t - 1) / 255)` for `1 <= t <= 65535`.
    @inline(__always)
    static func highProduct257(_ t: SIMD8<UInt16>) -> SIMD8<UInt16> {
        // Written as a widening multiply so it becomes one pmulhuw.
        let wide = SIMD8<UInt32>(UInt32(t[0]), UInt32(t[1]), UInt32(t[2]), UInt32(t[3]), UInt32(t[4]), UInt32(t[5]), UInt32(t[6]), UInt32(t[7]))
        let h = (wide &* 257) &>> 16
        return SIMD8<UInt16>(UInt16(truncatingIfNeeded: h[0]), UInt16(truncatingIfNeeded: h[1]), UInt16(truncatingIfNeeded: h[2]), UInt16(truncatingIfNeeded: h[3]),
                             UInt16(truncatingIfNeeded: h[4]), UInt16(truncatingIfNeeded: h[5]), UInt16(truncatingIfNeeded: h[6]), UInt16(truncatingIfNeeded: h[7]))
    }
}
