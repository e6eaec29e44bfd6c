/// Source-over at a constant coverage `m` (a watermark), sixteen pixels (four 128-bit
/// blocks) per step.
///
/// Onto an opaque destination the result is opaque and, with `k = m as` and
/// `q = |cs - cd|`, each colour is `cd ± z` with `z = round(k q / 65025)` (the sign of
/// `cs - cd`; `x / 65025` is never a tie, so the rounding is symmetric). z is computed
/// exactly in 16-bit lanes without dividing:
/// - `k = 255 k1 + k0` per pixel, `k1 = floor(k / 255)`, `k0 < 255`;
/// - `floor(X / 65025) = floor(floor(X / 255) / 255)` for `X = k q + 32512`, and
///   `floor(X / 255) = k1 q + 127 + floor((k0 q + 127) / 255)` because
///   `32512 = 255 * 127 + 127`; every intermediate stays below 65536;
/// - `floor(x / 255) = ((x + 1) * 257) >> 16` for `x < 65535` (one `pmulhuw`).
/// The tests check the identity for every (m, as, q) and the blocks for every m and as.
/// Other blocks go through the scalar routine, which gives the same bytes.
enum SrcOverOpacityKernel {
    static func row(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>, count: Int, m: UInt32) {
        var i = 0
        #if _endian(little)
        let dRaw = UnsafeMutableRawPointer(d)
        let sRaw = UnsafeRawPointer(s)
        let alpha = SIMD4<UInt32>(repeating: 0xFF00_0000)
        let coverage = SIMD8<UInt16>(repeating: UInt16(truncatingIfNeeded: m))
        // Sixteen pixels per destination test, as in `SrcOverKernel`.
        while i &+ 16 <= count {
            let offset = i &* 4
            let d0 = dRaw.loadUnaligned(fromByteOffset: offset, as: SIMD4<UInt32>.self)
            let d1 = dRaw.loadUnaligned(fromByteOffset: offset &+ 16, as: SIMD4<UInt32>.self)
            let d2 = dRaw.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD4<UInt32>.self)
            let d3 = dRaw.loadUnaligned(fromByteOffset: offset &+ 48, as: SIMD4<UInt32>.self)
            if all((d0 & d1 & d2 & d3 & alpha) .== alpha) {
                let s0 = sRaw.loadUnaligned(fromByteOffset: offset, as: SIMD4<UInt32>.self)
                let s1 = sRaw.loadUnaligned(fromByteOffset: offset &+ 16, as: SIMD4<UInt32>.self)
                let s2 = sRaw.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD4<UInt32>.self)
                let s3 = sRaw.loadUnaligned(fromByteOffset: offset &+ 48, as: SIMD4<UInt32>.self)
                dRaw.storeBytes(of: blendOpaque(s0, d0, coverage: coverage), toByteOffset: offset, as: SIMD4<UInt32>.self)
                dRaw.storeBytes(of: blendOpaque(s1, d1, coverage: coverage), toByteOffset: offset &+ 16, as: SIMD4<UInt32>.self)
                dRaw.storeBytes(of: blendOpaque(s2, d2, coverage: coverage), toByteOffset: offset &+ 32, as: SIMD4<UInt32>.self)
                dRaw.storeBytes(of: blendOpaque(s3, d3, coverage: coverage), toByteOffset: offset &+ 48, as: SIMD4<UInt32>.self)
            } else {
                for j in i ..< i &+ 16 {
                    CompositeRows.srcOverCovered(d + j &* 4, s + j &* 4, m: m)
                }
            }
            i &+= 16
        }
        #endif
        while i < count {
            CompositeRows.srcOverCovered(d + i &* 4, s + i &* 4, m: m)
            i &+= 1
        }
    }

    /// Four source pixels at coverage m over four opaque destination pixels.
    @inline(__always)
    static func blendOpaque(_ sv: SIMD4<UInt32>, _ dv: SIMD4<UInt32>, coverage: SIMD8<UInt16>) -> SIMD4<UInt32> {
        let s8 = unsafeBitCast(sv, to: SIMD16<UInt8>.self)
        let d8 = unsafeBitCast(dv, to: SIMD16<UInt8>.self)
        let up = SrcOverKernel.subtractingSaturated(s8, d8)
        let down = SrcOverKernel.subtractingSaturated(d8, s8)
        let q = unsafeBitCast(up | down, to: SIMD8<UInt16>.self)
        // (k, k) per pixel in both lane pairs; the alpha lane's result is overwritten below.
        let a32 = sv &>> 24
        let k = unsafeBitCast(a32 | (a32 &<< 16), to: SIMD8<UInt16>.self) &* coverage
        let k1 = SrcOverKernel.highProduct257(k &+ 1)
        let k0 = k &- k1 &* 255
        let rb = quotient(q & SIMD8<UInt16>(repeating: 0x00FF), k1, k0)
        let ga = quotient(q &>> 8, k1, k0)
        let z = unsafeBitCast(unsafeBitCast(rb, to: SIMD4<UInt32>.self) | (unsafeBitCast(ga, to: SIMD4<UInt32>.self) &<< 8), to: SIMD16<UInt8>.self)
        // As in SrcOverKernel: z <= q, so max(z - down, 0) is z where cs > cd and 0 elsewhere.
        let pos = SrcOverKernel.subtractingSaturated(z, down)
        let out = (d8 &- z) &+ (pos &+ pos)
        return unsafeBitCast(out, to: SIMD4<UInt32>.self) | SIMD4<UInt32>(repeating: 0xFF00_0000)
    }

    /// `round(k q / 65025)` per lane from `k = 255 k1 + k0`, for `q <= 255`.
    @inline(__always)
    static func quotient(_ q: SIMD8<UInt16>, _ k1: SIMD8<UInt16>, _ k0: SIMD8<UInt16>) -> SIMD8<UInt16> {
        let low = SrcOverKernel.highProduct257(q &* k0 &+ 128)          // floor((k0 q + 127) / 255)
        return SrcOverKernel.highProduct257(q &* k1 &+ low &+ 128)     // floor((k1 q + 127 + low) / 255 ... + 1)
    }
}
