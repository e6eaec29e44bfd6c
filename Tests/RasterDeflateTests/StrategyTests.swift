import Testing
@testable import RasterDeflate

@Suite struct StrategyTests {
    static let strategies: [DeflateStrategy] = [.default, .filtered, .huffmanOnly, .rle]

    /// Bytes shaped like PNG-filtered photo rows: small residuals around zero with runs and
    /// repeated short patterns, so 3-5 byte matches are plentiful.
    static func residuals(_ n: Int, seed: UInt64) -> [UInt8] {
        var g = SplitMix64Bytes(seed: seed)
        let noise = g.bytes(n)
        var out = [UInt8](repeating: 0, count: n)
        var i = 0
        while i < n {
            let r = noise[i]
            if r < 20 && i >= 300 {
                // Copy an earlier stretch of 3-40 bytes.
                let len = min(Int(r % 38) + 3, n - i)
                let back = Int(noise[i &- 1]) + 1
                for k in 0 ..< len { out[i + k] = out[i + k - back] }
                i += len
            } else {
                out[i] = UInt8(truncatingIfNeeded: Int(r % 9) - 4)
                i += 1
            }
        }
        return out
    }

    static func samples() -> [(String, [UInt8])] {
        var g = SplitMix64Bytes(seed: 7)
        return RoundTripTests.samples() + [("residuals", residuals(150_000, seed: 3)), ("text2", g.text(90_000))]
    }

    @Test(arguments: [0, 1, 3, 4, 6, 9]) func everyStrategyRoundTrips(level: Int) throws {
        for strategy in Self.strategies {
            for (name, data) in Self.samples() {
                let z = try Zlib.compress(data, level: level, strategy: strategy)
                #expect(try Zlib.decompress(z) == data, "zlib \(name) \(strategy) level \(level)")
                let g = try Gzip.compress(data, level: level, strategy: strategy)
                #expect(try Gzip.decompress(g) == data, "gzip \(name) \(strategy) level \(level)")
                let r = try Deflate.compress(data, level: level, strategy: strategy)
                #expect(try Deflate.decompress(r) == data, "raw \(name) \(strategy) level \(level)")
            }
        }
    }

    static func counts(_ data: [UInt8], level: Int, _ strategy: DeflateStrategy) -> DeflateCompressor.MatchCounts {
        var counts = DeflateCompressor.MatchCounts()
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: DeflateCompressor.bound(data.count))
        defer { out.deallocate() }
        data.withUnsafeBytes { raw in
            _ = DeflateCompressor.compress(raw, level: level, strategy: strategy, output: out, counts: &counts)
        }
        return counts
    }

    /// As zlib's Z_FILTERED in deflate_slow: no match of 5 bytes or fewer at levels 4-9,
    /// while longer matches are still found.
    @Test(arguments: 4...9) func filteredDropsShortMatchesAtLazyLevels(level: Int) {
        var g = SplitMix64Bytes(seed: 5)
        for (name, data) in [("residuals", Self.residuals(200_000, seed: 11)), ("text", g.text(100_000))] {
            let filtered = Self.counts(data, level: level, .filtered)
            #expect(filtered.short == 0, "\(name) level \(level)")
            #expect(filtered.all > 100, "\(name) level \(level)")
            // The same input does have short matches without the strategy, so the check bites.
            #expect(Self.counts(data, level: level, .default).short > 0, "\(name) level \(level)")
        }
    }

    /// zlib's deflate_fast has no filtered mode: levels 1-3 give the same stream either way.
    @Test(arguments: 1...3) func filteredIsDefaultAtGreedyLevels(level: Int) throws {
        let data = Self.residuals(100_000, seed: 12)
        #expect(try Zlib.compress(data, level: level, strategy: .filtered) == Zlib.compress(data, level: level))
    }

    @Test func huffmanOnlyHasNoMatches() throws {
        let data = Self.residuals(100_000, seed: 13)
        #expect(Self.counts(data, level: 6, .huffmanOnly).all == 0)
        #expect(Self.counts(data, level: 6, .rle).all > 0)
    }

    /// Filtered PNG rows compress smaller with `.filtered` (the reason libpng uses it).
    @Test func filteredHelpsResiduals() {
        let data = Self.residuals(300_000, seed: 14)
        #expect(Zlib.compress(data, strategy: .filtered).count < Zlib.compress(data).count)
    }
}
