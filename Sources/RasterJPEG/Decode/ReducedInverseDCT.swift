/// libjpeg's reduced-size inverse DCTs for DCT-scaled decoding (jidctred.c:
/// `jpeg_idct_4x4`, `jpeg_idct_2x2`, `jpeg_idct_1x1`), bit for bit. These are what
/// libjpeg-turbo's `djpeg -scale 1/2, 1/4, 1/8` run; its SIMD versions of 4x4 and 2x2 give
/// the same results. Same fixed point as islow (CONST_BITS 13, PASS1_BITS 2); arithmetic
/// wraps as there.
enum ReducedInverseDCT {
    static let fix0_211164243: Int32 = 1730
    static let fix0_509795579: Int32 = 4176
    static let fix0_601344887: Int32 = 4926
    static let fix0_720959822: Int32 = 5906
    static let fix0_765366865: Int32 = 6270
    static let fix0_850430095: Int32 = 6967
    static let fix0_899976223: Int32 = 7373
    static let fix1_061594337: Int32 = 8697
    static let fix1_272758580: Int32 = 10426
    static let fix1_451774981: Int32 = 11893
    static let fix1_847759065: Int32 = 15137
    static let fix2_172734803: Int32 = 17799
    static let fix2_562915447: Int32 = 20995
    static let fix3_624509785: Int32 = 29692

    @inline(__always)
    static func descale(_ x: Int32, _ n: Int32) -> Int32 { (x &+ (1 << (n &- 1))) >> n }

    /// 4x4 output from the block's 8x8 coefficients (row and column 4 are not needed).
    static func idct4x4(_ c: UnsafePointer<Int16>, _ q: UnsafePointer<Int32>,
                        _ output: UnsafeMutablePointer<UInt8>, _ stride: Int,
                        _ ws: UnsafeMutablePointer<Int32>) {
        @inline(__always) func dq(_ i: Int) -> Int32 { Int32(c[i]) &* q[i] }
        for col in 0..<8 where col != 4 {
            if c[8 + col] == 0 && c[16 + col] == 0 && c[24 + col] == 0 && c[40 + col] == 0
                && c[48 + col] == 0 && c[56 + col] == 0 {
                let dc = dq(col) &<< 2
                for r in 0..<4 { ws[r * 8 + col] = dc }
                continue
            }
            let tmp0 = dq(col) &<< 14
            let tmp2 = dq(16 + col) &* fix1_847759065 &+ dq(48 + col) &* (-fix0_765366865)
            let tmp10 = tmp0 &+ tmp2, tmp12 = tmp0 &- tmp2
            let z1 = dq(56 + col), z2 = dq(40 + col), z3 = dq(24 + col), z4 = dq(8 + col)
            let o0 = z1 &* (-fix0_211164243) &+ z2 &* fix1_451774981 &+ z3 &* (-fix2_172734803) &+ z4 &* fix1_061594337
            let o2 = z1 &* (-fix0_509795579) &+ z2 &* (-fix0_601344887) &+ z3 &* fix0_899976223 &+ z4 &* fix2_562915447
            ws[0 * 8 + col] = descale(tmp10 &+ o2, 12)
            ws[3 * 8 + col] = descale(tmp10 &- o2, 12)
            ws[1 * 8 + col] = descale(tmp12 &+ o0, 12)
            ws[2 * 8 + col] = descale(tmp12 &- o0, 12)
        }
        for r in 0..<4 {
            let w = r * 8
            let out = output + r &* stride
            if ws[w + 1] == 0 && ws[w + 2] == 0 && ws[w + 3] == 0 && ws[w + 5] == 0 && ws[w + 6] == 0 && ws[w + 7] == 0 {
                let v = InverseDCT.rangeLimit(descale(ws[w], 5))
                out[0] = v; out[1] = v; out[2] = v; out[3] = v
                continue
            }
            let tmp0 = ws[w] &<< 14
            let tmp2 = ws[w + 2] &* fix1_847759065 &+ ws[w + 6] &* (-fix0_765366865)
            let tmp10 = tmp0 &+ tmp2, tmp12 = tmp0 &- tmp2
            let z1 = ws[w + 7], z2 = ws[w + 5], z3 = ws[w + 3], z4 = ws[w + 1]
            let o0 = z1 &* (-fix0_211164243) &+ z2 &* fix1_451774981 &+ z3 &* (-fix2_172734803) &+ z4 &* fix1_061594337
            let o2 = z1 &* (-fix0_509795579) &+ z2 &* (-fix0_601344887) &+ z3 &* fix0_899976223 &+ z4 &* fix2_562915447
            out[0] = InverseDCT.rangeLimit(descale(tmp10 &+ o2, 19))
            out[3] = InverseDCT.rangeLimit(descale(tmp10 &- o2, 19))
            out[1] = InverseDCT.rangeLimit(descale(tmp12 &+ o0, 19))
            out[2] = InverseDCT.rangeLimit(descale(tmp12 &- o0, 19))
        }
    }

