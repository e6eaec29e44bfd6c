/// The accurate integer forward DCT, the same arithmetic as libjpeg's `jpeg_fdct_islow`
/// (jfdctint.c: Loeffler, Ligtenberg and Moschytz's factorisation, 13-bit constants, two
/// extra bits of precision between the passes), so its output is bit-identical to cjpeg's
/// `-dct int` (the default). The output is 8 times the true 2-D DCT, which the quantiser's
/// divisors (8q) take back out.
///
/// Range: inputs are centred samples in -128...127. After the row pass values are at most
/// 8 * 128 * 4 * 1.85 < 2^13 in magnitude, and the products with 13-bit constants (< 2^15)
/// stay below 2^30: Int32 arithmetic cannot overflow, so it uses wrapping operators.
enum ForwardDCT {
    private static let fix0_298631336: Int32 = 2446
    private static let fix0_390180644: Int32 = 3196
    private static let fix0_541196100: Int32 = 4433
    private static let fix0_765366865: Int32 = 6270
    private static let fix0_899976223: Int32 = 7373
    private static let fix1_175875602: Int32 = 9633
    private static let fix1_501321110: Int32 = 12299
    private static let fix1_847759065: Int32 = 15137
    private static let fix1_961570560: Int32 = 16069
    private static let fix2_053119869: Int32 = 16819
    private static let fix2_562915447: Int32 = 20995
    private static let fix3_072711026: Int32 = 25172
    private static let constBits: Int32 = 13
    private static let pass1Bits: Int32 = 2

    /// `(x + 2^(n-1)) >> n`, libjpeg's DESCALE (an arithmetic shift rounding half up).
    @inline(__always)
    private static func descale(_ x: Int32, _ n: Int32) -> Int32 {
        (x &+ (1 &<< (n &- 1))) &>> n
    }

    /// Transforms one block in place: 64 centred samples, row-major, become 64 coefficients
    /// (scaled by 8), row-major. `data` must hold 64 values.
    @inline(__always)
    static func transform(_ data: UnsafeMutablePointer<Int32>) {
        // Pass 1: rows, results scaled up by 2^pass1Bits.
        var row = data
        for _ in 0 ..< 8 {
            let tmp0 = row[0] &+ row[7], tmp7 = row[0] &- row[7]
            let tmp1 = row[1] &+ row[6], tmp6 = row[1] &- row[6]
            let tmp2 = row[2] &+ row[5], tmp5 = row[2] &- row[5]
            let tmp3 = row[3] &+ row[4], tmp4 = row[3] &- row[4]
            butterfly(tmp0, tmp1, tmp2, tmp3, tmp4, tmp5, tmp6, tmp7, out: row, stride: 1,
                      evenShift: pass1Bits, evenIsLeftShift: true, oddShift: constBits &- pass1Bits)
            row += 8
        }
        // Pass 2: columns, removing the pass-1 scale; results stay 8x the true DCT.
        var col = data
        for _ in 0 ..< 8 {
            let tmp0 = col[0] &+ col[56], tmp7 = col[0] &- col[56]
            let tmp1 = col[8] &+ col[48], tmp6 = col[8] &- col[48]
            let tmp2 = col[16] &+ col[40], tmp5 = col[16] &- col[40]
            let tmp3 = col[24] &+ col[32], tmp4 = col[24] &- col[32]
            butterfly(tmp0, tmp1, tmp2, tmp3, tmp4, tmp5, tmp6, tmp7, out: col, stride: 8,
                      evenShift: pass1Bits, evenIsLeftShift: false, oddShift: constBits &+ pass1Bits)
            col += 1
        }
    }

    /// One 8-point transform (the even part per LL&M figure 1, the odd part per figure 8),
    /// writing its outputs `stride` apart. The DC and index-4 outputs are shifted left by
    /// `evenShift` in the row pass and descaled by it in the column pass, as jfdctint.c.
    @inline(__always)
    private static func butterfly(_ tmp0: Int32, _ tmp1: Int32, _ tmp2: Int32, _ tmp3: Int32,
                                  _ i4: Int32, _ i5: Int32, _ i6: Int32, _ i7: Int32,
                                  out: UnsafeMutablePointer<Int32>, stride: Int,
                                  evenShift: Int32, evenIsLeftShift: Bool, oddShift: Int32) {
        let tmp10 = tmp0 &+ tmp3, tmp13 = tmp0 &- tmp3
        let tmp11 = tmp1 &+ tmp2, tmp12 = tmp1 &- tmp2
        if evenIsLeftShift {
            out[0] = (tmp10 &+ tmp11) &<< evenShift
            out[4 &* stride] = (tmp10 &- tmp11) &<< evenShift
        } else {
            out[0] = descale(tmp10 &+ tmp11, evenShift)
            out[4 &* stride] = descale(tmp10 &- tmp11, evenShift)
        }
        let z1e = (tmp12 &+ tmp13) &* fix0_541196100
        out[2 &* stride] = descale(z1e &+ tmp13 &* fix0_765366865, oddShift)
        out[6 &* stride] = descale(z1e &- tmp12 &* fix1_847759065, oddShift)

        var z1 = i4 &+ i7
        var z2 = i5 &+ i6
        var z3 = i4 &+ i6
        var z4 = i5 &+ i7
        let z5 = (z3 &+ z4) &* fix1_175875602
        let t4 = i4 &* fix0_298631336
        let t5 = i5 &* fix2_053119869
        let t6 = i6 &* fix3_072711026
        let t7 = i7 &* fix1_501321110
        z1 = 0 &- z1 &* fix0_899976223
        z2 = 0 &- z2 &* fix2_562915447
        z3 = (0 &- z3 &* fix1_961570560) &+ z5
        z4 = (0 &- z4 &* fix0_390180644) &+ z5
        out[7 &* stride] = descale(t4 &+ z1 &+ z3, oddShift)
        out[5 &* stride] = descale(t5 &+ z2 &+ z4, oddShift)
        out[3 &* stride] = descale(t6 &+ z2 &+ z3, oddShift)
        out[1 &* stride] = descale(t7 &+ z1 &+ z4, oddShift)
    }
}
