/// Colour conversion to RGBA, matching libjpeg's jdcolor.c tables bit for bit.
///
/// YCbCr (JFIF, ITU-R BT.601 full range): libjpeg's `build_ycc_rgb_table` with 16-bit
/// fixed point: R = Y + round(1.402 (Cr-128)), B = Y + round(1.772 (Cb-128)),
/// G = Y + ((-0.34414 (Cb-128) - 0.71414 (Cr-128) + 1/2) >> 16), each clamped to 0...255.
///
/// CMYK and YCCK become RGB by one formula, the one the conformance references use
/// (Pillow's `cmyk2rgb` after libjpeg's output): with C, M, Y, K in "ink" sense
/// (0 = no ink), R = (255 - K) - round((255 - K) * C / 255), likewise G from M and B
/// from Y, where the rounding is libjpeg/Pillow's exact MULDIV255. Adobe writes CMYK
/// inverted (255 = no ink), so with an Adobe APP14 segment the stored values are
/// inverted first; YCCK first becomes that inverted CMYK through the YCbCr tables.
enum ColorConverter {
    static let crToR: [Int32] = (0..<256).map { ((91881 &* Int32($0 - 128)) &+ (1 << 15)) >> 16 }
    static let cbToB: [Int32] = (0..<256).map { ((116130 &* Int32($0 - 128)) &+ (1 << 15)) >> 16 }
    static let crToG: [Int32] = (0..<256).map { -46802 &* Int32($0 - 128) }
    static let cbToG: [Int32] = (0..<256).map { -22554 &* Int32($0 - 128) &+ (1 << 15) }

    @inline(__always)
    static func clamp(_ x: Int32) -> UInt8 { UInt8(truncatingIfNeeded: x < 0 ? 0 : (x > 255 ? 255 : x)) }

    // MARK: 16-bit lane kernels
    //
    // Every row below works on 16 output pixels per step in SSE2-sized vectors: bytes are
    // widened to 16-bit lanes by zero-extension (punpcklbw/punpckhbw), products are 16 x
    // 16 bits (pmulhw, pmaddwd), results are saturated back to bytes (packuswb) and
    // interleaved into RGBA by byte and word unpacks, then stored as four 16-byte words.
    // (Checked in the assembly: Swift 6.3 lowers the concrete SIMD conversions used here,
    // `clamped` on Int16 lanes before a truncation to packuswb, and the lane-order
    // initialisers to unpack instructions.)

    typealias Lanes = SIMD8<Int16>

    /// Bytes 0 ..< 8 (or 8 ..< 16 when `high`) of `v` zero-extended to 16-bit lanes: the
    /// bytes interleaved with zeros (punpcklbw / punpckhbw) and read as words. Written
    /// lane by lane because Swift's generic SIMD conversions (`init(truncatingIfNeeded:)`
    /// between vector types) stayed calls in the package build.
    @inline(__always)
    static func widen(_ v: SIMD16<UInt8>, high: Bool) -> Lanes {
        let o = high ? 8 : 0
        let z: UInt8 = 0
        let bytes = SIMD16<UInt8>(v[o], z, v[o + 1], z, v[o + 2], z, v[o + 3], z,
                                  v[o + 4], z, v[o + 5], z, v[o + 6], z, v[o + 7], z)
        return unsafeBitCast(bytes, to: Lanes.self)
    }

    /// Eight bytes at `p` zero-extended to 16-bit lanes (movq + punpcklbw).
    @inline(__always)
    static func load8(_ p: UnsafePointer<UInt8>) -> Lanes {
        let v = UnsafeRawPointer(p).loadUnaligned(as: SIMD8<UInt8>.self)
        let z: UInt8 = 0
        let bytes = SIMD16<UInt8>(v[0], z, v[1], z, v[2], z, v[3], z, v[4], z, v[5], z, v[6], z, v[7], z)
        return unsafeBitCast(bytes, to: Lanes.self)
    }

    /// Sixteen bytes at `p` as two groups of 16-bit lanes (low eight, high eight).
    @inline(__always)
    static func load16(_ p: UnsafePointer<UInt8>) -> (Lanes, Lanes) {
        let v = UnsafeRawPointer(p).loadUnaligned(as: SIMD16<UInt8>.self)
        return (widen(v, high: false), widen(v, high: true))
    }

    /// Sign-extends 16-bit lanes to 32 bits, lane by lane.
    @inline(__always)
    static func wide(_ a: Lanes) -> SIMD8<Int32> {
        SIMD8<Int32>(Int32(a[0]), Int32(a[1]), Int32(a[2]), Int32(a[3]),
                     Int32(a[4]), Int32(a[5]), Int32(a[6]), Int32(a[7]))
    }