    /// 2x2 output (only coefficient rows and columns 0, 1, 3, 5, 7 are used). Straight-line:
    /// the five pass-1 columns stay in registers (`ws` is not used; the loop over columns
    /// through it cost about 210 instructions a block, the 1/8 chroma of 4:2:0 files).
    /// Kept out of line: inlined into the progressive render loop it made the full-size
    /// IDCT there about 8 M instructions dearer on progressive12.jpg.
    @inline(never)
    static func idct2x2(_ c: UnsafePointer<Int16>, _ q: UnsafePointer<Int32>,
                        _ output: UnsafeMutablePointer<UInt8>, _ stride: Int,
                        _ ws: UnsafeMutablePointer<Int32>) {
        @inline(__always) func dq(_ i: Int) -> Int32 { Int32(c[i]) &* q[i] }
        // Pass 1 on one column: its row-0 term and its odd-row sum.
        @inline(__always) func column(_ col: Int) -> (Int32, Int32) {
            let odd = dq(56 + col) &* (-fix0_720959822) &+ dq(40 + col) &* fix0_850430095
                &+ dq(24 + col) &* (-fix1_272758580) &+ dq(8 + col) &* fix3_624509785
            return column2x2(even: dq(col), odd: odd,
                             oddRowsZero: c[8 + col] | c[24 + col] | c[40 + col] | c[56 + col] == 0)
        }
        let (a0, b0) = column(0), (a1, b1) = column(1), (a3, b3) = column(3)
        let (a5, b5) = column(5), (a7, b7) = column(7)
        row2x2(a0, a1, a3, a5, a7, output)
        row2x2(b0, b1, b3, b5, b7, output + stride)
    }

    /// The 2x2 IDCT's pass 1 on one coefficient column: its two work-array rows, from the
    /// column's dequantised row-0 term (`even`) and its odd rows' weighted sum (`odd`, rows
    /// 1, 3, 5, 7 times FIX(3.624509785), -FIX(1.272758580), FIX(0.850430095),
    /// -FIX(0.720959822)). A column whose odd rows are all zero takes libjpeg's shortcut,
    /// even << 2 (which equals the general formula unless even << 15 overflows).
    @inline(__always)
    static func column2x2(even: Int32, odd: Int32, oddRowsZero: Bool) -> (Int32, Int32) {
        // Both forms computed and one selected: which one applies depends on the data, and
        // as a branch it was mispredicted often enough to matter (five columns a block).
        let dc = even &<< 2
        let tmp10 = even &<< 15
        let a = descale(tmp10 &+ odd, 13), b = descale(tmp10 &- odd, 13)
        return (oddRowsZero ? dc : a, oddRowsZero ? dc : b)
    }

    /// The 2x2 IDCT's pass 2 on one work-array row (columns 0, 1, 3, 5, 7): two samples.
    @inline(__always)
    static func row2x2(_ w0: Int32, _ w1: Int32, _ w3: Int32, _ w5: Int32, _ w7: Int32,
                       _ out: UnsafeMutablePointer<UInt8>) {
        // Selected, not branched on, as in column2x2.
        let flat = w1 | w3 | w5 | w7 == 0
        let tmp10 = w0 &<< 15
        let tmp0 = w7 &* (-fix0_720959822) &+ w5 &* fix0_850430095
            &+ w3 &* (-fix1_272758580) &+ w1 &* fix3_624509785
        let average = descale(w0, 5)
        out[0] = InverseDCT.rangeLimit(flat ? average : descale(tmp10 &+ tmp0, 20))
        out[1] = InverseDCT.rangeLimit(flat ? average : descale(tmp10 &- tmp0, 20))
    }

    /// 1x1 output: the block average, DC / 8 rounded.
    @inline(__always)
    static func idct1x1(_ c: UnsafePointer<Int16>, _ q: UnsafePointer<Int32>,
                        _ output: UnsafeMutablePointer<UInt8>, _ stride: Int) {
        output[0] = InverseDCT.rangeLimit(descale(Int32(c[0]) &* q[0], 3))
    }
}
