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

    /// `highProduct257(x + 1) == floor(x / 255)` for every x the kernels feed it.
    @Test func highProduct257IsFloorDivisionBy255() {
        var bad = 0
        var x: UInt32 = 0
        while x < 65535 {
            var lanes = SIMD8<UInt16>()
            for i in 0 ..< 8 { lanes[i] = UInt16(min(x + UInt32(i), 65534) + 1) }
            let got = SrcOverKernel.highProduct257(lanes)
            for i in 0 ..< 8 where UInt32(got[i]) != (UInt32(lanes[i]) - 1) / 255 { bad += 1 }
            x += 8
        }
        #expect(bad == 0)
    }

    /// The constant-coverage block `cd ± round(m as |cs - cd| / 65025)` against
    /// `round((k cs + (65025 - k) cd) / 65025)`, `k = m as`, for every (m, as, q = |cs - cd|)
    /// with both signs: red carries (q, 0), green (0, q), blue (255, 255 - q).
    @Test func constantCoverageBlockIsExactForEveryCoverageAlphaAndDifference() {
        var bad = 0
        for m in UInt32(0) ... 255 {
            let coverage = SIMD8<UInt16>(repeating: UInt16(m))
            for a in UInt32(0) ... 255 {
                let k = m * a
                var q: UInt32 = 0
                while q < 256 {
                    var sv = SIMD4<UInt32>(), dv = SIMD4<UInt32>()
                    for i in 0 ..< 4 {
                        let v = q + UInt32(i)
                        sv[i] = v | 255 << 16 | a << 24
                        dv[i] = v << 8 | (255 - v) << 16 | 0xFF00_0000
                    }
                    let out = SrcOverOpacityKernel.blendOpaque(sv, dv, coverage: coverage)
                    for i in 0 ..< 4 {
                        let v = q + UInt32(i)
                        func mix(_ cs: UInt32, _ cd: UInt32) -> UInt32 { (k * cs + (65025 - k) * cd + 32512) / 65025 }
                        let want = mix(v, 0) | mix(0, v) << 8 | mix(255, 255 - v) << 16 | 0xFF00_0000
                        if out[i] != want { bad += 1 }
                    }
                    q += 4
                }
            }
        }
        #expect(bad == 0)
    }
}
