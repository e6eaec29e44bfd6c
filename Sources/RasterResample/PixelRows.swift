/// The floating-point types the passes accumulate in: `Float` for 8-bit images (see the
/// error bound in docs/resample.md and `ResampleEngine`), `Double` for 16-bit ones.
protocol LaneScalar: BinaryFloatingPoint, SIMDScalar, Codable {}
extension Float: LaneScalar {}
extension Double: LaneScalar {}

/// Reads straight RGBA rows of an image with `T`-sized channels and premultiplies them into
/// `SIMD4<Lane>` pixels: colour lanes `a * decode[c]`, alpha lane `a * maxLevel`, so all
/// four lanes share one scale (full = maxLevel^2) and one weight multiplies them alike.
///
/// Exactness: for 8-bit encoded values every lane is an integer below 2^16, exact in
/// `Float`; for 16-bit ones below 2^32, exact in `Double`. Linear-light decode values
/// carry the table's rounding (2^-24 relative in `Float`).
struct PremultipliedRows<T: FixedWidthInteger & UnsignedInteger, Lane: LaneScalar> {
    let base: UnsafePointer<T>
    let width: Int
    /// `decode[v]` for every level v (2^bits entries); nil for the identity, which converts
    /// instead of looking up (fewer loads on the common path).
    let decode: UnsafePointer<Lane>?
    /// Every source alpha is the maximum (8-bit encoded rows only; see `isOpaque`): rows are
    /// then read as straight values, colour lanes `c` and alpha lane `maxLevel`, and
    /// `StraightRows.opaque` writes them back without dividing. For an opaque image that is
    /// the same value: premultiplied lanes would be exactly `maxLevel` times these, and the
    /// contract's colour `sum w a c / sum w a` is `sum w c` when every `a` is equal.
    var opaque = false

    /// True when every alpha byte of the `count` RGBA pixels at `base` is 255: one AND
    /// over the whole image, 16 bytes at a time, then the alpha bytes of the result.
    static func isOpaque(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(base)
        var all = SIMD16<UInt8>(repeating: 255)
        var i = 0
        while i &+ 4 <= count {
            all &= raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<UInt8>.self)
            i &+= 4
        }
        var tail: UInt8 = 255
        while i < count {
            tail &= base[i &* 4 &+ 3]
            i &+= 1
        }
        return all[3] & all[7] & all[11] & all[15] & tail == 255
    }

    /// Writes row `y` (0 <= y < height; the caller's tables only name such rows) to `dst`,
    /// which holds `width` pixels.
    @inline(__always)
    func read(_ y: Int, into dst: UnsafeMutablePointer<SIMD4<Lane>>) {
        var p = base + y &* width &* 4
        let full = Lane(T.max)
        if let decode {
            for x in 0 ..< width {
                let a = Lane(p[3])
                dst[x] = SIMD4(decode[Int(p[0])], decode[Int(p[1])], decode[Int(p[2])], full) * a
                p += 4
            }
        } else if T.self == UInt8.self && Lane.self == Float.self {
            // Premultiplied in 16-bit integer lanes, then widened to floats: a * c and
            // a * 255 are at most 65025 < 2^16, so `pmullw`'s low half is the exact product
            // and the floats are the same integers the float multiply gave (which cost a
            // second pass over the row, about 7 instructions per pixel). Four pixels per
            // 16-byte load; in each 64-bit lane one pixel's R, G, B, A as 16-bit values.
            let bytes = UnsafeRawPointer(p)
            let out = UnsafeMutableRawPointer(dst).assumingMemoryBound(to: SIMD4<Float>.self)
            var x = 0
            if opaque {
                while x &+ 4 <= width {
                    let b16 = bytes.loadUnaligned(fromByteOffset: x &* 4, as: SIMD16<UInt8>.self)
                    let lo = SIMD8<UInt16>(truncatingIfNeeded: b16.lowHalf)
                    let hi = SIMD8<UInt16>(truncatingIfNeeded: b16.highHalf)
                    out[x] = SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: lo.lowHalf))
                    out[x &+ 1] = SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: lo.highHalf))
                    out[x &+ 2] = SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: hi.lowHalf))
                    out[x &+ 3] = SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: hi.highHalf))
                    x &+= 4
                }
                while x < width {
                    let q = p + x &* 4
                    out[x] = SIMD4<Float>(Float(q[0]), Float(q[1]), Float(q[2]), Float(q[3]))
                    x &+= 1
                }
                return
            }
            while x &+ 4 <= width {
                let b16 = bytes.loadUnaligned(fromByteOffset: x &* 4, as: SIMD16<UInt8>.self)
                let lo = Self.premultiplied(SIMD8<UInt16>(truncatingIfNeeded: b16.lowHalf))
                let hi = Self.premultiplied(SIMD8<UInt16>(truncatingIfNeeded: b16.highHalf))
                out[x] = SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: lo.lowHalf))
                out[x &+ 1] = SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: lo.highHalf))
                out[x &+ 2] = SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: hi.lowHalf))
                out[x &+ 3] = SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: hi.highHalf))
                x &+= 4
            }
            while x < width {
                let q = p + x &* 4
                let a = Int32(q[3])
                out[x] = SIMD4<Float>(SIMD4<Int32>(Int32(q[0]) &* a, Int32(q[1]) &* a, Int32(q[2]) &* a, 255 &* a))
                x &+= 1
            }
        } else {
            for x in 0 ..< width {
                let v = SIMD4<Lane>(Lane(p[0]), Lane(p[1]), Lane(p[2]), Lane(p[3]))
                dst[x] = v * SIMD4(v[3], v[3], v[3], full)
                p += 4
            }
        }
    }

    /// Two pixels (R, G, B, A in each 64-bit lane) premultiplied: colour lanes times A, the
    /// alpha lane times 255. The multiplier is A shifted into the three colour lanes, with
    /// 255 in the alpha lane: shifts and ORs, no lane inserts.
    @inline(__always)
    static func premultiplied(_ v: SIMD8<UInt16>) -> SIMD8<UInt16> {
        let a = unsafeBitCast(v, to: SIMD2<UInt64>.self) &>> 48
        let multiplier = a | (a &<< 16) | (a &<< 32) | SIMD2<UInt64>(repeating: 255 << 48)
        return v &* unsafeBitCast(multiplier, to: SIMD8<UInt16>.self)
    }
}

