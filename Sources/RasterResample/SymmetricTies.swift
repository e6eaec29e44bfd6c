/// Exact alpha for irrational kernels (lanczos3) where the value sits on a half level.
///
/// Lanczos weights are irrational, but a window centred between pixels has symmetric taps
/// with equal weights, and on a linear alpha ramp (or a flat one) every such group of taps
/// has the same mean alpha. Then the contract's value is that mean exactly, whatever the
/// weights: `sum_g w_g S_g / sum_g w_g n_g = m` when every `S_g = m n_g`. A ramp sampled
/// between pixels lands exactly on a half level there, which floating point decides either
/// way; this decides it as the contract does (halves away from zero). Other pixels keep the
/// floating-point value.
struct SymmetricTies {
    let source: UnsafePointer<UInt8>
    let sourceWidth: Int
    let x: AxisContributions
    let y: AxisContributions

    /// The passes' worst-case error in levels at full alpha (as `ExactTies.tolerance`): alpha
    /// values this close to a half level are checked.
    var tolerance: Double {
        0x1p-24 * 1.3 * (2 * Double(x.maxTaps) * 1.3 + 2 * Double(y.maxTaps) + 2) * 255 * 2
    }

    /// Taps of output `i` grouped by bitwise-equal weight (the kernel is even, so mirrored
    /// taps get identical `Double` weights); each group is a list of source indices.
    static func groups(_ t: AxisContributions, _ i: Int) -> [[Int]] {
        var keys: [UInt64] = []
        var members: [[Int]] = []
        for k in 0 ..< t.counts[i] {
            let w = t.weights[i * t.maxTaps + k]
            if w == 0 { continue }
            let key = w.bitPattern
            if let g = keys.firstIndex(of: key) { members[g].append(t.starts[i] + k) } else {
                keys.append(key)
                members.append([t.starts[i] + k])
            }
        }
        return members
    }

    /// The exact alpha level at (ox, oy) when every 2-D tap group has the same mean alpha;
    /// nil otherwise (then the value is not known exactly here).
    func alpha(_ ox: Int, _ oy: Int) -> Int? {
        let gx = Self.groups(x, ox), gy = Self.groups(y, oy)
        var mean: (sum: Int, count: Int)?
        for rows in gy {
            for columns in gx {
                var sum = 0
                for r in rows {
                    for c in columns { sum += Int(source[(r * sourceWidth + c) * 4 + 3]) }
                }
                let count = rows.count * columns.count
                if let m = mean {
                    if sum * m.count != m.sum * count { return nil }
                } else {
                    mean = (sum, count)
                }
            }
        }
        guard let m = mean, m.count > 0 else { return nil }
        // round(sum / count), halves up; 0 ... 255 since it is a mean of levels.
        return (2 * m.sum + m.count) / (2 * m.count)
    }
}
