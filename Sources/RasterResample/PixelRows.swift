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
        } else {
            for x in 0 ..< width {
                let v = SIMD4<Lane>(Lane(p[0]), Lane(p[1]), Lane(p[2]), Lane(p[3]))
                dst[x] = v * SIMD4(v[3], v[3], v[3], full)
                p += 4
            }
        }
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

    @inline(__always)
    func write(_ y: Int, from row: UnsafePointer<SIMD4<Lane>>) {
        var p = base + y &* width &* 4
        let m = Double(T.max)
        let full = m * m
        let tolerance = exact?.tolerance ?? -1
        for x in 0 ..< width {
            let v = row[x]
            let a = Double(v[3])
            let alphaValue = min(max(a / m, 0), m)
            // Non-negative, so truncation is the floor (and needs no libm call).
            let alpha = Int(alphaValue + 0.5)
            if alpha == 0 && !ExactTies.nearHalf(alphaValue, tolerance) {
                p[0] = 0; p[1] = 0; p[2] = 0; p[3] = 0
                p += 4
                continue
            }
            // alpha >= 1 (or nearly) means a >= m / 2 > 0, so the divisions are finite.
            let r = min(max(m * Double(v[0]) / a, 0), m)
            let g = min(max(m * Double(v[1]) / a, 0), m)
            let b = min(max(m * Double(v[2]) / a, 0), m)
            if let exact, T.self == UInt8.self {
                let colourTolerance = tolerance * full / max(a, 1)
                if alpha == 0 || ExactTies.nearHalf(alphaValue, tolerance) || ExactTies.nearHalf(r, colourTolerance)
                    || ExactTies.nearHalf(g, colourTolerance) || ExactTies.nearHalf(b, colourTolerance) {
                    exact.resolve(x, y, into: UnsafeMutableRawPointer(p).assumingMemoryBound(to: UInt8.self))
                    p += 4
                    continue
                }
            }
            p[0] = T(truncatingIfNeeded: transfer.level(r, thresholds))
            p[1] = T(truncatingIfNeeded: transfer.level(g, thresholds))
            p[2] = T(truncatingIfNeeded: transfer.level(b, thresholds))
            p[3] = T(truncatingIfNeeded: alpha)
            p += 4
        }
    }
}
