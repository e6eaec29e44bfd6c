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
    /// `narrowQuant`: every quantiser is at most 32767 (true for all 8-bit tables), so the
    /// dequantising products are 16 x 16 bits.
    @inline(__always)
    static func islow(_ coefficients: UnsafePointer<Int16>, _ quant: UnsafePointer<Int32>,
                      _ output: UnsafeMutablePointer<UInt8>, _ stride: Int, narrowQuant: Bool) {
        if narrowQuant {
            islow16(coefficients, quant, output, stride)
        } else {
            islowWide(coefficients, quant, output, stride)
        }
    }

    typealias H = SIMD8<Int16>
    typealias W = SIMD8<Int32>

    /// Lanes 0-3 of `a` and `b` interleaved (`punpcklwd`).
    @inline(__always)
    static func zipLow(_ a: H, _ b: H) -> H { H(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3]) }

    /// Lanes 4-7 of `a` and `b` interleaved (`punpckhwd`).
    @inline(__always)
    static func zipHigh(_ a: H, _ b: H) -> H { H(a[4], b[4], a[5], b[5], a[6], b[6], a[7], b[7]) }

    /// `a` and `b` interleaved lane by lane, seen as eight 32-bit lanes: lane j holds a[j]
    /// in its low and b[j] in its high half.
    @inline(__always)
    static func pairs(_ a: H, _ b: H) -> W {
        unsafeBitCast((zipLow(a, b), zipHigh(a, b)), to: W.self)
    }

    /// a[j] * c0 + b[j] * c1 for the pairs of `pairs(a, b)`, exact in 32 bits (two 16 x 16
    /// products; LLVM emits one `pmaddwd` per four lanes for this shape).
    @inline(__always)
    static func madd(_ ab: W, _ c0: Int32, _ c1: Int32) -> W {
        ((ab &<< 16) &>> 16) &* c0 &+ (ab &>> 16) &* c1
    }

    /// x[j] * 2^13 + bias in 32 bits: `x` placed in the high halves (`punpcklwd` with
    /// zero), shifted down by 3.
    @inline(__always)
    static func widenShifted13(_ x: H, _ bias: Int32) -> W {
        (pairs(H(repeating: 0), x) &>> 3) &+ bias
    }

    /// The accurate IDCT's butterfly on eight lanes: inputs x0...x7 (coefficient index k),
    /// outputs o0...o7 before descaling, as 32-bit lanes. The rotations are libjpeg's
    /// formulas multiplied out so every product is 16 x 16 bits and each pair of products
    /// is one `pmaddwd` (libjpeg-turbo's jidctint-sse2 does the same):
    ///   even: tmp3 = x2 * (F0.541 + F0.765) + x6 * F0.541, tmp2 = x2 * F0.541 + x6 * (F0.541 - F1.847)
    ///   odd:  with z3 = x7 + x3, z4 = x5 + x1 (16-bit adds, as the SSE2 code),
    ///     z3' = z3 * (F1.175 - F1.961) + z4 * F1.175,  z4' = z3 * F1.175 + z4 * (F1.175 - F0.390)
    ///     t0 = x7 * (F0.298 - F0.899) - x1 * F0.899 + z3',  t3 = -x7 * F0.899 + x1 * (F1.501 - F0.899) + z4'
    ///     t1 = x5 * (F2.053 - F2.562) - x3 * F2.562 + z4',  t2 = -x5 * F2.562 + x3 * (F3.072 - F2.562) + z3'
    /// which are libjpeg's tmp0...tmp3 exactly (the distributive law in integers); every
    /// constant is inside Int16. `bias` is added to every output (the rounding term of the
    /// descale, folded into the even part once).
    ///
    /// Bounds: for a valid stream every input is far inside Int16 (libjpeg: dequantised
    /// coefficients of about 11 bits plus the quantiser's rounding slack, pass-1 outputs of
    /// BITS_IN_JSAMPLE + PASS1_BITS + 3 = 13 bits), so the 16-bit adds do not wrap, and
    /// every product pair and sum is below 2^30 in magnitude, so the 32-bit adds do not
    /// wrap either: the outputs are libjpeg's C values. For corrupt input the 16-bit adds
    /// wrap as libjpeg-turbo's SIMD code does (paddw), and in the most extreme cases a
    /// 32-bit sum can wrap; all operators wrap, so the result is some samples, never a trap.
    @inline(__always)
    static func butterfly(_ x0: H, _ x1: H, _ x2: H, _ x3: H, _ x4: H, _ x5: H, _ x6: H, _ x7: H,
                          bias: Int32) -> (W, W, W, W, W, W, W, W) {
        let p26 = pairs(x2, x6)
        let tmp3 = madd(p26, 10703, 4433)
        let tmp2 = madd(p26, 4433, -10704)
        let tmp0 = widenShifted13(x0 &+ x4, bias)
        let tmp1 = widenShifted13(x0 &- x4, bias)
        let tmp10 = tmp0 &+ tmp3, tmp13 = tmp0 &- tmp3
        let tmp11 = tmp1 &+ tmp2, tmp12 = tmp1 &- tmp2

        let pz = pairs(x7 &+ x3, x5 &+ x1)
        let z3 = madd(pz, -6436, 9633)
        let z4 = madd(pz, 9633, 6437)
        let p71 = pairs(x7, x1)
        let t0 = madd(p71, -4927, -7373) &+ z3
        let t3 = madd(p71, -7373, 4926) &+ z4
        let p53 = pairs(x5, x3)
        let t1 = madd(p53, -4176, -20995) &+ z4
        let t2 = madd(p53, -20995, 4177) &+ z3
        return (tmp10 &+ t3, tmp11 &+ t2, tmp12 &+ t1, tmp13 &+ t0,
                tmp13 &- t0, tmp12 &- t1, tmp11 &- t2, tmp10 &- t3)
    }

    /// 8x8 transpose of 16-bit lanes: three rounds of interleaving (words, then 32-bit,
    /// then 64-bit units), 24 unpack instructions.
    @inline(__always)
    static func transpose(_ v: (H, H, H, H, H, H, H, H)) -> (H, H, H, H, H, H, H, H) {
        transposeRounds23(pairs(v.0, v.1), pairs(v.2, v.3), pairs(v.4, v.5), pairs(v.6, v.7))
    }

    /// Rounds 2 and 3 of the 8x8 16-bit transpose. Input k holds rows 2k and 2k + 1
    /// interleaved (`pairs`): 32-bit lane j = (row 2k, column j) | (row 2k + 1, column j) << 16.
    /// Output j is column j of the 8x8 matrix (lane r = row r).
    @inline(__always)
    static func transposeRounds23(_ p01: W, _ p23: W, _ p45: W, _ p67: W) -> (H, H, H, H, H, H, H, H) {
        typealias D = SIMD4<Int32>
        typealias Q = SIMD2<Int64>
        @inline(__always) func halves(_ w: W) -> (D, D) { unsafeBitCast(w, to: (D, D).self) }
        let (a0, a1) = halves(p01), (a2, a3) = halves(p23), (a4, a5) = halves(p45), (a6, a7) = halves(p67)
        // Round 2: 32-bit units (pairs of rows' words).
        @inline(__always) func lo32(_ x: D, _ y: D) -> Q { unsafeBitCast(D(x[0], y[0], x[1], y[1]), to: Q.self) }
        @inline(__always) func hi32(_ x: D, _ y: D) -> Q { unsafeBitCast(D(x[2], y[2], x[3], y[3]), to: Q.self) }
        let b0 = lo32(a0, a2), b1 = hi32(a0, a2), b2 = lo32(a1, a3), b3 = hi32(a1, a3)
        let b4 = lo32(a4, a6), b5 = hi32(a4, a6), b6 = lo32(a5, a7), b7 = hi32(a5, a7)
        // Round 3: 64-bit units; output j is column j of the input.
        @inline(__always) func lo64(_ x: Q, _ y: Q) -> H { unsafeBitCast(Q(x[0], y[0]), to: H.self) }
        @inline(__always) func hi64(_ x: Q, _ y: Q) -> H { unsafeBitCast(Q(x[1], y[1]), to: H.self) }
        return (lo64(b0, b4), hi64(b0, b4), lo64(b1, b5), hi64(b1, b5),
                lo64(b2, b6), hi64(b2, b6), lo64(b3, b7), hi64(b3, b7))
    }

    /// The 16-bit SIMD islow, libjpeg-turbo's jidctint-sse2 arrangement: the block in eight
    /// 8-lane 16-bit vectors, dequantised with 16-bit multiplies (`pmullw`, wrapping),
    /// pass 1 on the columns (lane j = column j), descaled and narrowed to 16 bits, an 8x8
    /// transpose, pass 2 on the rows (lane r = row r), descaled, +128, clamped to 0...255
    /// (`packuswb`), and the 8x8 bytes transposed back to rows and stored.
    ///
    /// Exactness against libjpeg's C islow: the butterfly is exact (see `butterfly`);
    /// the C code's two shortcuts (zero AC column in pass 1, zero row in pass 2) give what
    /// the general formulas give; for a valid stream the dequantised values, the pass-1
    /// outputs and the 16-bit sums fit Int16, so the 16-bit steps lose nothing; the C
    /// range limit is x + 128 clamped to 0...255 for x in -384...383, which is what the
    /// final clamp does (and any x, wider than the table's range, is clamped rather than
    /// wrapped, as libjpeg-turbo's SIMD code does).
    @inline(__always)
    static func islow16(_ coefficients: UnsafePointer<Int16>, _ quant: UnsafePointer<Int32>,
                        _ output: UnsafeMutablePointer<UInt8>, _ stride: Int) {
        let craw = UnsafeRawPointer(coefficients), qraw = UnsafeRawPointer(quant)
        // Rows of coefficients (64 Int16 = 8 loads of 16 bytes, the block's 128 bytes).
        @inline(__always) func row(_ k: Int) -> H { craw.loadUnaligned(fromByteOffset: k &* 16, as: H.self) }
        let c0 = row(0), c1 = row(1), c2 = row(2), c3 = row(3), c4 = row(4), c5 = row(5), c6 = row(6), c7 = row(7)
        // All AC zero (most blocks of smooth areas): every sample is the DC average.
        let lower = c1 | c2 | c3 | c4 | c5 | c6 | c7
        let ac = (c0 & H(0, -1, -1, -1, -1, -1, -1, -1)) | lower
        let acWords = unsafeBitCast(ac, to: SIMD2<UInt64>.self)
        if (acWords[0] | acWords[1]) == 0 {
            let dc = Int32(coefficients[0]) &* quant[0]
            let value = rangeLimit((dc &+ 4) >> 3)
            let word = UInt64(value) &* 0x0101_0101_0101_0101
            for r in 0..<8 { UnsafeMutableRawPointer(output + r &* stride).storeBytes(of: word, as: UInt64.self) }
            return
        }
        // Quantisers: Int32 each, at most 32767 and not negative here (narrowQuant), so
        // the high half of every 32-bit lane is zero and (lanes 0-3) | (lanes 4-7) << 16,
        // seen as 16-bit lanes, is the row in the column order 0, 4, 1, 5, 2, 6, 3, 7 (two
        // instructions; narrowing to the natural order cost nine). The coefficients are
        // put in the same order (the column transform is lane-wise, so pass 1 does not
        // care), and pass 2 takes its inputs from the transposed vectors in that order.
        typealias D = SIMD4<Int32>
        @inline(__always) func q(_ k: Int) -> H {
            let lo = qraw.loadUnaligned(fromByteOffset: k &* 32, as: D.self)
            let hi = qraw.loadUnaligned(fromByteOffset: k &* 32 &+ 16, as: D.self)
            return unsafeBitCast(lo | (hi &<< 16), to: H.self)
        }
        @inline(__always) func perm(_ c: H) -> H { zipLow(c, H(c[4], c[5], c[6], c[7], c[4], c[5], c[6], c[7])) }
        let d0 = perm(c0) &* q(0), d1 = perm(c1) &* q(1), d2 = perm(c2) &* q(2), d3 = perm(c3) &* q(3)
        let d4 = perm(c4) &* q(4), d5 = perm(c5) &* q(5), d6 = perm(c6) &* q(6), d7 = perm(c7) &* q(7)

        // Pass 1, columns (lane i = column 0, 4, 1, 5, 2, 6, 3, 7): descale by
        // CONST_BITS - PASS1_BITS = 11 with rounding (the 2^10 is the bias) and keep the
        // low 16 bits; for a valid stream the result fits 16 bits (libjpeg's bound) and this
        // is libjpeg's value. Bits 11...26 of x are the high half of x << 5: taking the odd
        // 16-bit lanes is `psrad 16` + `packssdw`, which LLVM emits for this shuffle (a
        // truncation of x >> 11 became a chain of word shuffles).
        @inline(__always) func n1(_ x: W) -> H {
            let v = unsafeBitCast(x &<< 5, to: SIMD16<Int16>.self)
            return H(v[1], v[3], v[5], v[7], v[9], v[11], v[13], v[15])
        }
        let t: (H, H, H, H, H, H, H, H)
        let lowerWords = unsafeBitCast(lower, to: SIMD2<UInt64>.self)
        if (lowerWords[0] | lowerWords[1]) == 0 {
            // Rows 1-7 all zero (only horizontal frequencies): every column's pass-1 output
            // is its DC term << PASS1_BITS (libjpeg's zero-column shortcut, which the general
            // formula also gives: ((d << 13) + 2^10) >> 11 = d << 2), so the transposed
            // vector of column j is d0[j] << 2 in every lane. 16-bit shift as libjpeg-turbo's
            // SIMD shortcut (psllw); no wrap for a valid stream (|d| < 2^13).
            let e = d0 &<< 2
            t = (H(repeating: e[0]), H(repeating: e[1]), H(repeating: e[2]), H(repeating: e[3]),
                 H(repeating: e[4]), H(repeating: e[5]), H(repeating: e[6]), H(repeating: e[7]))
        } else {
            let p = butterfly(d0, d1, d2, d3, d4, d5, d6, d7, bias: 1 << 10)
            t = transpose((n1(p.0), n1(p.1), n1(p.2), n1(p.3), n1(p.4), n1(p.5), n1(p.6), n1(p.7)))
        }

        // Pass 2, rows (lane r = row r); t.i is column order[i] for order 0, 4, 1, 5, 2, 6,
        // 3, 7. Descale by CONST_BITS + PASS1_BITS + 3 = 18 with rounding, plus 128 (128 << 18
        // in the bias: floor((x + 2^17) / 2^18) + 128 is floor((x + 2^17 + 2^25) / 2^18)
        // while the sum does not wrap, true for every valid stream, see `butterfly`).
        // x >> 18 of an Int32 fits 14 bits, so the narrowing is exact. (The stdlib's generic
        // SIMD conversions, `init(truncatingIfNeeded:)`, were calls in the package build,
        // with spills around them, so none is used here.)
        let s = butterfly(t.0, t.2, t.4, t.6, t.1, t.3, t.5, t.7, bias: (1 << 17) &+ (128 << 18))
        @inline(__always) func n2(_ x: W) -> H {
            // x >> 18 is the high half of x >> 2: the odd 16-bit lanes (`psrad`, `packssdw`).
            let v = unsafeBitCast(x &>> 2, to: SIMD16<Int16>.self)
            return H(v[1], v[3], v[5], v[7], v[9], v[11], v[13], v[15])
        }
        // Output column m, lane r = row r: transpose back to rows, clamp each row to
        // 0...255 and narrow to bytes (`packuswb`).
        let rows = transpose((n2(s.0), n2(s.1), n2(s.2), n2(s.3), n2(s.4), n2(s.5), n2(s.6), n2(s.7)))
        @inline(__always) func put(_ r: Int, _ v: H) {
            let zero = H(repeating: 0), top = H(repeating: 255)
            let a = v.replacing(with: zero, where: v .< zero)
            let bytes = SIMD8<UInt8>(truncatingIfNeeded: a.replacing(with: top, where: a .> top))
            UnsafeMutableRawPointer(output + r &* stride).storeBytes(of: bytes, as: SIMD8<UInt8>.self)
        }
        put(0, rows.0); put(1, rows.1); put(2, rows.2); put(3, rows.3)
        put(4, rows.4); put(5, rows.5); put(6, rows.6); put(7, rows.7)
    }

    /// The 32-bit islow for blocks with quantisers above 32767 (16-bit tables): libjpeg's
    /// C formulas (pass 1 in 32-bit SIMD lanes, pass 2 per row), range-limited through
    /// `rangeLimit`.
    @inline(never)
    static func islowWide(_ coefficients: UnsafePointer<Int16>, _ quant: UnsafePointer<Int32>,
                          _ output: UnsafeMutablePointer<UInt8>, _ stride: Int) {
        if hasNoAC(coefficients) {
            let dc = Int32(coefficients[0]) &* quant[0]
            let value = rangeLimit((dc &+ 4) >> 3)
            let word = UInt64(value) &* 0x0101_0101_0101_0101
            for row in 0..<8 { UnsafeMutableRawPointer(output + row &* stride).storeBytes(of: word, as: UInt64.self) }
            return
        }
        typealias V = SIMD8<Int32>
        @inline(__always) func dequantized(_ k: Int) -> V {
            let p = coefficients + k &* 8
            let c = V(Int32(p[0]), Int32(p[1]), Int32(p[2]), Int32(p[3]), Int32(p[4]), Int32(p[5]), Int32(p[6]), Int32(p[7]))
            return c &* UnsafeRawPointer(quant).loadUnaligned(fromByteOffset: k &* 32, as: V.self)
        }
        var ws = pass1Wide(dequantized(0), dequantized(1), dequantized(2), dequantized(3),
                           dequantized(4), dequantized(5), dequantized(6), dequantized(7))
        // Pass 2: rows of the work array; w[k] is row k, lane j column j.
        withUnsafeBytes(of: &ws) { raw in
            guard let w = raw.baseAddress?.assumingMemoryBound(to: Int32.self) else { return }
            for k in 0..<8 {
                let out = output + k &* stride
                @inline(__always) func at(_ j: Int) -> Int32 { w[k &* 8 &+ j] }
                let w0 = at(0), w1 = at(1), w2 = at(2), w3 = at(3), w4 = at(4), w5 = at(5), w6 = at(6), w7 = at(7)
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
