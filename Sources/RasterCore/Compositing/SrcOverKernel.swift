/// The source-over row at full coverage, four pixels per 128-bit block.
///
/// Where all four destination pixels are opaque the result is opaque and each colour is
/// `round((as cs + (255 - as) cd) / 255)`. That is computed two channels per 16-bit lane
/// (red and blue in the even bytes, green and alpha in the odd ones) as
/// `x = 255 cd + as (cs - cd)` (wrapping arithmetic is exact because the true x lies in
/// 0...65025) and `round(x / 255) = (t + (t >> 8)) >> 8` with `t = x + 128` (checked for
/// every x in the tests). Other blocks fall back to the scalar pixel routine, which gives
/// the same bytes. Only plain lane-wise operations and bit casts are used, so the compiler
/// emits straight SSE2/NEON code without generic conversions.
enum SrcOverKernel {

    static func row(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>, count: Int, recip: UnsafePointer<UInt64>) {
        var i = 0
        #if _endian(little)
        let dRaw = UnsafeMutableRawPointer(d)
        let sRaw = UnsafeRawPointer(s)
        let alpha: UInt64 = 0xFF00_0000_FF00_0000
        while i &+ 4 <= count {
            let offset = i &* 4
            let d0 = dRaw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let d1 = dRaw.loadUnaligned(fromByteOffset: offset &+ 8, as: UInt64.self)
            if d0 & d1 & alpha == alpha {
                let s0 = sRaw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                let s1 = sRaw.loadUnaligned(fromByteOffset: offset &+ 8, as: UInt64.self)
                if s0 & s1 & alpha == alpha {
                    dRaw.storeBytes(of: s0, toByteOffset: offset, as: UInt64.self)
                    dRaw.storeBytes(of: s1, toByteOffset: offset &+ 8, as: UInt64.self)
                } else if (s0 | s1) & alpha != 0 {
                    let sv = SIMD2<UInt64>(s0, s1)
                    let dv = SIMD2<UInt64>(d0, d1)
                    dRaw.storeBytes(of: blendOpaque(sv, dv), toByteOffset: offset, as: SIMD2<UInt64>.self)
                }
            } else {
                for j in i ..< i &+ 4 {
                    CompositeRows.srcOver(d + j &* 4, s + j &* 4, recip: recip)
                }
            }
            i &+= 4
        }
        #endif
        while i < count {
            CompositeRows.srcOver(d + i &* 4, s + i &* 4, recip: recip)
            i &+= 1
        }
    }

    /// Four source pixels over four opaque destination pixels (little-endian RGBA words).
    @inline(__always)
    static func blendOpaque(_ sv: SIMD2<UInt64>, _ dv: SIMD2<UInt64>) -> SIMD2<UInt64> {
        let s32 = unsafeBitCast(sv, to: SIMD4<UInt32>.self)
        // Each pixel's alpha in both of its 16-bit lanes.
        let a32 = s32 &>> 24
        let a = unsafeBitCast(a32 | (a32 &<< 16), to: SIMD8<UInt16>.self)
        let s16 = unsafeBitCast(sv, to: SIMD8<UInt16>.self)
        let d16 = unsafeBitCast(dv, to: SIMD8<UInt16>.self)
        let low = SIMD8<UInt16>(repeating: 0x00FF)
        let rb = blendLanes(s16 & low, d16 & low, a)
        let ga = blendLanes(s16 &>> 8, d16 &>> 8, a)
        let packed = unsafeBitCast(rb | (ga &<< 8), to: SIMD4<UInt32>.self)
        // The alpha lanes hold as*as + (255-as)*255 over 255, not the alpha formula; the
        // true result alpha is exactly 255.
        return unsafeBitCast(packed | SIMD4<UInt32>(repeating: 0xFF00_0000), to: SIMD2<UInt64>.self)
    }

    /// `round((a s + (255 - a) d) / 255)` per 16-bit lane, for lanes holding 0...255.
    @inline(__always)
    static func blendLanes(_ s: SIMD8<UInt16>, _ d: SIMD8<UInt16>, _ a: SIMD8<UInt16>) -> SIMD8<UInt16> {
        let x = (d &<< 8) &- d &+ a &* (s &- d)
        let t = x &+ 128
        return (t &+ (t &>> 8)) &>> 8
    }
}
