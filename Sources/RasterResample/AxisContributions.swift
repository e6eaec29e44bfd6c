/// For one axis, which source pixels each output pixel reads and with what weights:
/// computed once per axis, then shared by every row (horizontal) or column (vertical).
///
/// Tap selection is exact. With `c = (i + 1/2) * in / out` and `f = max(in / out, 1)`, the
/// contract's test `|j + 1/2 - c| < r * f` multiplied by `2 * out` reads
/// `|D| < 2r * M` with `D = (2j + 1) * out - (2i + 1) * in` and `M = max(in, out)`, all
/// integers (2r is 1, 2, 4 or 6), and the kernel argument is `(j + 1/2 - c) / f = D / (2M)`.
/// Sides are at most 2^30 (checked by the callers), so `|D| < 2^62` cannot overflow.
struct AxisContributions: Sendable {
    let inCount: Int
    let outCount: Int
    /// The largest tap count of any output pixel: the stride of `weights`.
    let maxTaps: Int
    /// First source index of output pixel i.
    var starts: [Int]
    /// Number of taps of output pixel i (at least 1). `starts[i] + counts[i] <= inCount`.
    var counts: [Int]
    /// Normalised weights, `maxTaps` per output pixel (unused tail entries are 0).
    var weights: [Double]

    /// The largest side either axis may have; larger requests are refused before this runs.
    static let maxSide = 1 << 30

    /// Callers guarantee `1 <= inCount, outCount <= maxSide` (`ResizeRequest` checks them).
    init(filter: ResampleFilter, inCount: Int, outCount: Int, trimZeros: Bool) {
        self.inCount = inCount
        self.outCount = outCount
        let m = max(inCount, outCount)
        let limit = filter.twiceSupport * m               // |D| < limit
        let twoM = Double(2 * m)
        var starts = [Int](repeating: 0, count: outCount)
        var counts = [Int](repeating: 1, count: outCount)
        var lists: [[Double]] = []
        lists.reserveCapacity(outCount)
        var kernelValues: [Double] = []
        for i in 0 ..< outCount {
            let twiceC = (2 * i + 1) * inCount            // 2 * out * c
            // D(j) grows by 2 * out per step; the first j with D > -limit, the last with D < limit.
            // floor((twiceC - limit - out) / (2 out)) + 1 <= j <= ceil((twiceC + limit - out) / (2 out)) - 1
            var lo = Self.floorDiv(twiceC - limit - outCount, 2 * outCount) + 1
            var hi = Self.floorDiv(twiceC + limit - outCount - 1, 2 * outCount)  // last j with D < limit
            lo = max(lo, 0)
            hi = min(hi, inCount - 1)
            kernelValues.removeAll(keepingCapacity: true)
            var sum = 0.0
            if lo <= hi {
                for j in lo ... hi {
                    let d = (2 * j + 1) * outCount - twiceC
                    let k = filter.kernel(Double(d) / twoM)
                    kernelValues.append(k)
                    sum += k
                }
            }
            if lo > hi || !(sum > 0) {
                // No tap left (only a box at an integer c can do this): the pixel under c.
                // A non-positive sum would need the negative lobes to outweigh the tap under c
                // (|x| <= 1/2, where every kernel here is above 0.6); it is handled alike.
                starts[i] = min(twiceC / (2 * outCount), inCount - 1)
                counts[i] = 1
                lists.append([1])
                continue
            }
            var first = 0, last = kernelValues.count - 1
            if trimZeros {
                while first < last && kernelValues[first] == 0 { first += 1 }
                while last > first && kernelValues[last] == 0 { last -= 1 }
            }
            starts[i] = lo + first
            counts[i] = last - first + 1
            lists.append(kernelValues[first ... last].map { $0 / sum })
        }
        let maxTaps = counts.max() ?? 1
        var weights = [Double](repeating: 0, count: outCount * maxTaps)
        for i in 0 ..< outCount {
            for (k, w) in lists[i].enumerated() { weights[i * maxTaps + k] = w }
        }
        self.maxTaps = maxTaps
        self.starts = starts
        self.counts = counts
        self.weights = weights
    }

    /// True when both window ends never move backwards as the output index grows, which the
    /// vertical pass relies on to keep only a band of rows.
    var isMonotone: Bool {
        for i in 1 ..< max(outCount, 1) where starts[i] < starts[i - 1] || starts[i] + counts[i] < starts[i - 1] + counts[i - 1] {
            return false
        }
        return true
    }

    /// The table for the vertical pass: trimmed when that keeps the windows monotone.
    static func vertical(filter: ResampleFilter, inCount: Int, outCount: Int) -> AxisContributions {
        let trimmed = AxisContributions(filter: filter, inCount: inCount, outCount: outCount, trimZeros: true)
        if trimmed.isMonotone { return trimmed }
        return AxisContributions(filter: filter, inCount: inCount, outCount: outCount, trimZeros: false)
    }

    /// `floor(a / b)` for `b > 0`.
    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && a < 0) ? q - 1 : q
    }
}