/// Writes resampled premultiplied rows back as straight `T` channels, per the contract:
/// alpha is `A / maxLevel` clamped and rounded; a pixel whose rounded alpha is 0 is
/// (0, 0, 0, 0); otherwise each colour is `maxLevel * P / A` (one division in `Double`,
/// so a value that is exactly a half, as box and triangle weights make, stays one),
/// clamped to `0 ... maxLevel` and rounded by `TransferTables.level`.
struct StraightRows<T: FixedWidthInteger & UnsignedInteger, Lane: LaneScalar> {
    let base: UnsafeMutablePointer<T>
    let width: Int
    let transfer: TransferTables
    let thresholds: UnsafePointer<Double>?
    /// Resolves values within the passes' error of a half level exactly (8-bit only).
    let exact: ExactTies?
    /// For kernels `ExactTies` cannot take: alpha on a half decided exactly where the taps'
    /// symmetric groups share one mean (8-bit only).
    var symmetric: SymmetricTies? = nil
    /// The rows hold straight values of an opaque image (`PremultipliedRows.opaque`).
    var opaque = false

    /// Resolves output (x, y) exactly into `p` unless the passes were exact there; true
    /// when it wrote the pixel.
    @inline(never)
    func resolve(_ x: Int, _ y: Int, _ p: UnsafeMutablePointer<T>) -> Bool {
        // Optional chaining on the stored property, not `guard let exact`: binding copied the
        // whole struct (six arrays, retained and released) on every call.
        guard exact?.isFloatExact(x, y) == false else { return false }
        exact?.resolve(x, y, into: UnsafeMutableRawPointer(p).assumingMemoryBound(to: UInt8.self))
        return true
    }

    /// The exact alpha level at (x, y) when the passes were not exact there, else nil.
    @inline(never)
    func resolveAlpha(_ x: Int, _ y: Int) -> Int? {
        guard exact?.isFloatExact(x, y) == false, let alpha = exact?.exactAlpha(x, y) else { return nil }
        return Int(alpha)
    }

    /// Writes output row `y`. 8-bit encoded rows take a `SIMD4<Float>` path with one
    /// reciprocal per pixel; any value it cannot round with certainty (within its own error
    /// of 5e-5 level, plus the passes' bound, of a half level) goes to `writePixel`, the
    /// `Double` path that divides exactly and consults `ExactTies`.
    @inline(__always)
    func write(_ y: Int, from row: UnsafePointer<SIMD4<Lane>>) {
        let p = base + y &* width &* 4
        if T.self == UInt8.self && Lane.self == Float.self && thresholds == nil && opaque {
            writeOpaque8(y, UnsafeRawPointer(row).assumingMemoryBound(to: SIMD4<Float>.self),
                         UnsafeMutableRawPointer(p).assumingMemoryBound(to: UInt8.self))
            return
        }
        if T.self == UInt8.self && Lane.self == Float.self && thresholds == nil {
            writeEncoded8(y, UnsafeRawPointer(row).assumingMemoryBound(to: SIMD4<Float>.self),
                          UnsafeMutableRawPointer(p).assumingMemoryBound(to: UInt8.self))
            return
        }
        for x in 0 ..< width { writePixel(x, y, row[x], p + x &* 4) }
    }

