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

    /// ycc_rgb_convert for one row of `width` pixels.
    static func yccRow(_ y: UnsafePointer<UInt8>, _ cb: UnsafePointer<UInt8>, _ cr: UnsafePointer<UInt8>,
                       _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        crToR.withUnsafeBufferPointer { rTab in
        cbToB.withUnsafeBufferPointer { bTab in
        crToG.withUnsafeBufferPointer { grTab in
        cbToG.withUnsafeBufferPointer { gbTab in
            // Every index is a UInt8, so it is inside the 256-entry tables.
            for x in 0..<width {
                let l = Int32(y[x])
                let b = Int(cb[x]), r = Int(cr[x])
                let o = out + x &* 4
                o[0] = clamp(l &+ rTab[r])
                o[1] = clamp(l &+ ((gbTab[b] &+ grTab[r]) >> 16))
                o[2] = clamp(l &+ bTab[b])
                o[3] = 255
            }
        }}}}
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
