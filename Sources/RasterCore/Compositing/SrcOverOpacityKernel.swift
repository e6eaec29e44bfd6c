/// Source-over at a constant coverage `m` (a watermark), sixteen pixels (four 128-bit
/// blocks) per step.
///
/// Onto an opaque destination the result is opaque and, with `k = m as`, each colour is
/// `round(X / 65025)` where `X = k cs + (65025 - k) cd`. Both products and X are integers
/// below 2^24, so single-precision floats hold them exactly. The quotient is then rounded
/// twice, and both roundings are provably harmless:
/// - `X / 65025` is at least `0.5 / 65025 = 7.69e-6` away from any half-integer (X is an
///   integer and 65025 is odd), while the correctly rounded division is off by at most half
///   an ulp below 256, `2^-17 = 7.63e-6`; so the float quotient rounds to the same integer.
/// - adding 2^23 then rounds that float to the nearest integer (its ulp there is 1), which
///   is never a tie by the same margin, and leaves the integer in the low mantissa bits.
/// The tests check the blocks against the exact integer reference. Other blocks go through
/// the scalar routine, which gives the same bytes.
enum SrcOverOpacityKernel {
    static func row(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>, count: Int, m: UInt32) {
        var i = 0
        #if _endian(little)
        let dRaw = UnsafeMutableRawPointer(d)
        let sRaw = UnsafeRawPointer(s)
        let alpha = SIMD4<UInt32>(repeating: 0xFF00_0000)
        let coverage = SIMD4<Float>(repeating: Float(m))
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

    /// Lane values (bytes here) as floats; exact for anything below 2^24.
    @inline(__always)
    static func exactFloat(_ v: SIMD4<UInt32>) -> SIMD4<Float> {
        let i = unsafeBitCast(v, to: SIMD4<Int32>.self)
        return SIMD4<Float>(Float(i[0]), Float(i[1]), Float(i[2]), Float(i[3]))
    }

    /// One channel of four pixels: `round((k cs + ik cd) / 65025)` in the low byte of each lane.
    @inline(__always)
    static func channel(_ sc: SIMD4<UInt32>, _ dc: SIMD4<UInt32>, _ k: SIMD4<Float>, _ ik: SIMD4<Float>) -> SIMD4<UInt32> {
        divide65025Rounded(k * exactFloat(sc) + ik * exactFloat(dc))
    }

    /// `round(x / 65025)` for integer lanes `0 <= x <= 255 * 65025`, as integers.
    @inline(__always)
    static func divide65025Rounded(_ x: SIMD4<Float>) -> SIMD4<UInt32> {
        let rounded = x / 65025 + SIMD4<Float>(repeating: 8_388_608)
        return unsafeBitCast(rounded, to: SIMD4<UInt32>.self) & SIMD4<UInt32>(repeating: 0xFF)
    }

    @inline(__always)
    static func blendOpaque(_ sv: SIMD4<UInt32>, _ dv: SIMD4<UInt32>, coverage: SIMD4<Float>) -> SIMD4<UInt32> {
        let byte = SIMD4<UInt32>(repeating: 0xFF)
        let k = coverage * exactFloat(sv &>> 24)
        let ik = SIMD4<Float>(repeating: 65025) - k
        let r = channel(sv & byte, dv & byte, k, ik)
        let g = channel((sv &>> 8) & byte, (dv &>> 8) & byte, k, ik)
        let b = channel((sv &>> 16) & byte, (dv &>> 16) & byte, k, ik)
        return r | (g &<< 8) | (b &<< 16) | SIMD4<UInt32>(repeating: 0xFF00_0000)
    }
}
