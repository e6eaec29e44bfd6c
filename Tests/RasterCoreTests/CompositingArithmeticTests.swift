import Testing
@testable import RasterCore
import RasterTestSupport

/// Exhaustive checks of the division-free arithmetic the kernels rely on.
@Suite struct CompositingArithmeticTests {
    @Test func div255IsExactlyRoundedForEveryProduct() {
        var bad = 0
        for x in UInt32(0) ... 65025 where CompositeRows.div255(x) != (2 * x + 255) / 510 {
            bad += 1
        }
        #expect(bad == 0)
    }

    /// `roundedDiv255` (`((y + 128) * 257) >> 16` per 16-bit lane) for every product.
    @Test func roundedDiv255IsExactForEveryProduct() {
        var bad = 0
        var y: UInt32 = 0
        while y <= 65025 {
            var lanes = SIMD8<UInt16>()
            for i in 0 ..< 8 { lanes[i] = UInt16(min(y + UInt32(i), 65025)) }
            let got = SrcOverKernel.roundedDiv255(lanes)
            for i in 0 ..< 8 where UInt32(got[i]) != (2 * UInt32(lanes[i]) + 255) / 510 { bad += 1 }
            y += 8
        }
        #expect(bad == 0)
    }

    /// The opaque-destination block `cd ± round(as |cs - cd| / 255)` against
    /// `round((as cs + (255 - as) cd) / 255)` for every (as, cs, cd): red carries (cs, cd),
    /// green (cd, cs), blue (255 - cs, cd), so every pair meets every channel.
    @Test func opaqueDestinationBlockIsExactForEveryAlphaAndChannelPair() {
        var bad = 0
        for a in UInt32(0) ... 255 {
            for cs in UInt32(0) ... 255 {
                var cd: UInt32 = 0
                while cd < 256 {
                    var sv = SIMD4<UInt32>(), dv = SIMD4<UInt32>()
                    for i in 0 ..< 4 {
                        let d = cd + UInt32(i)
                        sv[i] = cs | d << 8 | (255 - cs) << 16 | a << 24
                        dv[i] = d | cs << 8 | d << 16 | 0xFF00_0000
                    }
                    let out = SrcOverKernel.blendOpaque(sv, dv)
                    for i in 0 ..< 4 {
                        let d = cd + UInt32(i)
                        let r = (a * cs + (255 - a) * d + 127) / 255
                        let g = (a * d + (255 - a) * cs + 127) / 255
                        let b = (a * (255 - cs) + (255 - a) * d + 127) / 255
                        if out[i] != r | g << 8 | b << 16 | 0xFF00_0000 { bad += 1 }
                    }
                    cd += 4
                }
            }
        }
        #expect(bad == 0)
    }

    /// `(t * ceil(2^40 / d)) >> 40 == t / d` for every divisor. With `r = (2^40 + e) / d` the
    /// product never undershoots, and it overshoots into the next quotient only if
    /// `t * e >= 2^40` at some `t = q d + d - 1`; that grows with t, so checking the largest
    /// t the kernels use (256 d - 1) for every d proves every t below it.
    @Test func reciprocalTableIsExactForEveryDivisor() {
        var bad = 0
        ReciprocalTable.values.withUnsafeBufferPointer { table in
            for d in UInt64(1) ... 65025 {
                let r = table[Int(d)]
                for t in [256 * d - 1, 255 * d + d / 2, 255 * d, 255 * d - 1, d, d - 1, 128 * d - 1, 0]
                where (t * r) >> 40 != t / d {
                    bad += 1
                }
            }
        }
        #expect(bad == 0)
    }

    /// Every numerator for a spread of divisors, including the small ones.
    @Test func reciprocalTableIsExactExhaustivelyForSampledDivisors() {
        var bad = 0
        ReciprocalTable.values.withUnsafeBufferPointer { table in
            for d in [1, 2, 3, 127, 128, 255, 256, 257, 1000, 4095] as [UInt64] {
                let r = table[Int(d)]
                for t in 0 ..< 256 * d where (t * r) >> 40 != t / d { bad += 1 }
            }
        }
        #expect(bad == 0)
    }

    /// The float rounding of the constant-coverage kernel: every quotient boundary and
    /// half-integer neighbourhood (where a rounding error would show), and a stride through
    /// all the rest.
    @Test func floatDivisionBy65025RoundsExactly() {
        var xs: [UInt32] = []
        for n in UInt32(0) ... 255 {
            for offset in [-2, -1, 0, 1, 2, 32510, 32511, 32512, 32513, 32514, 32515] as [Int64] {
                let x = Int64(n) * 65025 + offset
                if x >= 0 && x <= 255 * 65025 { xs.append(UInt32(x)) }
            }
        }
        xs += stride(from: UInt32(0), through: 255 * 65025, by: 97).map { $0 }
        var bad = 0
        var i = 0
        while i + 4 <= xs.count {
            let v = SIMD4<UInt32>(xs[i], xs[i + 1], xs[i + 2], xs[i + 3])
            let f = SIMD4<Float>(Float(v[0]), Float(v[1]), Float(v[2]), Float(v[3]))
            let got = SrcOverOpacityKernel.divide65025Rounded(f)
            for lane in 0 ..< 4 where got[lane] != (2 * v[lane] + 65025) / 130050 { bad += 1 }
            i += 4
        }
        #expect(bad == 0)
    }
}
