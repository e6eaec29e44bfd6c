/// Source-over at a constant coverage `m` (a watermark), four pixels per 128-bit block.
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
        while i &+ 4 <= count {
            let offset = i &* 4
            let dv = dRaw.loadUnaligned(fromByteOffset: offset, as: SIMD4<UInt32>.self)
            if all((dv & alpha) .== alpha) {
                let sv = sRaw.loadUnaligned(fromByteOffset: offset, as: SIMD4<UInt32>.self)
                dRaw.storeBytes(of: blendOpaque(sv, dv, coverage: coverage), toByteOffset: offset, as: SIMD4<UInt32>.self)
            } else {
                for j in i ..< i &+ 4 {
                    CompositeRows.srcOverCovered(d + j &* 4, s + j &* 4, m: m)
                }
            }
            i &+= 4
        }
        #endif
        while i < count {
            CompositeRows.srcOverCovered(d + i &* 4, s + i &* 4, m: m)
            i &+= 1
        }
    }

    /// Lane values below 2^23 as floats, exactly: `2^23 + v` has `v` as its mantissa bits.
    @inline(__always)
    static func exactFloat(_ v: SIMD4<UInt32>) -> SIMD4<Float> {
        unsafeBitCast(v | SIMD4<UInt32>(repeating: 0x4B00_0000), to: SIMD4<Float>.self) - SIMD4<Float>(repeating: 8_388_608)
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
