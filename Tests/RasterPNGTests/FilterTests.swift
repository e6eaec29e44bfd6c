@testable import RasterPNG
import RasterTestSupport
import Testing

/// The vectorised filter code against plain per-byte references (PNG spec §9.2-§9.4).
@Suite struct FilterTests {
    static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    /// Filter `type` applied to `cur` the slow way.
    static func reference(_ type: Int, _ cur: [UInt8], _ prev: [UInt8], _ bpp: Int) -> [UInt8] {
        (0 ..< cur.count).map { i in
            let x = Int(cur[i]), a = i >= bpp ? Int(cur[i - bpp]) : 0, b = Int(prev[i])
            let c = i >= bpp ? Int(prev[i - bpp]) : 0
            let predictor = [0, a, b, (a + b) / 2, paeth(a, b, c)][type]
            return UInt8((x - predictor) & 0xFF)
        }
    }

    static func heuristicChoice(_ cur: [UInt8], _ prev: [UInt8], _ bpp: Int) -> UInt8 {
        let sums = (0 ..< 5).map { t in reference(t, cur, prev, bpp).reduce(0) { $0 + Int(Int8(bitPattern: $1).magnitude) } }
        return UInt8(sums.firstIndex(of: sums.min() ?? 0) ?? 0)
    }

    static func rows(_ n: Int, _ rng: inout SplitMix64, smooth: Bool) -> ([UInt8], [UInt8]) {
        var cur: [UInt8] = [], prev: [UInt8] = []
        for i in 0 ..< n {
            let noise = UInt8(truncatingIfNeeded: rng.next())
            prev.append(smooth ? UInt8(truncatingIfNeeded: i / 3) &+ (noise & 3) : noise)
            cur.append(smooth ? UInt8(truncatingIfNeeded: i / 3 + 1) &+ (noise >> 6) : UInt8(truncatingIfNeeded: rng.next()))
        }
        return (cur, prev)
    }

    @Test func filterAndUnfilterMatchTheReference() throws {
        var rng = SplitMix64(seed: 77)
        for bpp in [1, 2, 3, 4, 6, 8] {
            for n in [bpp, bpp * 5, 16, 17, 33, 100 * bpp, 4096 + bpp] where n % bpp == 0 {
                for smooth in [false, true] {
                    let (cur, prev) = Self.rows(n, &rng, smooth: smooth)
                    for type in 0 ..< 5 {
                        var out = [UInt8](repeating: 0, count: n)
                        cur.withUnsafeBufferPointer { c in
                            prev.withUnsafeBufferPointer { p in
                                out.withUnsafeMutableBufferPointer { o in
                                    FilterSelector.apply(UInt8(type), c.baseAddress!, p.baseAddress!, n, bpp, o.baseAddress!)
                                }
                            }
                        }
                        #expect(out == Self.reference(type, cur, prev, bpp), "bpp \(bpp) n \(n) type \(type)")
                        try prev.withUnsafeBufferPointer { p in
                            try out.withUnsafeMutableBufferPointer { o in
                                try Unfilter.apply(type: UInt8(type), row: o.baseAddress!, prev: p.baseAddress!, count: n, bpp: bpp)
                            }
                        }
                        #expect(out == cur, "unfilter bpp \(bpp) n \(n) type \(type)")
                    }
                }
            }
        }
    }

    /// Includes rows long enough that 16-bit lane sums would wrap.
    @Test func adaptiveChoiceMatchesTheHeuristic() {
        var rng = SplitMix64(seed: 78)
        for bpp in [1, 3, 4, 8] {
            for n in [bpp * 7, 64, 1000 * bpp, 9000] where n % bpp == 0 {
                for smooth in [false, true] {
                    let (cur, prev) = Self.rows(n, &rng, smooth: smooth)
                    let chosen = cur.withUnsafeBufferPointer { c in
                        prev.withUnsafeBufferPointer { p in FilterSelector.choose(c.baseAddress!, p.baseAddress!, n, bpp) }
                    }
                    #expect(chosen == Self.heuristicChoice(cur, prev, bpp), "bpp \(bpp) n \(n) smooth \(smooth)")
                }
            }
        }
    }
}