    /// The low 16 bits of each 32-bit lane.
    @inline(__always)
    static func narrow(_ a: SIMD8<Int32>) -> Lanes {
        Lanes(Int16(truncatingIfNeeded: a[0]), Int16(truncatingIfNeeded: a[1]),
              Int16(truncatingIfNeeded: a[2]), Int16(truncatingIfNeeded: a[3]),
              Int16(truncatingIfNeeded: a[4]), Int16(truncatingIfNeeded: a[5]),
              Int16(truncatingIfNeeded: a[6]), Int16(truncatingIfNeeded: a[7]))
    }

    /// (a * k) >> 16 per lane, the signed high half of the 32-bit product (pmulhw).
    @inline(__always)
    static func mulHigh(_ a: Lanes, _ k: Lanes) -> Lanes {
        narrow((wide(a) &* wide(k)) &>> 16)
    }

    /// The two pmulhw multipliers of the R and B terms. The kernels load them from memory
    /// inside the loop (through a pointer the output stores might alias, so the load is
    /// not hoisted): with a literal splat LLVM lowered the high-half product to two
    /// pmaddwd with (k, 0) pairs, two shifts and a pack per eight lanes, and with the
    /// vector loaded once before the loop it sign-extended it there and multiplied in
    /// 32-bit lanes (pmuludq emulation), because instruction selection sees one basic
    /// block at a time. Loaded in the loop body, the product is one pmulhw (checked in the
    /// assembly, Swift 6.3).
    struct Multipliers {
        var red = Lanes(repeating: 26345)
        var blue = Lanes(repeating: -14942)
    }

