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

    /// ycc_rgb_convert for one row of `width` pixels. Eight pixels at a time in SIMD
    /// lanes, computing the tables' own expressions (each table entry is the expression
    /// at one input), so the result is the same bit for bit. The constants are split so
    /// every product is 16 bits by 16 bits, which SSE2 multiplies natively (it has no
    /// 32-bit lane multiply): with c = Cr - 128 and d = Cb - 128 in -128...127,
    ///   91881 c = 65536 c + 26345 c, so (91881 c + 2^15) >> 16 = c + ((26345 c + 2^15) >> 16);
    ///   116130 d = 131072 d - 14942 d, so (116130 d + 2^15) >> 16 = 2d + ((2^15 - 14942 d) >> 16);
    ///   -46802 c = -65536 c + 18734 c, so the G term is -c + ((18734 c - 22554 d + 2^15) >> 16);
    /// exact, because adding a multiple of 2^16 commutes with the arithmetic shift.
    /// ycc_rgb_convert for one row of `width` pixels. Eight pixels at a time in SIMD
    /// lanes, computing the tables' own expressions (each table entry is the expression
    /// at one input), so the result is the same bit for bit. The constants are split so
    /// every product is 16 bits by 16 bits, which SSE2 multiplies natively (it has no
    /// 32-bit lane multiply): with c = Cr - 128 and d = Cb - 128 in -128...127,
    ///   91881 c = 65536 c + 26345 c, so (91881 c + 2^15) >> 16 = c + ((26345 c + 2^15) >> 16);
    ///   116130 d = 131072 d - 14942 d, so (116130 d + 2^15) >> 16 = 2d + ((2^15 - 14942 d) >> 16);
    ///   -46802 c = -65536 c + 18734 c, so the G term is -c + ((18734 c - 22554 d + 2^15) >> 16);
    /// exact, because adding a multiple of 2^16 commutes with the arithmetic shift.
    /// (A plain scalar loop of the same arithmetic was measured slower: LLVM did not
    /// vectorise it.)
    static func yccRow(_ y: UnsafePointer<UInt8>, _ cb: UnsafePointer<UInt8>, _ cr: UnsafePointer<UInt8>,
                       _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        typealias V = SIMD8<Int32>
        let zero = V(repeating: 0), top = V(repeating: 255), half = V(repeating: 32768)
        var x = 0
        // Whole groups of 8: reads y/cb/cr[x ..< x + 8] and writes out[4x ..< 4x + 32],
        // inside the row since x + 8 <= width.
        while x &+ 8 <= width {
            // Lane-by-lane widening: Swift's generic SIMD conversions are not lowered to
            // vector instructions, eight scalar loads are.
            @inline(__always) func widen(_ p: UnsafePointer<UInt8>) -> V {
                V(Int32(p[0]), Int32(p[1]), Int32(p[2]), Int32(p[3]), Int32(p[4]), Int32(p[5]), Int32(p[6]), Int32(p[7]))
            }
            let l = widen(y + x)
            let b = widen(cb + x) &- 128, r = widen(cr + x) &- 128
            var red = l &+ r &+ ((r &* 26345 &+ half) &>> 16)
            var green = l &- r &+ ((r &* 18734 &+ b &* -22554 &+ half) &>> 16)
            var blue = l &+ (b &<< 1) &+ ((half &- b &* 14942) &>> 16)
            red = red.clamped(lowerBound: zero, upperBound: top)
            green = green.clamped(lowerBound: zero, upperBound: top)
            blue = blue.clamped(lowerBound: zero, upperBound: top)
            let pixel = SIMD8<UInt32>(truncatingIfNeeded: red) | (SIMD8<UInt32>(truncatingIfNeeded: green) &<< 8)
                | (SIMD8<UInt32>(truncatingIfNeeded: blue) &<< 16) | SIMD8<UInt32>(repeating: 0xFF00_0000)
            UnsafeMutableRawPointer(out + x &* 4).storeBytes(of: pixel, as: SIMD8<UInt32>.self)
            x &+= 8
        }
        while x < width {
            let l = Int32(y[x]), d = Int32(cb[x]) &- 128, c = Int32(cr[x]) &- 128
            let o = out + x &* 4
            o[0] = clamp(l &+ c &+ ((c &* 26345 &+ 32768) >> 16))
            o[1] = clamp(l &- c &+ ((c &* 18734 &+ d &* -22554 &+ 32768) >> 16))
            o[2] = clamp(l &+ (d &<< 1) &+ ((32768 &- d &* 14942) >> 16))
            o[3] = 255
            x &+= 1
        }
    }

    static func grayRow(_ y: UnsafePointer<UInt8>, _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        for x in 0..<width {
            let v = UInt32(y[x])
            UnsafeMutableRawPointer(out + x &* 4).storeBytes(of: (v &* 0x0001_0101) | 0xFF00_0000, as: UInt32.self)
        }
    }

    static func rgbRow(_ r: UnsafePointer<UInt8>, _ g: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>,
                       _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        for x in 0..<width {
            let o = out + x &* 4
            o[0] = r[x]; o[1] = g[x]; o[2] = b[x]; o[3] = 255
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
