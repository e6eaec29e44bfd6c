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
    @inline(__always)
    static func blendOpaque(_ sv: SIMD4<UInt32>, _ dv: SIMD4<UInt32>) -> SIMD4<UInt32> {
        // (as, 0) per pixel: the weight for the (green, alpha) lanes. Weighting the alpha lane
        // by 0 leaves 255 * ad = 65025 there, which rounds to the true result alpha, 255.
        let a32 = sv &>> 24
        let aGA = unsafeBitCast(a32, to: SIMD8<UInt16>.self)
        // (as, as) per pixel for the (red, blue) lanes.
        let aRB = unsafeBitCast(a32 | (a32 &<< 16), to: SIMD8<UInt16>.self)
        let s16 = unsafeBitCast(sv, to: SIMD8<UInt16>.self)
        let d16 = unsafeBitCast(dv, to: SIMD8<UInt16>.self)
        let low = SIMD8<UInt16>(repeating: 0x00FF)
        let full = SIMD8<UInt16>(repeating: 255)
        let rb = blendLanes(s16 & low, d16 & low, aRB, full &- aRB)
        let ga = blendLanes(s16 &>> 8, d16 &>> 8, aGA, full &- aGA)
        return unsafeBitCast(rb | (ga &<< 8), to: SIMD4<UInt32>.self)
    }

    /// `round((a s + (255 - a) d) / 255)` per 16-bit lane, for lanes holding 0...255.
    @inline(__always)
    static func blendLanes(_ s: SIMD8<UInt16>, _ d: SIMD8<UInt16>, _ a: SIMD8<UInt16>, _ ia: SIMD8<UInt16>) -> SIMD8<UInt16> {
        let x = s &* a &+ d &* ia
        let t = x &+ 128
        // (t * 257) >> 16 == (t + (t >> 8)) >> 8; written this way it becomes one pmulhuw.
        let wide = SIMD8<UInt32>(UInt32(t[0]), UInt32(t[1]), UInt32(t[2]), UInt32(t[3]), UInt32(t[4]), UInt32(t[5]), UInt32(t[6]), UInt32(t[7]))
        return SIMD8<UInt16>(truncatingIfNeeded: (wide &* 257) &>> 16)
    }
}
