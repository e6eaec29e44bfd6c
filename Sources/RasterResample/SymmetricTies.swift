/// Exact alpha for irrational kernels (lanczos3) where the value sits on a half level.
///
/// Lanczos weights are irrational, but a window centred between pixels has symmetric taps
/// with equal weights, and on a linear alpha ramp (or a flat one) every such group of taps
/// has the same mean alpha. Then the contract's value is that mean exactly, whatever the
/// weights: `sum_g w_g S_g / sum_g w_g n_g = m` when every `S_g = m n_g`. A ramp sampled
/// between pixels lands exactly on a half level there, which floating point decides either
/// way; this decides it as the contract does (halves away from zero). Other pixels keep the
/// floating-point value.
///
/// An alpha ramp sends nearly every pixel here, so the check must cost little: the groups
/// are flattened once per resize, and per output row the alpha sums of each row group down
/// every source column are made once, so a pixel's check adds one or two column sums per
/// group pair instead of reading every tap of its window (lanczos3 at a quarter size has
/// 24 x 24 taps). Built per call with arrays, it made lanczos3 on a ramp slower than Pillow.
struct SymmetricTies {
    /// One axis's tap groups: output i's groups are `firstGroup[i] ..< firstGroup[i + 1]`,
    /// group g spans `members[groupStarts[g] ..< groupStarts[g + 1]]` (source indices).
    struct AxisGroups {
        var members: [Int] = []
        var groupStarts: [Int] = [0]
        var firstGroup: [Int] = [0]

        /// Taps of every output grouped by bitwise-equal weight (the kernel is even, so
        /// mirrored taps get identical `Double` weights); zero weights are left out.
        init(_ t: AxisContributions) {
            members.reserveCapacity(t.outCount * t.maxTaps)
            var keys: [UInt64] = [], lists: [[Int]] = []
            for i in 0 ..< t.outCount {
                keys.removeAll(keepingCapacity: true)
                lists.removeAll(keepingCapacity: true)
                for k in 0 ..< t.counts[i] {
                    let w = t.weights[i * t.maxTaps + k]
                    if w == 0 { continue }
                    if let g = keys.firstIndex(of: w.bitPattern) { lists[g].append(t.starts[i] + k) } else {
                        keys.append(w.bitPattern)
                        lists.append([t.starts[i] + k])
                    }
                }
                for list in lists {
                    members.append(contentsOf: list)
                    groupStarts.append(members.count)
                }
                firstGroup.append(groupStarts.count - 1)
            }
        }
    }

    /// The groups copied to raw memory (no bounds checks or retains in the per-pixel loop)
    /// and the column sums of the current output row.
    final class Storage {
        let xMembers: UnsafeMutablePointer<Int>, xStarts: UnsafeMutablePointer<Int>, xFirst: UnsafeMutablePointer<Int>
        let yMembers: UnsafeMutablePointer<Int>, yStarts: UnsafeMutablePointer<Int>, yFirst: UnsafeMutablePointer<Int>
        /// `groups` rows of `sourceWidth` sums: row g holds, for each source column, the alpha
        /// summed over row group g of output row `row`. Each sum is below 255 * taps < 2^31.
        let sums: UnsafeMutablePointer<Int32>
        var row = -1
        var groups = 0

        init(x: AxisGroups, y: AxisGroups, sumCapacity: Int) {
            func copy(_ a: [Int]) -> UnsafeMutablePointer<Int> {
                let p = UnsafeMutablePointer<Int>.allocate(capacity: max(a.count, 1))
                a.withUnsafeBufferPointer { if let b = $0.baseAddress { p.initialize(from: b, count: a.count) } }
                return p
            }
            (xMembers, xStarts, xFirst) = (copy(x.members), copy(x.groupStarts), copy(x.firstGroup))
            (yMembers, yStarts, yFirst) = (copy(y.members), copy(y.groupStarts), copy(y.firstGroup))
            sums = .allocate(capacity: max(sumCapacity, 1))
        }

        deinit {
            for p in [xMembers, xStarts, xFirst, yMembers, yStarts, yFirst] { p.deallocate() }
            sums.deallocate()
        }
    }

    let source: UnsafePointer<UInt8>
    let sourceWidth: Int
    /// The passes' worst-case error in levels at full alpha (as `ExactTies.tolerance`):
    /// alpha values this close to a half level are checked.
    let tolerance: Double
    private let storage: Storage

    init(source: UnsafePointer<UInt8>, sourceWidth: Int, x: AxisContributions, y: AxisContributions) {
        self.source = source
        self.sourceWidth = sourceWidth
        tolerance = 0x1p-24 * 1.3 * (2 * Double(x.maxTaps) * 1.3 + 2 * Double(y.maxTaps) + 2) * 255 * 2
        // At most maxTaps groups per output row.
        storage = Storage(x: AxisGroups(x), y: AxisGroups(y), sumCapacity: y.maxTaps * sourceWidth)
    }

    /// Fills the column sums for output row `oy` unless they already hold it.
    private func prepare(_ oy: Int) {
        let s = storage
        guard s.row != oy else { return }
        let first = s.yFirst[oy], groups = s.yFirst[oy &+ 1] &- first
        for g in 0 ..< groups {
            let out = s.sums + g &* sourceWidth
            let lo = s.yStarts[first &+ g], hi = s.yStarts[first &+ g &+ 1]
            // Groups are non-empty: the first member initialises, the rest add.
            let stride = sourceWidth &* 4
            var alpha: UnsafePointer<UInt8> = source + (s.yMembers[lo] &* stride &+ 3)
            for c in 0 ..< sourceWidth { (out + c).initialize(to: Int32(alpha[c &* 4])) }
            for r in lo &+ 1 ..< hi {
                alpha = source + (s.yMembers[r] &* stride &+ 3)
                for c in 0 ..< sourceWidth { out[c] &+= Int32(alpha[c &* 4]) }
            }
        }
        s.row = oy
        s.groups = groups
    }

    /// The exact alpha level at (ox, oy) when every 2-D tap group has the same mean alpha;
    /// nil otherwise (then the value is not known exactly here).
    func alpha(_ ox: Int, _ oy: Int) -> Int? {
        prepare(oy)
        let s = storage
        let firstY = s.yFirst[oy], gx0 = s.xFirst[ox], gx1 = s.xFirst[ox &+ 1]
        var meanSum = 0, meanCount = 0
        for g in 0 ..< s.groups {
            let rowCount = s.yStarts[firstY &+ g &+ 1] &- s.yStarts[firstY &+ g]
            let line = s.sums + g &* sourceWidth
            for gx in gx0 ..< gx1 {
                let lo = s.xStarts[gx], hi = s.xStarts[gx &+ 1]
                var sum = 0
                for c in lo ..< hi { sum &+= Int(line[s.xMembers[c]]) }
                // Sums are below 2^31 and counts below 2^20: the products cannot overflow.
                let count = rowCount &* (hi &- lo)
                if meanCount > 0 {
                    if sum &* meanCount != meanSum &* count { return nil }
                } else {
                    (meanSum, meanCount) = (sum, count)
                }
            }
        }
        guard meanCount > 0 else { return nil }
        // round(sum / count), halves up; 0 ... 255 since it is a mean of levels.
        return (2 * meanSum + meanCount) / (2 * meanCount)
    }
}
