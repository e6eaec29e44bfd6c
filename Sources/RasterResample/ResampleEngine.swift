/// The two separable passes over premultiplied rows: horizontal (each source row to the
/// output width, over `SIMD4` pixels) and vertical (output rows as weighted sums of
/// horizontal rows), never rounding between them.
///
/// Memory stays a band, not an image: normally a ring of the last `maxTaps` horizontal rows
/// is kept and each output row gathers from it; when that ring would pass 4 MiB (a
/// reduction with very tall windows), each horizontal row is instead scattered into the
/// few output rows whose window holds it (about `2 * support + 1` at once). Either way a
/// 12-megapixel source never exists in `Float`.
///
/// Error bound (8-bit, `Float` lanes; 16-bit uses `Double` and the same argument with
/// 2^-53). Lanes hold premultiplied values up to 255^2 on a scale where that is "full".
/// Weights are the normalised `Double` weights rounded to `Float` (relative error 2^-24
/// each). Each multiply-add rounds once to 2^-24 relative of a partial sum, and partial sums
/// stay below S = sum |w| (at most about 1.3 of full for these kernels, which is also the
/// gain that carries the horizontal error through the vertical pass). For n_x and n_y taps
/// the absolute error of each resampled lane is therefore at most about
/// e = 2^-24 * S * (2 * n_x * S + 2 * n_y + 2) of full scale. A colour is `P / A`, so its
/// error is at most (e_P + e_A) / A; with the output alpha at least 1/255 (else the pixel is
/// 0, 0, 0, 0), i.e. A >= 1/510 of full, the colour moves by less than 0.5 level (so the
/// result is within 1 of the exact value) whenever 2e * 510 * 255 < 0.5, that is
/// n_x * S + n_y < ~ 6000 taps: true for every reduction by up to ~ 600x with lanczos3.
/// At full alpha the same error is 500x smaller than the rounding margin, so results differ
/// from the exact value only where that value is within ~1e-5 of a half level.
/// Ties that box and triangle create (exact halves) survive: their weights are dyadic,
/// every product and sum is exact in `Float` at these magnitudes, and `StraightRows`
/// divides once in `Double`.
enum ResampleEngine {
    /// An axis's table copied into unmanaged memory in the lane type, so the loops touch no
    /// arrays (no retain/release, no uniqueness checks).
    struct Axis<Lane: LaneScalar> {
        let outCount: Int
        let maxTaps: Int
        let starts: UnsafeMutablePointer<Int>
        let counts: UnsafeMutablePointer<Int>
        let weights: UnsafeMutablePointer<Lane>
        /// The same weights broadcast to all four lanes, so the horizontal pass multiplies
        /// by a vector straight from memory (no per-tap load-and-shuffle).
        let splatWeights: UnsafeMutablePointer<SIMD4<Lane>>

        /// `padded`: for the horizontal pass, every window's count is rounded up to a
        /// multiple of four with zero weights (and `maxTaps`, the weight stride, with it), so
        /// the tap loop runs whole groups of four with no remainder loop. The extra taps read
        /// up to three pixels past the window; the caller's source row has three zero pixels
        /// after its end, so every read stays in the buffer (start + count <= width, padded
        /// count <= count + 3). A zero weight times a finite lane adds exactly zero, so the
        /// sums are the same terms (only grouped into the four accumulators differently,
        /// which the error bound above does not depend on).
        init(_ a: AxisContributions, padded: Bool = false) {
            outCount = a.outCount
            let stride = padded ? (a.maxTaps &+ 3) & ~3 : a.maxTaps
            maxTaps = stride
            starts = .allocate(capacity: a.outCount)
            counts = .allocate(capacity: a.outCount)
            weights = .allocate(capacity: max(a.outCount &* stride, 1))
            weights.initialize(repeating: 0, count: max(a.outCount &* stride, 1))
            splatWeights = .allocate(capacity: max(a.outCount &* stride, 1))
            splatWeights.initialize(repeating: .zero, count: max(a.outCount &* stride, 1))
            starts.initialize(from: a.starts, count: a.outCount)
            for i in 0 ..< a.outCount {
                (counts + i).initialize(to: padded ? (a.counts[i] &+ 3) & ~3 : a.counts[i])
                for k in 0 ..< a.counts[i] {
                    let w = a.weights[i &* a.maxTaps &+ k]
                    weights[i &* stride &+ k] = Lane(w)
                    splatWeights[i &* stride &+ k] = SIMD4(repeating: Lane(w))
                }
            }
        }

        func deallocate() {
            starts.deallocate()
            counts.deallocate()
            weights.deallocate()
            splatWeights.deallocate()
        }
    }