    @inline(__always)
    func writeEncoded8(_ y: Int, _ row: UnsafePointer<SIMD4<Float>>, _ out: UnsafeMutablePointer<UInt8>) {
        // Levels: the passes' bound (when ties are checked at all) plus this path's own
        // rounding (two roundings of 2^-24 relative on values up to 255: below 5e-5).
        let tolerance = Float(exact?.tolerance ?? symmetric?.tolerance ?? 0) + 1e-4
        let alphaTolerance = tolerance * 255          // in lane units (255 per level)
        let nearHalf = SIMD4<Float>(repeating: 0.5 - tolerance)
        let magic = SIMD4<Float>(repeating: 8_388_608)  // 2^23
        let magicBits = SIMD4<Int32>(repeating: 0x4B00_0000)
        let absMask = SIMD4<UInt32>(repeating: 0x7FFF_FFFF)
        // The scale is (255 / a) in the colour lanes and 1 / 255 in the alpha lane, built by
        // bit masks (no lane inserts): colour bits of the splat, alpha bits of the constant.
        let colourLanes = SIMD4<UInt32>(0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0)
        let alphaScale = unsafeBitCast(SIMD4<Float>(0, 0, 0, 1 / 255), to: SIMD4<UInt32>.self)
        let words = UnsafeMutableRawPointer(out).assumingMemoryBound(to: UInt32.self)
        for x in 0 ..< width {
            let v = row[x]
            let a = v[3]
            // Alpha level a / 255 below 1/2 by more than the tolerance: (0, 0, 0, 0).
            if a < 127.5 - alphaTolerance {
                words[x] = 0
                continue
            }
            let splat = SIMD4<Float>(repeating: 255 / a)   // a > 127 here
            let c = v * unsafeBitCast((unsafeBitCast(splat, to: SIMD4<UInt32>.self) & colourLanes) | alphaScale, to: SIMD4<Float>.self)
            // Adding 2^23 rounds any |c| < 2^22 to the nearest integer (halves to even, but
            // halves are sent to the slow path below) and leaves it in the low mantissa bits:
            // its bits minus those of 2^23 are round(c) as a signed integer. |c| < 2^22 holds:
            // |P| <= 255^2 * 1.7 and a > 127 give |c| < 2^18.
            let biased = c + magic
            let d = c - (biased - magic)                 // in [-1/2, 1/2]
            let far = unsafeBitCast(unsafeBitCast(d, to: SIMD4<UInt32>.self) & absMask, to: SIMD4<Float>.self) .> nearHalf
            // Rounding commutes with clamping to the integers 0 and 255, so the clamp is done
            // on the rounded integers: negatives masked to 0 by their sign, values over 255
            // ORed to all ones by the sign of 255 - q, then the low byte taken.
            var q = unsafeBitCast(biased, to: SIMD4<Int32>.self) &- magicBits
            q = q & ~(q &>> 31)
            q = (q | ((SIMD4<Int32>(repeating: 255) &- q) &>> 31)) & 0xFF
            if any(far) || q[3] == 0 {
                writePixel(x, y, SIMD4<Lane>(Lane(v[0]), Lane(v[1]), Lane(v[2]), Lane(v[3])),
                           UnsafeMutableRawPointer(out + x &* 4).assumingMemoryBound(to: T.self))
            } else {
                // The four bytes in memory order R, G, B, A are the pixel's word (no lane
                // extracts: the narrowing is two pack instructions).
                words[x] = unsafeBitCast(SIMD4<UInt8>(truncatingIfNeeded: q), to: UInt32.self)
            }
        }
    }

