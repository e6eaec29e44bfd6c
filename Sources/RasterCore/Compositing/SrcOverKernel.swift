/// The source-over row at full coverage, four pixels at a time.
///
/// Where all four destination pixels are opaque the result is opaque and each colour is
/// `round((as cs + (255 - as) cd) / 255)`; that is computed in 16-bit lanes as
/// `x = 255 cd + as (cs - cd)` (wrapping arithmetic is exact because the true x lies in
/// 0...65025) and `round(x / 255) = (t + (t >> 8)) >> 8` with `t = x + 128`. Other blocks
/// fall back to the scalar pixel routine, which gives the same bytes.
enum SrcOverKernel {
    static let alphaLanes = SIMD16<UInt8>(0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255)

    static func row(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>, count: Int, recip: UnsafePointer<UInt64>) {
        var i = 0
        #if _endian(little)
        let alpha = alphaLanes
        let dRaw = UnsafeMutableRawPointer(d)
        let sRaw = UnsafeRawPointer(s)
        while i &+ 4 <= count {
            let offset = i &* 4
            let dv = dRaw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
            if (dv & alpha) == alpha {
                let sv = sRaw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
                let sa = sv & alpha
                if sa == alpha {
                    dRaw.storeBytes(of: sv, toByteOffset: offset, as: SIMD16<UInt8>.self)
                } else if sa != .zero {
                    dRaw.storeBytes(of: blendOpaque(sv, dv), toByteOffset: offset, as: SIMD16<UInt8>.self)
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

    /// Four source pixels over four opaque destination pixels.
    @inline(__always)
    static func blendOpaque(_ sv: SIMD16<UInt8>, _ dv: SIMD16<UInt8>) -> SIMD16<UInt8> {
        // Spread each pixel's alpha over its four bytes (little-endian: alpha is the top byte).
        let a32 = unsafeBitCast(sv, to: SIMD4<UInt32>.self) &>> 24
        let spread = unsafeBitCast(a32 &* 0x0101_0101, to: SIMD16<UInt8>.self)
        let s16 = SIMD16<UInt16>(truncatingIfNeeded: sv)
        let d16 = SIMD16<UInt16>(truncatingIfNeeded: dv)
        let a16 = SIMD16<UInt16>(truncatingIfNeeded: spread)
        let x = (d16 &<< 8) &- d16 &+ a16 &* (s16 &- d16)
        let t = x &+ 128
        let q = (t &+ (t &>> 8)) &>> 8
        // The alpha lanes computed above are not the alpha formula; the true result is 255.
        return SIMD16<UInt8>(truncatingIfNeeded: q) | alphaLanes
    }
}