    /// Rows of `SIMD4<Lane>` pixels, zeroed, freed by the caller.
    static func rows<Lane: LaneScalar>(_ count: Int) -> UnsafeMutablePointer<SIMD4<Lane>> {
        let p = UnsafeMutablePointer<SIMD4<Lane>>.allocate(capacity: max(count, 1))
        p.initialize(repeating: .zero, count: max(count, 1))
        return p
    }

    /// Whether the vertical pass gathers (a ring of `maxTaps` rows, each output row summing
    /// its window, up to four rows per sweep) rather than scatters. Gathering does fewer loads
    /// and stores per tap; scattering keeps memory small when a reduction's windows are tall
    /// (4000 rows to 1 would need the whole column in the ring). Gather whenever the ring
    /// stays under 4 MiB.
    static func gathers(_ y: AxisContributions, outWidth: Int, limit: Int = gatherLimit) -> Bool {
        if y.inCount <= y.outCount { return true }
        let (bytes, overflow) = y.maxTaps.multipliedReportingOverflow(by: outWidth &* 32)
        return !overflow && bytes <= limit
    }

    /// The ring size up to which the vertical pass gathers (tests lower it to cover scatter).
    static let gatherLimit = 4 << 20

    /// Working rows the vertical pass keeps for this table: the ring size when gathering,
    /// the most output rows open at once when scattering.
    static func bandRows(_ y: AxisContributions, outWidth: Int, gatherLimit: Int = gatherLimit) -> Int {
        if gathers(y, outWidth: outWidth, limit: gatherLimit) { return y.maxTaps }
        var open = 0, most = 1, lo = 0, hi = 0
        let end = y.starts[y.outCount - 1] + y.counts[y.outCount - 1]
        for j in y.starts[0] ..< end {
            while hi < y.outCount && y.starts[hi] <= j { hi += 1; open += 1 }
            most = max(most, open)
            while lo < hi && y.starts[lo] + y.counts[lo] == j + 1 { lo += 1; open -= 1 }
        }
        return most
    }

    /// Resamples `inWidth x inHeight` rows read by `source` to `x.outCount x y.outCount`
    /// rows written to `sink`. `x` and `y` were built for these sizes, so every start plus
    /// count stays within the source (see `AxisContributions`).
    static func run<T: FixedWidthInteger & UnsignedInteger, U: FixedWidthInteger & UnsignedInteger, Lane: LaneScalar>(
        source: PremultipliedRows<T, Lane>, sink: StraightRows<U, Lane>,
        x xTable: AxisContributions, y yTable: AxisContributions, gatherLimit: Int = gatherLimit
    ) {
        let x = Axis<Lane>(xTable, padded: true), y = Axis<Lane>(yTable)
        defer { x.deallocate(); y.deallocate() }
        let outW = x.outCount
        // Three zero pixels past the row's end for the padded horizontal windows (see Axis).
        let srcRow: UnsafeMutablePointer<SIMD4<Lane>> = rows(source.width &+ 3)
        defer { srcRow.deallocate() }
        let band = bandRows(yTable, outWidth: outW, gatherLimit: gatherLimit)
        let ring: UnsafeMutablePointer<SIMD4<Lane>> = rows(band &* outW)
        defer { ring.deallocate() }
        let acc: UnsafeMutablePointer<SIMD4<Lane>> = rows(outW)
        defer { acc.deallocate() }

        if gathers(yTable, outWidth: outW, limit: gatherLimit) {
            // Gather: windows never move backwards, and the live rows [start, next) number at
            // most maxTaps = band, so slots j % band are distinct.
            var next = 0
            for oy in 0 ..< y.outCount {
                let s = y.starts[oy], n = y.counts[oy]
                // Rows before the window are never needed; a window reaching back past the
                // ring (impossible for monotone tables) would simply be recomputed.
                if next < s || s < next &- band { next = s }
                while next < s &+ n {
                    source.read(next, into: srcRow)
                    horizontal(srcRow, ring + (next % band) &* outW, x)
                    next &+= 1
                }
                let w = y.weights + oy &* y.maxTaps
                var k = 0
                while k < n {
                    let r0 = ring + ((s &+ k) % band) &* outW
                    if k &+ 3 < n {
                        let r1 = ring + ((s &+ k &+ 1) % band) &* outW
                        let r2 = ring + ((s &+ k &+ 2) % band) &* outW
                        let r3 = ring + ((s &+ k &+ 3) % band) &* outW
                        accumulate(acc, r0, w[k], r1, w[k &+ 1], r2, w[k &+ 2], r3, w[k &+ 3], outW, first: k == 0)
                        k &+= 4
                    } else if k &+ 1 < n {
                        let r1 = ring + ((s &+ k &+ 1) % band) &* outW
                        accumulate(acc, r0, w[k], r1, w[k &+ 1], outW, first: k == 0)
                        k &+= 2
                    } else {
                        accumulate(acc, r0, w[k], outW, first: k == 0)
                        k &+= 1
                    }
                }
                sink.write(oy, from: acc)
            }
        } else {
            // Scatter: output rows open in order and close in order (both window ends are
            // monotone), so the open ones are a run of at most `band` consecutive indices.
            let hrow = acc
            var lo = 0, hi = 0
            let end = y.starts[y.outCount &- 1] &+ y.counts[y.outCount &- 1]
            for j in y.starts[0] ..< end {
                while hi < y.outCount && y.starts[hi] <= j {
                    (ring + (hi % band) &* outW).update(repeating: .zero, count: outW)
                    hi &+= 1
                }
                source.read(j, into: srcRow)
                horizontal(srcRow, hrow, x)
                for oy in lo ..< hi {
                    let k = j &- y.starts[oy]
                    accumulate(ring + (oy % band) &* outW, hrow, y.weights[oy &* y.maxTaps &+ k], outW, first: false)
                }
                while lo < hi && y.starts[lo] &+ y.counts[lo] == j &+ 1 {
                    sink.write(lo, from: ring + (lo % band) &* outW)
                    lo &+= 1
                }
            }
        }
    }

