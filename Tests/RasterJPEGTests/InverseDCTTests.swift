import Testing
@testable import RasterJPEG

/// The 16-bit SIMD islow (`InverseDCT.islow16`) against libjpeg's C formulas in 32 bits
/// (`InverseDCT.islowWide`): equal on blocks a real encoder makes (islow forward DCT of
/// random, flat, noisy and extreme 8x8 samples, quantised with many tables), and it never
/// traps on arbitrary coefficients.
@Suite struct InverseDCTTests {
    /// xorshift64: deterministic test data without Foundation.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    @Test func matchesLibjpegFormulasOnEncodedBlocks() {
        var rng = Rng(state: 0x9E37_79B9_7F4A_7C15)
        var data = [Int32](repeating: 0, count: 64)
        var coefficients = [Int16](repeating: 0, count: 64)
        var quant = [Int32](repeating: 1, count: 64)
        var simd = [UInt8](repeating: 0, count: 64), reference = [UInt8](repeating: 0, count: 64)
        var mismatches = 0, blocks = 0, nonDC = 0
        for iteration in 0 ..< 20000 {
            let base = rng.below(256) - 128
            for i in 0 ..< 64 {
                let sample: Int
                switch iteration % 5 {
                case 0: sample = rng.below(256) - 128                                  // noise
                case 1: sample = base + rng.below(9) - 4                               // nearly flat
                case 2: sample = (i % 8 + i / 8) % 2 == 0 ? 127 : -128                 // checkerboard
                case 3: sample = (i % 8) * 32 - 128 + rng.below(3)                     // ramp
                default: sample = rng.below(2) == 0 ? 127 : -128                       // extremes
                }
                data[i] = Int32(max(-128, min(127, sample)))
            }
            data.withUnsafeMutableBufferPointer { ForwardDCT.transform($0.baseAddress!) }
            let scale = iteration % 7 == 0 ? 1 : rng.below(255) + 1
            for k in 0 ..< 64 { quant[k] = Int32(max(1, min(255, scale * (1 + rng.below(3)) / 2))) }
            for k in 0 ..< 64 {
                // Round |x| / (8q) half away from zero, as the encoder's quantiser.
                let d = 8 * quant[k], x = data[k]
                let q = (abs(x) + d / 2) / d
                coefficients[k] = Int16(x < 0 ? -q : q)
            }
            if coefficients[1...].contains(where: { $0 != 0 }) { nonDC += 1 }
            coefficients.withUnsafeBufferPointer { c in
                quant.withUnsafeBufferPointer { q in
                    simd.withUnsafeMutableBufferPointer { o in
                        InverseDCT.islow16(c.baseAddress!, q.baseAddress!, o.baseAddress!, 8)
                    }
                    reference.withUnsafeMutableBufferPointer { o in
                        InverseDCT.islowWide(c.baseAddress!, q.baseAddress!, o.baseAddress!, 8)
                    }
                }
            }
            blocks += 1
            mismatches += zip(simd, reference).filter { $0 != $1 }.count
        }
        print("islow16 vs libjpeg formulas: \(blocks) blocks (\(nonDC) with AC terms), \(mismatches) samples differ")
        #expect(mismatches == 0)
        #expect(nonDC > 10000)
    }

    @Test func arbitraryCoefficientsNeverTrap() {
        var rng = Rng(state: 12345)
        var coefficients = [Int16](repeating: 0, count: 64)
        var quant = [Int32](repeating: 1, count: 64)
        var out = [UInt8](repeating: 0, count: 64)
        for _ in 0 ..< 5000 {
            for k in 0 ..< 64 {
                coefficients[k] = Int16(truncatingIfNeeded: rng.next())
                quant[k] = Int32(rng.below(32768))
            }
            coefficients.withUnsafeBufferPointer { c in
                quant.withUnsafeBufferPointer { q in
                    out.withUnsafeMutableBufferPointer { o in
                        InverseDCT.islow(c.baseAddress!, q.baseAddress!, o.baseAddress!, 8, narrowQuant: true)
                    }
                }
            }
        }
        #expect(out.count == 64)
    }
}
