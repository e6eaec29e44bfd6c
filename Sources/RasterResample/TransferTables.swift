/// Per-level tables that turn stored channel values into the values that are averaged, and
/// back: identity for encoded (gamma) resampling, the sRGB curve for linear light.
///
/// Both directions are exact by construction. Decoding is a table of `n = 2^bits` entries
/// (`scale * lin(v / max)`, computed once in `Double`). Encoding never evaluates a power
/// per pixel: the result level for a linear value `L` (on the same `scale`) is the number
/// of thresholds `T_v = scale * lin((v - 1/2) / max)`, v = 1 ... max, with `T_v <= L`.
/// Because `lin` is increasing, `T_v <= L` exactly when `enc(L) >= (v - 1/2) / max`, so
/// the count is `enc(L) * max` rounded to nearest with ties upwards (away from zero), which
/// is the contract's rounding, with no error beyond that of `Double` in building `T_v`.
struct TransferTables: Sendable {
    /// The largest level: 255 or 65535.
    let maxLevel: Int
    /// `decode[v]`: what a channel value `v` contributes before premultiplying, in units
    /// where the full level is `maxLevel` (identity: `decode[v] == v`).
    let decode: [Double]
    /// Sorted thresholds for the encode described above; nil for the identity transfer.
    let thresholds: [Double]?

    static let encoded8 = TransferTables(bits: 8, linear: false)
    static let linear8 = TransferTables(bits: 8, linear: true)
    static let encoded16 = TransferTables(bits: 16, linear: false)
    static let linear16 = TransferTables(bits: 16, linear: true)

    init(bits: Int, linear: Bool) {
        let maxLevel = (1 << bits) - 1
        let m = Double(maxLevel)
        self.maxLevel = maxLevel
        if linear {
            decode = (0 ... maxLevel).map { m * KernelMath.srgbToLinear(Double($0) / m) }
            thresholds = (1 ... maxLevel).map { m * KernelMath.srgbToLinear((Double($0) - 0.5) / m) }
        } else {
            decode = (0 ... maxLevel).map { Double($0) }
            thresholds = nil
        }
    }

    /// The output level for `x`, a colour on the `maxLevel` scale already clamped to
    /// `0 ... maxLevel`: rounded to nearest, ties away from zero.
    @inline(__always)
    func level(_ x: Double, _ thresholds: UnsafePointer<Double>?) -> Int {
        // x >= 0, so truncating x + 1/2 is its floor.
        guard let t = thresholds else { return Int(x + 0.5) }
        // Binary search: count of t[0 ..< maxLevel] that are <= x.
        var lo = 0, hi = maxLevel
        while lo < hi {
            let mid = (lo &+ hi) &>> 1
            if t[mid] <= x { lo = mid &+ 1 } else { hi = mid }
        }
        return lo
    }
}