    /// One source row to the output width: `dst[i] = sum_k w[i][k] * src[start_i + k]`.
    /// Four accumulators keep four independent add chains in flight (an add's latency is
    /// about four of its issue slots).
    @inline(__always)
    static func horizontal<Lane: LaneScalar>(_ src: UnsafePointer<SIMD4<Lane>>, _ dst: UnsafeMutablePointer<SIMD4<Lane>>, _ x: Axis<Lane>) {
        // `x` is padded: every count is a positive multiple of four (see Axis).
        var w = UnsafePointer(x.splatWeights)
        for i in 0 ..< x.outCount {
            let s = src + x.starts[i]
            let n = x.counts[i]
            var a0 = s[0] * w[0], a1 = s[1] * w[1], a2 = s[2] * w[2], a3 = s[3] * w[3]
            var k = 4
            while k < n {
                a0 += s[k] * w[k]
                a1 += s[k &+ 1] * w[k &+ 1]
                a2 += s[k &+ 2] * w[k &+ 2]
                a3 += s[k &+ 3] * w[k &+ 3]
                k &+= 4
            }
            dst[i] = (a0 + a1) + (a2 + a3)
            w += x.maxTaps
        }
    }

    /// `acc = (first ? 0 : acc) + w0 * r0 + w1 * r1 + w2 * r2 + w3 * r3` over a row.
    @inline(__always)
    static func accumulate<Lane: LaneScalar>(_ acc: UnsafeMutablePointer<SIMD4<Lane>>,
                                             _ r0: UnsafePointer<SIMD4<Lane>>, _ w0: Lane,
                                             _ r1: UnsafePointer<SIMD4<Lane>>, _ w1: Lane,
                                             _ r2: UnsafePointer<SIMD4<Lane>>, _ w2: Lane,
                                             _ r3: UnsafePointer<SIMD4<Lane>>, _ w3: Lane,
                                             _ count: Int, first: Bool) {
        let (v0, v1, v2, v3) = (SIMD4(repeating: w0), SIMD4(repeating: w1), SIMD4(repeating: w2), SIMD4(repeating: w3))
        if first {
            for i in 0 ..< count { acc[i] = (r0[i] * v0 + r1[i] * v1) + (r2[i] * v2 + r3[i] * v3) }
        } else {
            for i in 0 ..< count { acc[i] += (r0[i] * v0 + r1[i] * v1) + (r2[i] * v2 + r3[i] * v3) }
        }
    }

    /// `acc = (first ? 0 : acc) + w0 * r0 + w1 * r1` over a row.
    @inline(__always)
    static func accumulate<Lane: LaneScalar>(_ acc: UnsafeMutablePointer<SIMD4<Lane>>,
                                             _ r0: UnsafePointer<SIMD4<Lane>>, _ w0: Lane,
                                             _ r1: UnsafePointer<SIMD4<Lane>>, _ w1: Lane,
                                             _ count: Int, first: Bool) {
        if first {
            for i in 0 ..< count { acc[i] = r0[i] * w0 + r1[i] * w1 }
        } else {
            for i in 0 ..< count { acc[i] += r0[i] * w0 + r1[i] * w1 }
        }
    }

    /// `acc = (first ? 0 : acc) + w0 * r0` over a row.
    @inline(__always)
    static func accumulate<Lane: LaneScalar>(_ acc: UnsafeMutablePointer<SIMD4<Lane>>,
                                             _ r0: UnsafePointer<SIMD4<Lane>>, _ w0: Lane,
                                             _ count: Int, first: Bool) {
        if first {
            for i in 0 ..< count { acc[i] = r0[i] * w0 }
        } else {
            for i in 0 ..< count { acc[i] += r0[i] * w0 }
        }
    }
}
