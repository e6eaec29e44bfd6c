/// Reciprocals that turn the one division of exact compositing into a multiply and shift.
///
/// Every un-premultiply in this module is `round(n / d)` with `0 <= n <= 255 * d` and
/// `1 <= d <= 65025` (see docs/compositing.md). With `t = n + d / 2` (integer halving) that is
/// `floor(t / d)`, since `d` odd cannot produce a tie at an integer `t`; and `t < 256 * d < 2^24`.
/// For `r = ceil(2^40 / d) = (2^40 + e) / d` with `0 <= e < d <= 2^16`,
/// `t * r / 2^40 = t / d + t * e / (d * 2^40)`, and `t * e < 2^40`, so the error term stays
/// below `1 / d` and `(t * r) >> 40 == floor(t / d)` exactly. `t * r < 2^49`, so UInt64 holds it.
/// The tests check this for every `d` at the worst `t`.
@usableFromInline
enum ReciprocalTable {
    /// Largest divisor: 255 * 255, the widest `Fa * as + Fb * ad` can be.
    static let maxDivisor = 65025
    /// The shift that goes with the table entries.
    static let shift: UInt64 = 40

    /// `values[d] = ceil(2^40 / d)`; entry 0 is 0 and never used for a division.
    static let values: [UInt64] = {
        var table = [UInt64](repeating: 0, count: maxDivisor + 1)
        table.withUnsafeMutableBufferPointer { buf in
            let one: UInt64 = 1 << 40
            for d in 1 ... maxDivisor {
                let d64 = UInt64(d)
                buf[d] = (one &+ d64 &- 1) / d64
            }
        }
        return table
    }()

    /// `round(n / d)` (ties away from zero) for `n <= 255 * d`, `1 <= d <= 65025`, by table.
    @inline(__always)
    static func roundedQuotient(_ n: UInt32, _ d: UInt32, _ recip: UnsafePointer<UInt64>) -> UInt8 {
        let t = UInt64(n &+ (d &>> 1))
        return UInt8(truncatingIfNeeded: (t &* recip[Int(d)]) &>> shift)
    }
}