    /// `writeEncoded8` for the straight rows of an opaque image: each lane is its level
    /// (alpha about 255), rounded as there without a division. A value within the
    /// tolerance of a half level is exact where `ExactTies` says the passes were (dyadic
    /// weights: then it is a multiple of 2^-7 below 2^9, and `v + 1/2` is exact too, so
    /// truncating it rounds a true half up, as the contract does); otherwise it goes to
    /// `writePixel` as the premultiplied pixel it stands for (every lane times 255).
    @inline(__always)
    func writeOpaque8(_ y: Int, _ row: UnsafePointer<SIMD4<Float>>, _ out: UnsafeMutablePointer<UInt8>) {
        let tolerance = Float(exact?.tolerance ?? symmetric?.tolerance ?? 0) + 1e-4
        let nearHalf = SIMD4<Float>(repeating: 0.5 - tolerance)
        let magic = SIMD4<Float>(repeating: 8_388_608)  // 2^23: see writeEncoded8
        let magicBits = SIMD4<Int32>(repeating: 0x4B00_0000)
        let absMask = SIMD4<UInt32>(repeating: 0x7FFF_FFFF)
        let words = UnsafeMutableRawPointer(out).assumingMemoryBound(to: UInt32.self)
        for x in 0 ..< width {
            let v = row[x]
            // |v| < 2^22: levels times weights summing below 1.7 in magnitude.
            let biased = v + magic
            let d = v - (biased - magic)
            // True in a lane within the tolerance of a half level.
            let nearTie = unsafeBitCast(unsafeBitCast(d, to: SIMD4<UInt32>.self) & absMask, to: SIMD4<Float>.self) .> nearHalf
            var q = unsafeBitCast(biased, to: SIMD4<Int32>.self) &- magicBits
            if any(nearTie) {
                guard exact?.isFloatExact(x, y) == true else {
                    writePixel(x, y, SIMD4<Lane>(Lane(v[0] * 255), Lane(v[1] * 255), Lane(v[2] * 255), Lane(v[3] * 255)),
                               UnsafeMutableRawPointer(out + x &* 4).assumingMemoryBound(to: T.self))
                    continue
                }
                // floor(v + 1/2) per lane, clamped first so the conversion cannot trap (the
                // clamp to 0 ... 255 below commutes with it).
                for lane in 0 ..< 4 { q[lane] = Int32(min(max(v[lane] + 0.5, 0), 256)) }
            }
            q = q & ~(q &>> 31)
            q = (q | ((SIMD4<Int32>(repeating: 255) &- q) &>> 31)) & 0xFF
            words[x] = unsafeBitCast(SIMD4<UInt8>(truncatingIfNeeded: q), to: UInt32.self)
        }
    }

    /// One pixel in `Double`: exact division, the transfer's rounding, and `ExactTies` for
    /// values within the passes' error bound of a half level.
    @inline(never)
    func writePixel(_ x: Int, _ y: Int, _ v: SIMD4<Lane>, _ p: UnsafeMutablePointer<T>) {
        let m = Double(T.max)
        let tolerance = exact?.tolerance ?? -1
        let checkTies = exact != nil && T.self == UInt8.self
        let a = Double(v[3])
        let alphaValue = min(max(a / m, 0), m)
        // Non-negative, so truncation is the floor (and needs no libm call).
        var alpha = Int(alphaValue + 0.5)
        if checkTies && ExactTies.nearHalf(alphaValue, tolerance), let exactAlpha = resolveAlpha(x, y) {
            alpha = exactAlpha
        } else if let symmetric, T.self == UInt8.self, ExactTies.nearHalf(alphaValue, symmetric.tolerance),
                  let exactAlpha = symmetric.alpha(x, y) {
            alpha = exactAlpha
        }
        if alpha == 0 {
            p[0] = 0; p[1] = 0; p[2] = 0; p[3] = 0
            return
        }
        // alpha >= 1 (or nearly) means a >= m / 2 > 0, so the divisions are finite.
        let r = min(max(m * Double(v[0]) / a, 0), m)
        let g = min(max(m * Double(v[1]) / a, 0), m)
        let b = min(max(m * Double(v[2]) / a, 0), m)
        if checkTies {
            // The band is the error bound at full alpha. At low alpha the passes' error in a
            // colour grows by full / A, so a half there can still be decided by the float
            // value (then 1 off at most); widening the band by that factor would send most
            // faint pixels through the integer path for ties that almost never occur.
            if ExactTies.nearHalf(r, tolerance) || ExactTies.nearHalf(g, tolerance) || ExactTies.nearHalf(b, tolerance),
                resolve(x, y, p) {
                return
            }
        }
        p[0] = T(truncatingIfNeeded: transfer.level(r, thresholds))
        p[1] = T(truncatingIfNeeded: transfer.level(g, thresholds))
        p[2] = T(truncatingIfNeeded: transfer.level(b, thresholds))
        p[3] = T(truncatingIfNeeded: alpha)
    }
}
