/// libjpeg's accurate integer inverse DCT, `jpeg_idct_islow` (jidctint.c), bit for bit:
/// the Loeffler-Ligtenberg-Moschytz algorithm in 13-bit fixed point (CONST_BITS = 13),
/// two extra bits kept between the passes (PASS1_BITS = 2), columns first, then rows, each
/// result range-limited through `rangeLimit`.
///
/// Pass 1 runs on all eight columns at once: with one SIMD vector per coefficient row, the
/// column transform is lane-wise. Its shortcut for columns whose AC terms are zero is not
/// needed: the general formula gives exactly `dc << 2` for them (tmp0 = dc << 13 and
/// (dc << 13 + 2^10) >> 11 = dc << 2). Pass 2 runs per row with libjpeg's zero-row test,
/// which is likewise exact (DESCALE(ws0 << 13, 18) = DESCALE(ws0, 5)).
///
/// Arithmetic wraps (`&+`, `&*`): with valid 16-bit coefficients and quantisers the values
/// stay far inside Int32; corrupt input can only produce wrong samples, never a trap.
enum InverseDCT {
    static let fix0_298631336: Int32 = 2446
    static let fix0_390180644: Int32 = 3196
    static let fix0_541196100: Int32 = 4433
    static let fix0_765366865: Int32 = 6270
    static let fix0_899976223: Int32 = 7373
    static let fix1_175875602: Int32 = 9633
    static let fix1_501321110: Int32 = 12299
    static let fix1_847759065: Int32 = 15137
    static let fix1_961570560: Int32 = 16069
    static let fix2_053119869: Int32 = 16819
    static let fix2_562915447: Int32 = 20995
    static let fix3_072711026: Int32 = 25172

    /// libjpeg's post-IDCT range limit (`IDCT_range_limit`, a 1024-entry table indexed by
    /// the value masked to 10 bits): x + 128 clamped to 0...255 for x in -384...383, and
    /// the same wrap-around as the table for corrupt values outside.
    @inline(__always)
    static func rangeLimit(_ x: Int32) -> UInt8 {
        let s = (x &+ 128) & 1023
        return s < 256 ? UInt8(truncatingIfNeeded: s) : (s < 640 ? 255 : 0)
    }

