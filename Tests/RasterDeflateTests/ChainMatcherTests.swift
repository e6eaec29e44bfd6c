import Testing
@testable import RasterDeflate

/// The hash-chain matcher of levels 6-9 (issue 15): window edges, tails shorter than a hash,
/// the one-entry 3-byte table and the 6-byte chains of `.filtered`, each level and strategy
/// inflated back by our inflater.
@Suite struct ChainMatcherTests {
    /// Inputs aimed at the matcher's edges: repeats at distances 32767, 32768 and 32769 (the
    /// last two out of the window), 3-byte repeats nearer and farther than 8192, every
    /// length up to 20 (tails shorter than the 4- and 8-byte hash loads), long runs past the
    /// nice length, and PNG-row-like residuals longer than the window.
    static func samples() -> [(String, [UInt8])] {
        var g = SplitMix64Bytes(seed: 15)
        var out: [(String, [UInt8])] = []
        for d in [32767, 32768, 32769] {
            let piece = g.bytes(300)
            var data = piece
            data += g.bytes(d - piece.count)
            data += piece
            data += g.bytes(50)
            out.append(("repeat at \(d)", data))
        }
        var threes = [UInt8]()
        for k in 0 ..< 24 {
            threes += g.bytes(k % 2 == 0 ? 5000 : 9000)
            threes += [1, 2, UInt8(truncatingIfNeeded: k)]
        }
        out.append(("3-byte repeats", threes))
        for n in 0 ... 20 {
            out.append(("short \(n)", [UInt8](repeating: 7, count: n / 2) + g.bytes(n - n / 2)))
        }
        out.append(("runs", [UInt8](repeating: 0, count: 70_000) + g.bytes(10) + [UInt8](repeating: 9, count: 1000)))
        out.append(("residuals", StrategyTests.residuals(100_000, seed: 9)))
        return out
    }

    @Test(arguments: 2 ... 9) func everyLevelRoundTrips(level: Int) throws {
        for strategy: DeflateStrategy in [.default, .filtered] {
            for (name, data) in Self.samples() {
                let z = try Zlib.compress(data, level: level, strategy: strategy)
                #expect(try Zlib.decompress(z) == data, "\(name) \(strategy) level \(level)")
                #expect(z.count <= DeflateCompressor.bound(data.count) + 6, "\(name) \(strategy) level \(level)")
            }
        }
    }

    /// A repeat 32767 bytes back (the farthest the matcher reaches) is found at every chain
    /// level: the stream is well over 100 bytes smaller than for the same input whose second
    /// piece is fresh random bytes (zlib, which stops 262 bytes short of the window, stores
    /// both).
    @Test func farthestRepeatIsFound() throws {
        var g = SplitMix64Bytes(seed: 16)
        let piece = g.bytes(200)
        let filler = g.bytes(32767 - piece.count)
        let data = piece + filler + piece
        let control = piece + filler + g.bytes(piece.count)
        for level in 6 ... 9 {
            for strategy: DeflateStrategy in [.default, .filtered] {
                let z = try Deflate.compress(data, level: level, strategy: strategy)
                let c = try Deflate.compress(control, level: level, strategy: strategy)
                #expect(try Deflate.decompress(z) == data)
                #expect(z.count + 100 < c.count, "level \(level) \(strategy): \(z.count) vs \(c.count) bytes")
            }
        }
    }

    /// `.filtered` at the chain levels writes no match shorter than 6 bytes, and finds the
    /// longer ones.
    @Test(arguments: 6 ... 9) func filteredSkipsShortMatches(level: Int) throws {
        let data = StrategyTests.residuals(120_000, seed: 11)
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: DeflateCompressor.bound(data.count))
        defer { out.deallocate() }
        var counts = DeflateCompressor.MatchCounts()
        let written = data.withUnsafeBytes {
            DeflateCompressor.compress($0, level: level, strategy: .filtered, output: out, counts: &counts)
        }
        #expect(try Deflate.decompress(Array(UnsafeBufferPointer(start: out, count: written))) == data)
        #expect(counts.short == 0)
        #expect(counts.all > 0)
    }
}