    /// Lanes (a0, b0, a1, b1, ...) from the low (`high` false) or high halves of a and b.
    @inline(__always)
    static func interleave(_ a: Lanes, _ b: Lanes, high: Bool) -> Lanes {
        high ? Lanes(a[4], b[4], a[5], b[5], a[6], b[6], a[7], b[7])
            : Lanes(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3])
    }

    /// Two groups of lanes saturated to 0...255 and packed into 16 bytes (packuswb).
    @inline(__always)
    static func pack(_ a: Lanes, _ b: Lanes) -> SIMD16<UInt8> {
        let lo = Lanes(repeating: 0), hi = Lanes(repeating: 255)
        let p = a.clamped(lowerBound: lo, upperBound: hi), q = b.clamped(lowerBound: lo, upperBound: hi)
        @inline(__always) func byte(_ v: Int16) -> UInt8 { UInt8(truncatingIfNeeded: v) }
        return SIMD16<UInt8>(byte(p[0]), byte(p[1]), byte(p[2]), byte(p[3]), byte(p[4]), byte(p[5]), byte(p[6]), byte(p[7]),
                             byte(q[0]), byte(q[1]), byte(q[2]), byte(q[3]), byte(q[4]), byte(q[5]), byte(q[6]), byte(q[7]))
    }

    /// Stores 16 RGBA pixels (64 bytes) from R, G, B bytes, alpha 255.
    @inline(__always)
    static func storeRGBA(_ r: SIMD16<UInt8>, _ g: SIMD16<UInt8>, _ b: SIMD16<UInt8>, _ out: UnsafeMutableRawPointer) {
        let a = SIMD16<UInt8>(repeating: 255)
        // punpcklbw / punpckhbw: (r0 g0 r1 g1 ...) and (b0 a b1 a ...).
        let rgLow = SIMD16<UInt8>(r[0], g[0], r[1], g[1], r[2], g[2], r[3], g[3],
                                  r[4], g[4], r[5], g[5], r[6], g[6], r[7], g[7])
        let rgHigh = SIMD16<UInt8>(r[8], g[8], r[9], g[9], r[10], g[10], r[11], g[11],
                                   r[12], g[12], r[13], g[13], r[14], g[14], r[15], g[15])
        let baLow = SIMD16<UInt8>(b[0], a[0], b[1], a[1], b[2], a[2], b[3], a[3],
                                  b[4], a[4], b[5], a[5], b[6], a[6], b[7], a[7])
        let baHigh = SIMD16<UInt8>(b[8], a[8], b[9], a[9], b[10], a[10], b[11], a[11],
                                   b[12], a[12], b[13], a[13], b[14], a[14], b[15], a[15])
        // punpcklwd / punpckhwd of the byte pairs gives whole pixels.
        @inline(__always) func words(_ v: SIMD16<UInt8>) -> SIMD8<UInt16> { unsafeBitCast(v, to: SIMD8<UInt16>.self) }
        @inline(__always) func zip(_ p: SIMD8<UInt16>, _ q: SIMD8<UInt16>, _ high: Bool) -> SIMD8<UInt16> {
            high ? SIMD8<UInt16>(p[4], q[4], p[5], q[5], p[6], q[6], p[7], q[7])
                : SIMD8<UInt16>(p[0], q[0], p[1], q[1], p[2], q[2], p[3], q[3])
        }
        let rgL = words(rgLow), rgH = words(rgHigh), baL = words(baLow), baH = words(baHigh)
        out.storeBytes(of: zip(rgL, baL, false), as: SIMD8<UInt16>.self)
        (out + 16).storeBytes(of: zip(rgL, baL, true), as: SIMD8<UInt16>.self)
        (out + 32).storeBytes(of: zip(rgH, baH, false), as: SIMD8<UInt16>.self)
        (out + 48).storeBytes(of: zip(rgH, baH, true), as: SIMD8<UInt16>.self)
    }

    /// ycc_rgb_convert of eight pixels in 16-bit lanes (Y, Cb, Cr in 0...255), before the
    /// saturation. The tables' own expressions, with c = Cr - 128 and d = Cb - 128 in
    /// -128...127 and the constants split so every product is 16 x 16 bits:
    ///   R = Y + c + ((26345 c + 2^15) >> 16)        (91881 c = 65536 c + 26345 c)
    ///   B = Y + 2d + ((2^15 - 14942 d) >> 16)        (116130 d = 131072 d - 14942 d)
    ///   G = Y - c + ((18734 c - 22554 d + 2^15) >> 16)   (-46802 c = -65536 c + 18734 c)
    /// exact, because adding a multiple of 2^16 commutes with the arithmetic shift. R and
    /// B use pmulhw: (k x + 2^15) >> 16 = ((2x k >> 16) + 1) >> 1 (floor of a floor), with
    /// 2x in -256...254; G's sum of two products is formed exactly in 32 bits (pmaddwd).
    @inline(__always)
    static func yccLanes(_ y: Lanes, _ cb: Lanes, _ cr: Lanes, _ k: Multipliers) -> (Lanes, Lanes, Lanes) {
        let c = cr &- 128, d = cb &- 128
        let c2 = c &<< 1, d2 = d &<< 1
        let red = y &+ c &+ ((mulHigh(c2, k.red) &+ 1) &>> 1)
        let blue = y &+ d2 &+ ((mulHigh(d2, k.blue) &+ 1) &>> 1)
        let gSum = wide(c) &* 18734 &+ wide(d) &* -22554 &+ SIMD8<Int32>(repeating: 32768)
        let green = y &- c &+ narrow(gSum &>> 16)
        return (red, green, blue)
    }

    /// Converts 16 pixels: Y bytes at `y`, chroma already in lanes (low and high eight).
    @inline(__always)
    static func ycc16(_ y: UnsafePointer<UInt8>, _ cb: (Lanes, Lanes), _ cr: (Lanes, Lanes),
                      _ k: UnsafePointer<Multipliers>, _ out: UnsafeMutableRawPointer) {
        let (y0, y1) = load16(y)
        let m = k.pointee
        let (r0, g0, b0) = yccLanes(y0, cb.0, cr.0, m)
        let (r1, g1, b1) = yccLanes(y1, cb.1, cr.1, m)
        storeRGBA(pack(r0, r1), pack(g0, g1), pack(b0, b1), out)
    }

    /// Runs `kernel(x, destination)` for x = 0, 16, 32 ... < width. Whole groups write
    /// straight into `out` (pixels x ..< x + 16 <= width are inside the row); the last
    /// partial group goes through a 64-byte buffer and only its `width - x` pixels are
    /// copied. Kernels may read their inputs up to 16 samples (32 for upsampled chroma)
    /// past the row: every input row this is called on has that slack allocated (see
    /// OutputStage), and those lanes only feed pixels that are never copied.
    @inline(__always)
    static func sixteenAtATime(_ width: Int, _ out: UnsafeMutablePointer<UInt8>,
                               _ kernel: (Int, UnsafeMutableRawPointer) -> Void) {
        var x = 0
        while x &+ 16 <= width {
            kernel(x, UnsafeMutableRawPointer(out + x &* 4))
            x &+= 16
        }
        if x < width {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { t in
                guard let tail = t.baseAddress else { return }
                kernel(x, UnsafeMutableRawPointer(tail))
                UnsafeMutableRawPointer(out + x &* 4).copyMemory(from: tail, byteCount: (width &- x) &* 4)
            }
        }
    }

    /// ycc_rgb_convert for one row of `width` pixels, all three rows full width.
    static func yccRow(_ y: UnsafePointer<UInt8>, _ cb: UnsafePointer<UInt8>, _ cr: UnsafePointer<UInt8>,
                       _ k: UnsafePointer<Multipliers>, _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        sixteenAtATime(width, out) { x, o in
            ycc16(y + x, load16(cb + x), load16(cr + x), k, o)
        }
    }

    /// 4:2:0 fused: h2v2 fancy upsampling of both chroma rows (nearer and further
    /// component rows, each `chromaWidth` samples with the edge samples replicated one
    /// place outside the row, see `Upsample.h2v2Lanes`) straight into the conversion.
    static func yccRowH2V2(_ y: UnsafePointer<UInt8>,
                           _ cbNear: UnsafePointer<UInt8>, _ cbFar: UnsafePointer<UInt8>,
                           _ crNear: UnsafePointer<UInt8>, _ crFar: UnsafePointer<UInt8>,
                           _ k: UnsafePointer<Multipliers>, _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        sixteenAtATime(width, out) { x, o in
            let i = x &>> 1
            ycc16(y + x, Upsample.h2v2Lanes(cbNear + i, cbFar + i), Upsample.h2v2Lanes(crNear + i, crFar + i), k, o)
        }
    }

    /// 4:2:2 fused: h2v1 fancy upsampling (edges replicated as for `yccRowH2V2`).
    static func yccRowH2V1(_ y: UnsafePointer<UInt8>, _ cb: UnsafePointer<UInt8>, _ cr: UnsafePointer<UInt8>,
                           _ k: UnsafePointer<Multipliers>, _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        sixteenAtATime(width, out) { x, o in
            let i = x &>> 1
            ycc16(y + x, Upsample.h2v1Lanes(cb + i), Upsample.h2v1Lanes(cr + i), k, o)
        }
    }

    /// 4:4:0 fused: h1v2 fancy upsampling with the row's bias (1 above, 2 below).
    static func yccRowH1V2(_ y: UnsafePointer<UInt8>,
                           _ cbNear: UnsafePointer<UInt8>, _ cbFar: UnsafePointer<UInt8>,
                           _ crNear: UnsafePointer<UInt8>, _ crFar: UnsafePointer<UInt8>, bias: Int16,
                           _ k: UnsafePointer<Multipliers>, _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        sixteenAtATime(width, out) { x, o in
            ycc16(y + x, Upsample.h1v2Lanes(cbNear + x, cbFar + x, bias: bias),
                  Upsample.h1v2Lanes(crNear + x, crFar + x, bias: bias), k, o)
        }
    }

    static func grayRow(_ y: UnsafePointer<UInt8>, _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        sixteenAtATime(width, out) { x, o in
            let v = UnsafeRawPointer(y + x).loadUnaligned(as: SIMD16<UInt8>.self)
            storeRGBA(v, v, v, o)
        }
    }

    static func rgbRow(_ r: UnsafePointer<UInt8>, _ g: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>,
                       _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        sixteenAtATime(width, out) { x, o in
            storeRGBA(UnsafeRawPointer(r + x).loadUnaligned(as: SIMD16<UInt8>.self),
                      UnsafeRawPointer(g + x).loadUnaligned(as: SIMD16<UInt8>.self),
                      UnsafeRawPointer(b + x).loadUnaligned(as: SIMD16<UInt8>.self), o)
        }
    }

    /// Pillow's MULDIV255: round(a * b / 255) for a, b in 0...255, exactly.
    @inline(__always)
    static func mulDiv255(_ a: Int32, _ b: Int32) -> Int32 {
        let t = a &* b &+ 128
        return ((t >> 8) &+ t) >> 8
    }

    /// CMYK (or YCCK when `ycck`) to RGB; `inverted` when an Adobe segment says the values
    /// are stored as Adobe writes them (255 = no ink).
    static func cmykRow(_ c0: UnsafePointer<UInt8>, _ c1: UnsafePointer<UInt8>, _ c2: UnsafePointer<UInt8>,
                        _ c3: UnsafePointer<UInt8>, ycck: Bool, inverted: Bool,
                        _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        for x in 0..<width {
            // libjpeg's output: CMYK as stored, or from YCCK 255 - (YCbCr->RGB) and K.
            var c = Int32(c0[x]), m = Int32(c1[x]), yy = Int32(c2[x])
            let k = Int32(c3[x])
            if ycck {
                let l = c, b = Int(m), r = Int(yy)
                c = 255 &- Int32(clamp(l &+ crToR[r]))
                m = 255 &- Int32(clamp(l &+ ((cbToG[b] &+ crToG[r]) >> 16)))
                yy = 255 &- Int32(clamp(l &+ cbToB[b]))
            }
            // Ink amounts: inverted storage means ink = 255 - value.
            let inkC = inverted ? 255 &- c : c
            let inkM = inverted ? 255 &- m : m
            let inkY = inverted ? 255 &- yy : yy
            let nk = inverted ? k : 255 &- k
            let o = out + x &* 4
            o[0] = clamp(nk &- mulDiv255(inkC, nk))
            o[1] = clamp(nk &- mulDiv255(inkM, nk))
            o[2] = clamp(nk &- mulDiv255(inkY, nk))
            o[3] = 255
        }
    }
}