    /// True when the 63 AC coefficients of the block are all zero (16 word loads; the
    /// mask drops the DC, the low 16 bits of the first little-endian word).
    @inline(__always)
    static func hasNoAC(_ coefficients: UnsafePointer<Int16>) -> Bool {
        let raw = UnsafeRawPointer(coefficients)
        var acOr = raw.loadUnaligned(as: UInt64.self) & 0xFFFF_FFFF_FFFF_0000
        for i in 1..<16 { acOr |= raw.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self) }
        return acOr == 0
    }

    /// Zeroes a block with 16 word stores (a memset call per block cost more).
    @inline(__always)
    static func clear(_ coefficients: UnsafeMutablePointer<Int16>) {
        let raw = UnsafeMutableRawPointer(coefficients)
        for i in 0..<16 { raw.storeBytes(of: UInt64(0), toByteOffset: i &* 8, as: UInt64.self) }
    }

    /// Decodes one block: `coefficients` (64, natural order) times `quant` (64, natural
    /// order) to 8x8 samples at `output`, rows `stride` bytes apart.
    @inline(__always)
    /// `narrowQuant`: every quantiser is at most 32767 (true for all 8-bit tables), so the
    /// dequantising products are 16 x 16 bits.
    static func islow(_ coefficients: UnsafePointer<Int16>, _ quant: UnsafePointer<Int32>,
                      _ output: UnsafeMutablePointer<UInt8>, _ stride: Int, narrowQuant: Bool) {
        // All AC zero (most blocks of smooth areas): every sample is the DC average.
        if hasNoAC(coefficients) {
            let dc = Int32(coefficients[0]) &* quant[0]
            let value = rangeLimit((dc &+ 4) >> 3)
            let word = UInt64(value) &* 0x0101_0101_0101_0101
            for row in 0..<8 { UnsafeMutableRawPointer(output + row &* stride).storeBytes(of: word, as: UInt64.self) }
            return
        }
        typealias V = SIMD8<Int32>
        typealias H = SIMD8<Int16>
        // Dequantise row by row in 32 bits (exact: 16-bit by 16-bit products), then see
        // whether every value fits 16 bits, as it does for any valid 8-bit JPEG.
        let qraw = UnsafeRawPointer(quant)
        @inline(__always) func dequantized(_ k: Int) -> V {
            let p = coefficients + k &* 8
            let c = V(Int32(p[0]), Int32(p[1]), Int32(p[2]), Int32(p[3]), Int32(p[4]), Int32(p[5]), Int32(p[6]), Int32(p[7]))
            let q = qraw.loadUnaligned(fromByteOffset: k &* 32, as: V.self)
            // (q << 16) >> 16 is q when it fits 16 bits; it tells LLVM the lanes are 16-bit
            // values, so the multiply is one pmaddwd instead of an emulated 32-bit one.
            return narrowQuant ? c &* ((q &<< 16) &>> 16) : c &* q
        }
        let d0 = dequantized(0), d1 = dequantized(1), d2 = dequantized(2), d3 = dequantized(3)
        let d4 = dequantized(4), d5 = dequantized(5), d6 = dequantized(6), d7 = dequantized(7)
        // d fits 16 bits exactly when d + 2^15 has no bits above bit 15 (as an unsigned
        // 32-bit value); OR the lanes' high halves together and test once. (The
        // stdlib's pointwiseMin/Max and `all` were not inlined here: 10% of the decode.)
        let h = V(repeating: 32768)
        let high = ((d0 &+ h) | (d1 &+ h) | (d2 &+ h) | (d3 &+ h) | (d4 &+ h) | (d5 &+ h) | (d6 &+ h) | (d7 &+ h))
            & V(repeating: ~0xFFFF)
        let words = unsafeBitCast(high, to: (UInt64, UInt64, UInt64, UInt64).self)
        let inRange = (words.0 | words.1 | words.2 | words.3) == 0
        var ws: (V, V, V, V, V, V, V, V)
        if inRange {
            // Pass 1 with every product 16 x 16 bits (SSE2's pmaddwd), libjpeg's formulas
            // multiplied out: (a + b) * c1 + b * c2 = a * c1 + b * (c1 + c2) is exact in
            // integers, so the column results are libjpeg's exactly. Even part:
            //   tmp2 = z2 * 4433 + z3 * (4433 - 15137),  tmp3 = z2 * (4433 + 6270) + z3 * 4433.
            // Odd part, inputs t0..t3 = rows 7, 5, 3, 1, z5 = (t0 + t1 + t2 + t3) * 9633:
            //   T0 = t0 (2446 - 7373 - 16069 + 9633) + t1 9633 + t2 (9633 - 16069) + t3 (9633 - 7373)
            // and likewise T1..T3 (constants below). Every |constant| < 2^14 and every
            // input < 2^15, so each sum of four products stays inside Int32.
            @inline(__always) func w(_ d: V) -> V { (d &<< 16) &>> 16 }
            let r0 = w(d0), r1 = w(d1), r2 = w(d2), r3 = w(d3), r4 = w(d4), r5 = w(d5), r6 = w(d6), r7 = w(d7)
            let tmp2 = r2 &* 4433 &+ r6 &* -10704
            let tmp3 = r2 &* 10703 &+ r6 &* 4433
            let tmp0 = (r0 &+ r4) &<< 13
            let tmp1 = (r0 &- r4) &<< 13
            let tmp10 = tmp0 &+ tmp3, tmp13 = tmp0 &- tmp3
            let tmp11 = tmp1 &+ tmp2, tmp12 = tmp1 &- tmp2
            let o0 = r7 &* -11363 &+ r5 &* 9633 &+ r3 &* -6436 &+ r1 &* 2260
            let o1 = r7 &* 9633 &+ r5 &* 2261 &+ r3 &* -11362 &+ r1 &* 6437
            let o2 = r7 &* -6436 &+ r5 &* -11362 &+ r3 &* -2259 &+ r1 &* 9633
            let o3 = r7 &* 2260 &+ r5 &* 6437 &+ r3 &* 9633 &+ r1 &* 11363
            let half1 = V(repeating: 1 << 10)
            ws = ((tmp10 &+ o3 &+ half1) &>> 11, (tmp11 &+ o2 &+ half1) &>> 11,
                  (tmp12 &+ o1 &+ half1) &>> 11, (tmp13 &+ o0 &+ half1) &>> 11,
                  (tmp13 &- o0 &+ half1) &>> 11, (tmp12 &- o1 &+ half1) &>> 11,
                  (tmp11 &- o2 &+ half1) &>> 11, (tmp10 &- o3 &+ half1) &>> 11)
        } else {
            ws = pass1Wide(d0, d1, d2, d3, d4, d5, d6, d7)
        }
        // Pass 2: rows of the work array; w[k] is row k, lane j column j.
        withUnsafeBytes(of: &ws) { raw in
            let w = raw.baseAddress!.assumingMemoryBound(to: Int32.self)
            for k in 0..<8 {
                let out = output + k &* stride
                // The work array is row-major (vector k is row k): element (row k,
                // column j) sits at w[k * 8 + j].
                @inline(__always) func at(_ j: Int) -> Int32 { w[k &* 8 &+ j] }
                let w1 = at(1), w2 = at(2), w3 = at(3), w4 = at(4), w5 = at(5), w6 = at(6), w7 = at(7)
                if (w1 | w2 | w3 | w4 | w5 | w6 | w7) == 0 {
                    let value = rangeLimit((at(0) &+ 16) >> 5)
                    UnsafeMutableRawPointer(out).storeBytes(of: UInt64(value) &* 0x0101_0101_0101_0101, as: UInt64.self)
                    continue
                }
                let w0 = at(0)
                var z1 = (w2 &+ w6) &* fix0_541196100
                var t2 = z1 &+ w6 &* (-fix1_847759065)
                var t3 = z1 &+ w2 &* fix0_765366865
                var t0 = (w0 &+ w4) &<< 13
                var t1 = (w0 &- w4) &<< 13
                let t10 = t0 &+ t3, t13 = t0 &- t3, t11 = t1 &+ t2, t12 = t1 &- t2
                t0 = w7; t1 = w5; t2 = w3; t3 = w1
                z1 = t0 &+ t3
                var z2 = t1 &+ t2
                var z3 = t0 &+ t2
                var z4 = t1 &+ t3
                let z5 = (z3 &+ z4) &* fix1_175875602
                t0 = t0 &* fix0_298631336
                t1 = t1 &* fix2_053119869
                t2 = t2 &* fix3_072711026
                t3 = t3 &* fix1_501321110
                z1 = z1 &* (-fix0_899976223)
                z2 = z2 &* (-fix2_562915447)
                z3 = z3 &* (-fix1_961570560) &+ z5
                z4 = z4 &* (-fix0_390180644) &+ z5
                t0 = t0 &+ z1 &+ z3
                t1 = t1 &+ z2 &+ z4
                t2 = t2 &+ z2 &+ z3
                t3 = t3 &+ z1 &+ z4
                let half: Int32 = 1 << 17
                out[0] = rangeLimit((t10 &+ t3 &+ half) >> 18)
                out[7] = rangeLimit((t10 &- t3 &+ half) >> 18)
                out[1] = rangeLimit((t11 &+ t2 &+ half) >> 18)
                out[6] = rangeLimit((t11 &- t2 &+ half) >> 18)
                out[2] = rangeLimit((t12 &+ t1 &+ half) >> 18)
                out[5] = rangeLimit((t12 &- t1 &+ half) >> 18)
                out[3] = rangeLimit((t13 &+ t0 &+ half) >> 18)
                out[4] = rangeLimit((t13 &- t0 &+ half) >> 18)
            }
        }
    }

    /// Pass 1 in 32-bit lanes, libjpeg's formulas as written, for blocks whose
    /// dequantised values do not fit 16 bits (16-bit quantisers, or corrupt data).
    @inline(never)
    static func pass1Wide(_ r0: SIMD8<Int32>, _ r1: SIMD8<Int32>, _ r2: SIMD8<Int32>, _ r3: SIMD8<Int32>,
                          _ r4: SIMD8<Int32>, _ r5: SIMD8<Int32>, _ r6: SIMD8<Int32>, _ r7: SIMD8<Int32>)
        -> (SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>) {
        typealias V = SIMD8<Int32>
        // Pass 1: columns, lane j = column j.
        var z1 = (r2 &+ r6) &* fix0_541196100
        var tmp2 = z1 &+ r6 &* (-fix1_847759065)
        var tmp3 = z1 &+ r2 &* fix0_765366865
        var tmp0 = (r0 &+ r4) &<< 13
        var tmp1 = (r0 &- r4) &<< 13
        let tmp10 = tmp0 &+ tmp3, tmp13 = tmp0 &- tmp3
        let tmp11 = tmp1 &+ tmp2, tmp12 = tmp1 &- tmp2
        tmp0 = r7; tmp1 = r5; tmp2 = r3; tmp3 = r1
        z1 = tmp0 &+ tmp3
        var z2 = tmp1 &+ tmp2
        var z3 = tmp0 &+ tmp2
        var z4 = tmp1 &+ tmp3
        let z5 = (z3 &+ z4) &* fix1_175875602
        tmp0 = tmp0 &* fix0_298631336
        tmp1 = tmp1 &* fix2_053119869
        tmp2 = tmp2 &* fix3_072711026
        tmp3 = tmp3 &* fix1_501321110
        z1 = z1 &* (-fix0_899976223)
        z2 = z2 &* (-fix2_562915447)
        z3 = z3 &* (-fix1_961570560) &+ z5
        z4 = z4 &* (-fix0_390180644) &+ z5
        tmp0 = tmp0 &+ z1 &+ z3
        tmp1 = tmp1 &+ z2 &+ z4
        tmp2 = tmp2 &+ z2 &+ z3
        tmp3 = tmp3 &+ z1 &+ z4
        let half1 = V(repeating: 1 << 10)
        return (
            (tmp10 &+ tmp3 &+ half1) &>> 11, (tmp11 &+ tmp2 &+ half1) &>> 11,
            (tmp12 &+ tmp1 &+ half1) &>> 11, (tmp13 &+ tmp0 &+ half1) &>> 11,
            (tmp13 &- tmp0 &+ half1) &>> 11, (tmp12 &- tmp1 &+ half1) &>> 11,
            (tmp11 &- tmp2 &+ half1) &>> 11, (tmp10 &- tmp3 &+ half1) &>> 11)
    }
}
