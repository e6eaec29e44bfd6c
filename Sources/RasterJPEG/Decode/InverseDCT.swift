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

    /// Decodes one block: `coefficients` (64, natural order) times `quant` (64, natural
    /// order) to 8x8 samples at `output`, rows `stride` bytes apart.
    @inline(__always)
    static func islow(_ coefficients: UnsafePointer<Int16>, _ quant: UnsafePointer<Int32>,
                      _ output: UnsafeMutablePointer<UInt8>, _ stride: Int) {
        // All AC zero (most blocks of smooth areas): every sample is the DC average.
        let raw = UnsafeRawPointer(coefficients)
        var acOr = raw.loadUnaligned(as: UInt64.self) & 0xFFFF_FFFF_FFFF_0000
        for i in 1..<16 { acOr |= raw.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self) }
        if acOr == 0 {
            let dc = Int32(coefficients[0]) &* quant[0]
            let value = rangeLimit((dc &+ 4) >> 3)
            let word = UInt64(value) &* 0x0101_0101_0101_0101
            for row in 0..<8 { UnsafeMutableRawPointer(output + row &* stride).storeBytes(of: word, as: UInt64.self) }
            return
        }
        typealias V = SIMD8<Int32>
        @inline(__always) func row(_ k: Int) -> V {
            var c = V()
            for j in 0..<8 { c[j] = Int32(coefficients[k &* 8 &+ j]) }
            var q = V()
            for j in 0..<8 { q[j] = quant[k &* 8 &+ j] }
            return c &* q
        }
        // Pass 1: columns, lane j = column j.
        let r0 = row(0), r1 = row(1), r2 = row(2), r3 = row(3)
        let r4 = row(4), r5 = row(5), r6 = row(6), r7 = row(7)
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
        var ws = (
            (tmp10 &+ tmp3 &+ half1) &>> 11, (tmp11 &+ tmp2 &+ half1) &>> 11,
            (tmp12 &+ tmp1 &+ half1) &>> 11, (tmp13 &+ tmp0 &+ half1) &>> 11,
            (tmp13 &- tmp0 &+ half1) &>> 11, (tmp12 &- tmp1 &+ half1) &>> 11,
            (tmp11 &- tmp2 &+ half1) &>> 11, (tmp10 &- tmp3 &+ half1) &>> 11)
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
}
