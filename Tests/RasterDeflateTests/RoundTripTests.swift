import Testing
import RasterDeflate

@Suite struct RoundTripTests {
    static func samples() -> [(String, [UInt8])] {
        var g = SplitMix64Bytes(seed: 42)
        return [
            ("empty", []),
            ("one", [0x5A]),
            ("random", g.bytes(70_000)),
            ("repetitive", Array(repeating: Array("abcabcabd".utf8), count: 8000).flatMap { $0 }),
            ("zeros", [UInt8](repeating: 0, count: 300_000)),
            ("text", g.text(120_000)),
        ]
    }

    @Test(arguments: 0...9) func everyLevelAllFormats(level: Int) throws {
        for (name, data) in RoundTripTests.samples() {
            let z = try Zlib.compress(data, level: level)
            #expect(try Zlib.decompress(z) == data, "zlib \(name) level \(level)")
            let g = try Gzip.compress(data, level: level)
            #expect(try Gzip.decompress(g) == data, "gzip \(name) level \(level)")
            let r = try Deflate.compress(data, level: level)
            #expect(try Deflate.decompress(r) == data, "raw \(name) level \(level)")
            let (n, buf) = try inflateInto(z, capacity: data.count)
            #expect(n == data.count && buf == data, "into \(name) level \(level)")
        }
    }

    /// Incompressible stretches between text make stored blocks follow Huffman blocks, whose
    /// fast decode loop must hand over a clean bit buffer (a bug once caught here).
    @Test func storedBlocksBetweenHuffmanBlocks() throws {
        var g = SplitMix64Bytes(seed: 21)
        let data = g.text(200_000) + g.bytes(150_000) + g.text(200_000) + g.bytes(70_000) + g.text(30_000)
        for level in [1, 6, 9] {
            let z = try Zlib.compress(data, level: level)
            #expect(try Zlib.decompress(z) == data, "level \(level)")
            #expect(try inflateIncrementally(z, format: .zlib, step: 999) == data, "level \(level)")
            let (n, buf) = try inflateInto(z, capacity: data.count)
            #expect(n == data.count && buf == data)
        }
    }

    /// Runs with short periods (2-7 bytes) take the inflater's pattern-copy path.
    @Test func shortPeriodRuns() throws {
        var g = SplitMix64Bytes(seed: 31)
        var data = [UInt8]()
        for i in 0..<400 {
            let period = 2 + i % 6
            let unit = g.bytes(period)
            let repeats = 1 + (i * 37) % 120
            for _ in 0..<repeats { data += unit }
            data += g.bytes(i % 5)
        }
        for level in [1, 6, 9] {
            let z = try Zlib.compress(data, level: level)
            #expect(try Zlib.decompress(z) == data)
            let (n, buf) = try inflateInto(z, capacity: data.count)
            #expect(n == data.count && buf == data)
        }
    }

    @Test func compressionActuallyCompresses() throws {
        var g = SplitMix64Bytes(seed: 5)
        let text = g.text(100_000)
        let l1 = try Zlib.compress(text, level: 1).count
        let l6 = Zlib.compress(text).count
        let l9 = try Zlib.compress(text, level: 9).count
        #expect(l6 < text.count / 3)
        #expect(l9 <= l6 && l6 <= l1)
        // Incompressible data grows by a few bytes per 64 KiB stored block at most.
        let random = g.bytes(200_000)
        #expect(Zlib.compress(random).count <= random.count + 5 * 4 + 6)
    }

    @Test func sixteenMegabytes() throws {
        var g = SplitMix64Bytes(seed: 16)
        // Mixed content so every block type and long histories get used.
        var data = g.text(6 << 20)
        data += [UInt8](repeating: 7, count: 4 << 20)
        data += g.bytes(2 << 20)
        data += g.text(4 << 20)
        #expect(data.count == 16 << 20)
        let z = try Zlib.compress(data, level: 1)
        #expect(try Zlib.decompress(z) == data)
    }

    @Test func nonContiguousCollections() throws {
        let data = Array("hello hello hello hello".utf8)
        let z = Zlib.compress(data.lazy.map { $0 })
        #expect(try Zlib.decompress(z.lazy.map { $0 }) == data)
        #expect(try Zlib.decompress(z[...]) == data)
    }

    @Test func gzipMultiMember() throws {
        let a = Array("first member\n".utf8)
        let b = Array(String(repeating: "second member ", count: 100).utf8)
        let joined = try Gzip.compress(a) + Gzip.compress(b, level: 1) + Gzip.compress([], level: 9)
        #expect(try Gzip.decompress(joined) == a + b)
        #expect(try inflateIncrementally(joined, format: .gzip, step: 1) == a + b)
        #expect(try inflateIncrementally(joined, format: .gzip, step: 7) == a + b)
    }
}
