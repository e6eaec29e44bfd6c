import RasterCore

/// RGBA rows to JPEG component rows, libjpeg's jccolor.c arithmetic: 16-bit fixed-point
/// JFIF weights with the same rounding constants, so every Y, Cb and Cr equals cjpeg's.
///
///   Y  = ( 19595 R + 38470 G +  7471 B + 2^15)            >> 16
///   Cb = (-11059 R - 21709 G + 32768 B + 128 * 2^16 + 2^15 - 1) >> 16
///   Cr = ( 32768 R - 27439 G -  5329 B + 128 * 2^16 + 2^15 - 1) >> 16
///
/// (the weights are FIX(0.299), FIX(0.587), … = round(w * 2^16)). Each sum lies in
/// [0, 2^24) (the negative weights of Cb and Cr never outweigh the 128 * 2^16 offset), so
/// UInt32 wrapping arithmetic is exact and the shifted result fits a byte.
///
/// Alpha first: flattening is `round((c * a + bg * (255 - a)) / 255)`. The numerator is at
/// most 255 * 255 and an exact half cannot occur (255 is odd), so `(n + 127) / 255` rounds
/// to nearest exactly.
struct ForwardColorConverter {
    /// The background to flatten onto, or nil to ignore alpha.
    let background: RGBA8?
    let grayscale: Bool

    /// Converts `width` pixels from `source` (RGBA) and repeats the last one up to
    /// `paddedWidth` (libjpeg's expand_right_edge). `cb` and `cr` are ignored for greyscale.
    func convertRow(_ source: UnsafePointer<UInt8>, width: Int, paddedWidth: Int,
                    y: UnsafeMutablePointer<UInt8>, cb: UnsafeMutablePointer<UInt8>,
                    cr: UnsafeMutablePointer<UInt8>) {
        let flatten = background != nil
        let raw = UnsafeRawPointer(source)
        var x = 0
        // Eight pixels at a time: one 32-byte load gives R | G << 8 | B << 16 | A << 24 per
        // lane (little-endian), the same formulas run lane-wise. Groups with any alpha
        // below 255 that must be flattened take the per-pixel path.
        while x &+ 8 <= width {
            let words = raw.loadUnaligned(fromByteOffset: x &* 4, as: SIMD8<UInt32>.self)
            if flatten && !Self.opaque(raw + x &* 4) {
                convertPixels(source + x &* 4, count: 8, y: y + x, cb: cb + x, cr: cr + x)
                x &+= 8
                continue
            }
            let r = words & 0xFF, g = (words &>> 8) & 0xFF, b = (words &>> 16) & 0xFF
            let luma = (19595 &* r &+ 38470 &* g &+ 7471 &* b &+ 32768) &>> 16
            UnsafeMutableRawPointer(y + x).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: luma), as: SIMD8<UInt8>.self)
            if !grayscale {
                let blue = (8_421_375 &+ (b &<< 15) &- 11059 &* r &- 21709 &* g) &>> 16
                let red = (8_421_375 &+ (r &<< 15) &- 27439 &* g &- 5329 &* b) &>> 16
                UnsafeMutableRawPointer(cb + x).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: blue), as: SIMD8<UInt8>.self)
                UnsafeMutableRawPointer(cr + x).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: red), as: SIMD8<UInt8>.self)
            }
            x &+= 8
        }
        convertPixels(source + x &* 4, count: width &- x, y: y + x, cb: cb + x, cr: cr + x)
        let last = width &- 1
        for x in width ..< paddedWidth {
            y[x] = y[last]
            if !grayscale { cb[x] = cb[last]; cr[x] = cr[last] }
        }
    }

    /// True when the 8 pixels at `p` all have alpha 255 (scalar: SIMD mask reductions compile
    /// to per-lane loops).
    @inline(__always)
    private static func opaque(_ p: UnsafeRawPointer) -> Bool {
        let all = p.loadUnaligned(as: UInt64.self) & p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            & p.loadUnaligned(fromByteOffset: 16, as: UInt64.self) & p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        return all & 0xFF00_0000_FF00_0000 == 0xFF00_0000_FF00_0000
    }

    /// The same conversion one pixel at a time, flattening alpha when asked.
    private func convertPixels(_ source: UnsafePointer<UInt8>, count: Int, y: UnsafeMutablePointer<UInt8>,
                               cb: UnsafeMutablePointer<UInt8>, cr: UnsafeMutablePointer<UInt8>) {
        let bg = background
        let bgR = UInt32(bg?.r ?? 0), bgG = UInt32(bg?.g ?? 0), bgB = UInt32(bg?.b ?? 0)
        let flatten = bg != nil
        var p = source
        for x in 0 ..< count {
            var r = UInt32(p[0]), g = UInt32(p[1]), b = UInt32(p[2])
            let a = UInt32(p[3])
            if flatten && a != 255 {
                let ia = 255 &- a
                r = (r &* a &+ bgR &* ia &+ 127) / 255
                g = (g &* a &+ bgG &* ia &+ 127) / 255
                b = (b &* a &+ bgB &* ia &+ 127) / 255
            }
            y[x] = UInt8(truncatingIfNeeded: (19595 &* r &+ 38470 &* g &+ 7471 &* b &+ 32768) &>> 16)
            if !grayscale {
                cb[x] = UInt8(truncatingIfNeeded: (8_421_375 &+ 32768 &* b &- 11059 &* r &- 21709 &* g) &>> 16)
                cr[x] = UInt8(truncatingIfNeeded: (8_421_375 &+ 32768 &* r &- 27439 &* g &- 5329 &* b) &>> 16)
            }
            p += 4
        }
    }
}
