import Testing
@testable import RasterDeflate

@Suite struct IncrementalTests {
    @Test(arguments: [InflateFormat.zlib, .gzip, .raw]) func oneByteAtATimeEqualsOneShot(format: InflateFormat) throws {
        var g = SplitMix64Bytes(seed: 11)
        let data = g.text(60_000) + g.bytes(3000) + [UInt8](repeating: 1, count: 100_000)
        let z: [UInt8]
        switch format {
        case .zlib: z = Zlib.compress(data)
        case .gzip: z = Gzip.compress(data)
        case .raw: z = Deflate.compress(data)
        }
        #expect(try inflateIncrementally(z, format: format, step: 1) == data)
        for step in [2, 3, 100, 4096, z.count] {
            #expect(try inflateIncrementally(z, format: format, step: step) == data)
        }
    }

    @Test func storedBlocksByteWise() throws {
        var g = SplitMix64Bytes(seed: 12)
        let data = g.bytes(150_000)
        let z = try Zlib.compress(data, level: 0)
        #expect(try inflateIncrementally(z, format: .zlib, step: 1) == data)
    }

    @Test func largeOutputIsDeliveredInPieces() throws {
        let data = [UInt8](repeating: 9, count: 5_000_000)
        let z = try Zlib.compress(data, level: 9)
        var inf = Inflater(format: .zlib)
        var pieces = 0
        var total = 0
        var largest = 0
        try inf.feed(z) { buf in
            pieces += 1
            total += buf.count
            largest = max(largest, buf.count)
            #expect(buf.allSatisfy { $0 == 9 })
        }
        try inf.finish()
        let finished = inf.isFinished
        #expect(finished)
        #expect(total == data.count)
        #expect(pieces > 10)
        // The documented promise: no callback gets more than 64 KiB, the first one included.
        // (The first slice used to be the whole 96 KiB buffer.)
        #expect(largest <= 65536)
        #expect(largest > 65536 - 258)
    }

    /// Fed one byte at a time, a stream with many dynamic blocks reads each block header once
    /// (it used to restart the header on every byte, quadratic in the header size).
    @Test func byteWiseFeedingReadsEachDynamicHeaderOnce() throws {
        var g = SplitMix64Bytes(seed: 21)
        // Literal-only blocks of text: one dynamic block per 64 Ki items at least.
        let data = g.text(600_000)
        let z = try Zlib.compress(data, level: 6, strategy: .huffmanOnly)
        var whole = Inflater(format: .zlib)
        var wholeOut: [UInt8] = []
        try whole.feed(z) { wholeOut += $0 }
        try whole.finish()
        let blocks = whole.engine.dynamicHeadersStarted
        #expect(blocks >= 9)
        var bytewise = Inflater(format: .zlib)
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        for i in z.indices { try bytewise.feed(z[i..<(i + 1)]) { out += $0 } }
        try bytewise.finish()
        #expect(out == data)
        #expect(wholeOut == data)
        #expect(bytewise.engine.dynamicHeadersStarted == blocks)
    }

    @Test func callerCanStopEarly() throws {
        let data = [UInt8](repeating: 3, count: 1_000_000)
        let z = Zlib.compress(data)
        var inf = Inflater(format: .zlib)
        var got = 0
        var i = 0
        while got < 1000 && i < z.count {
            try inf.feed(z[i..<(i + 1)]) { got += $0.count }
            i += 1
        }
        #expect(got >= 1000)
        let finished = inf.isFinished
        #expect(!finished)
    }

    @Test func truncatedStreamFailsAtFinish() {
        let z = Zlib.compress(Array("some text some text".utf8))
        #expect(throws: DeflateError.truncated) {
            var inf = Inflater(format: .zlib)
            try inf.feed(z.dropLast(1)) { _ in }
            try inf.finish()
        }
    }

    @Test func errorsAreSticky() {
        var z = Zlib.compress(Array(String(repeating: "sticky ", count: 100).utf8))
        z[z.count - 1] ^= 0xFF
        var inf = Inflater(format: .zlib)
        #expect(throws: DeflateError.self) { try inf.feed(z) { _ in }; try inf.finish() }
        let first = inf.failure
        #expect(first != nil)
        #expect(throws: DeflateError.self) { try inf.feed([0, 1, 2]) { _ in } }
        #expect(throws: DeflateError.self) { try inf.finish() }
        let after = inf.failure
        #expect(after == first)
    }

    @Test func trailingDataIsRejected() {
        let z = Zlib.compress(Array("abc".utf8)) + [0]
        #expect(throws: DeflateError.trailingData) {
            _ = try inflateIncrementally(z, format: .zlib, step: 1)
        }
        #expect(throws: DeflateError.trailingData) { try Zlib.decompress(z) }
    }

    @Test func outputLimitStopsIncrementalInflate() throws {
        let z = Zlib.compress([UInt8](repeating: 0, count: 2_000_000))
        var produced = 0
        #expect(throws: DeflateError.outputLimitExceeded(limit: 100_000)) {
            var inf = Inflater(format: .zlib, outputLimit: 100_000)
            try inf.feed(z) { produced += $0.count }
        }
        #expect(produced <= 100_000)
        // Exactly at the limit is fine.
        #expect(try inflateIncrementally(Zlib.compress([UInt8](repeating: 1, count: 5000)), format: .zlib, step: 10, limit: 5000).count == 5000)
    }
}
