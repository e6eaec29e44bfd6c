import Testing
import RasterDeflate

@Suite struct MalformedTests {
    // MARK: headers

    @Test func zlibHeaders() {
        #expect(throws: DeflateError.invalidHeader("zlib compression method is not 8 (deflate)")) {
            try Zlib.decompress([0x77, 0x9D, 0x03, 0x00])  // CM 7, check bits valid
        }
        #expect(throws: DeflateError.invalidHeader("zlib window size exceeds 32 KiB")) {
            try Zlib.decompress([0x88, 0x98, 0x03, 0x00])
        }
        #expect(throws: DeflateError.invalidHeader("zlib header check bits are wrong")) {
            try Zlib.decompress([0x78, 0x9D, 0x03, 0x00])
        }
        #expect(throws: DeflateError.presetDictionaryUnsupported) { try Zlib.decompress([0x78, 0xBB, 0, 0, 0, 0]) }
        #expect(throws: DeflateError.truncated) { try Zlib.decompress([UInt8]()) }
        #expect(throws: DeflateError.truncated) { try Zlib.decompress([0x78]) }
    }

    @Test func gzipHeaders() {
        let good = Gzip.compress(Array("x".utf8))
        var bad = good; bad[0] = 0x1E
        #expect(throws: DeflateError.invalidHeader("not a gzip stream (bad magic)")) { try Gzip.decompress(bad) }
        bad = good; bad[2] = 7
        #expect(throws: DeflateError.invalidHeader("gzip compression method is not 8 (deflate)")) { try Gzip.decompress(bad) }
        bad = good; bad[3] = 0x20
        #expect(throws: DeflateError.invalidHeader("gzip reserved flag bits are set")) { try Gzip.decompress(bad) }
        #expect(throws: DeflateError.truncated) { try Gzip.decompress([UInt8]()) }
        // Garbage after a complete member is not another member.
        #expect(throws: DeflateError.invalidHeader("not a gzip stream (bad magic)")) { try Gzip.decompress(good + [0, 0]) }
    }

    @Test func gzipOptionalFields() throws {
        // FEXTRA, FNAME, FCOMMENT and FHCRC, built by hand around a deflate body.
        let content = Array("payload".utf8)
        var header: [UInt8] = [0x1F, 0x8B, 8, 0x1E, 1, 2, 3, 4, 0, 3]
        header += [4, 0, 0xAA, 0xBB, 0xCC, 0xDD]
        header += Array("name.txt".utf8) + [0]
        header += Array("a comment".utf8) + [0]
        let hcrc = CRC32.checksum(header) & 0xFFFF
        header += [UInt8(hcrc & 0xFF), UInt8(hcrc >> 8)]
        let crc = CRC32.checksum(content)
        let n = UInt32(content.count)
        let trailer: [UInt8] = [UInt8(crc & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8((crc >> 16) & 0xFF), UInt8(crc >> 24),
                                UInt8(n & 0xFF), UInt8((n >> 8) & 0xFF), UInt8((n >> 16) & 0xFF), UInt8(n >> 24)]
        let file = header + Deflate.compress(content) + trailer
        #expect(try Gzip.decompress(file) == content)
        #expect(try inflateIncrementally(file, format: .gzip, step: 1) == content)
        var badHCRC = file
        badHCRC[header.count - 1] ^= 0xFF
        #expect(throws: DeflateError.self) { try Gzip.decompress(badHCRC) }
    }

    // MARK: trailers

    @Test func checksumsAndLengths() {
        let data = Array(String(repeating: "checksum ", count: 50).utf8)
        var z = Zlib.compress(data)
        z[z.count - 1] ^= 1
        let good = Adler32.checksum(data)
        #expect(throws: DeflateError.checksumMismatch(expected: good ^ 1, actual: good)) { try Zlib.decompress(z) }
        var g = Gzip.compress(data)
        g[g.count - 8] ^= 0x80
        #expect(throws: DeflateError.checksumMismatch(expected: CRC32.checksum(data) ^ 0x80, actual: CRC32.checksum(data))) {
            try Gzip.decompress(g)
        }
        g = Gzip.compress(data)
        g[g.count - 4] ^= 1
        #expect(throws: DeflateError.lengthMismatch) { try Gzip.decompress(g) }
        #expect(throws: DeflateError.lengthMismatch) { _ = try inflateIncrementally(g, format: .gzip, step: 3) }
    }

    // MARK: truncation

    @Test(arguments: [InflateFormat.zlib, .gzip]) func truncatedAtEveryOffset(format: InflateFormat) throws {
        var gen = SplitMix64Bytes(seed: 3)
        let data = gen.text(2000) + gen.bytes(100)
        for level in [0, 1, 6] {
            let z = try format == .zlib ? Zlib.compress(data, level: level) : Gzip.compress(data, level: level)
            for cut in 0..<z.count {
                let prefix = Array(z[0..<cut])
                #expect(throws: DeflateError.truncated, "cut \(cut) of \(z.count) level \(level)") {
                    format == .zlib ? try Zlib.decompress(prefix) : try Gzip.decompress(prefix)
                }
                #expect(throws: DeflateError.truncated, "incremental cut \(cut)") {
                    _ = try inflateIncrementally(prefix, format: format, step: 5)
                }
            }
        }
    }

    @Test func truncatedRawStreams() {
        let z = Deflate.compress(Array(String(repeating: "raw data ", count: 40).utf8))
        for cut in 0..<z.count {
            #expect(throws: DeflateError.truncated) { try Deflate.decompress(z[0..<cut]) }
        }
    }

    // MARK: block structure

    @Test func reservedBlockType() {
        var s = StreamBuilder()
        s.bits(1, 1); s.bits(3, 2)
        #expect(throws: DeflateError.invalidBlockType) { try Deflate.decompress(s.finish()) }
    }

    @Test func storedLengthMismatch() throws {
        #expect(throws: DeflateError.storedLengthMismatch) { try Deflate.decompress([0x01, 0x05, 0x00, 0xFA, 0xFE, 1, 2, 3, 4, 5]) }
        #expect(try Deflate.decompress([0x01, 0x05, 0x00, 0xFA, 0xFF, 1, 2, 3, 4, 5]) == [1, 2, 3, 4, 5])
    }

    @Test func distanceTooFar() throws {
        var s = StreamBuilder()
        s.bits(1, 1); s.bits(1, 2)          // final, fixed
        s.fixedLitLen(0x61)                 // 'a'
        s.fixedLitLen(257)                  // length 3
        s.code(1, 5)                        // distance 2: one byte of history only
        s.fixedLitLen(256)
        #expect(throws: DeflateError.distanceTooFar) { try Deflate.decompress(s.finish()) }
        // Distance 1 is fine and yields "aaaa".
        var ok = StreamBuilder()
        ok.bits(1, 1); ok.bits(1, 2); ok.fixedLitLen(0x61); ok.fixedLitLen(257); ok.code(0, 5); ok.fixedLitLen(256)
        #expect(try Deflate.decompress(ok.finish()) == Array("aaaa".utf8))
    }

    @Test func distanceIntoPreviousGzipMemberIsTooFar() {
        // A second member may not copy from the first one's output.
        var s = StreamBuilder()
        s.bits(1, 1); s.bits(1, 2); s.fixedLitLen(257); s.code(0, 5); s.fixedLitLen(256)
        let body = s.finish()
        let first = Gzip.compress(Array("abc".utf8))
        let second: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255] + body + [0, 0, 0, 0, 3, 0, 0, 0]
        #expect(throws: DeflateError.distanceTooFar) { try Gzip.decompress(first + second) }
    }

    @Test func reservedSymbols() {
        for sym in [286, 287] {
            var s = StreamBuilder()
            s.bits(1, 1); s.bits(1, 2); s.fixedLitLen(sym); s.fixedLitLen(256)
            #expect(throws: DeflateError.invalidCode) { try Deflate.decompress(s.finish()) }
        }
        for d in [30, 31] {
            var s = StreamBuilder()
            s.bits(1, 1); s.bits(1, 2); s.fixedLitLen(0x41); s.fixedLitLen(257); s.code(d, 5); s.fixedLitLen(256)
            #expect(throws: DeflateError.invalidCode) { try Deflate.decompress(s.finish()) }
        }
    }

    /// A dynamic block header with HLIT=257, HDIST=1 whose precode gives symbols `a` and `b`
    /// one-bit codes (`a` < `b`, so `a` is "0").
    private func dynamicHeader(_ s: inout StreamBuilder, precodeA a: Int, b: Int) {
        s.bits(1, 1); s.bits(2, 2)
        s.bits(0, 5); s.bits(0, 5); s.bits(15, 4)  // HLIT 257, HDIST 1, HCLEN 19
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        for sym in order { s.bits(sym == a || sym == b ? 1 : 0, 3) }
    }

    @Test func overSubscribedPrecode() {
        var s = StreamBuilder()
        s.bits(1, 1); s.bits(2, 2); s.bits(0, 5); s.bits(0, 5); s.bits(15, 4)
        for _ in 0..<19 { s.bits(1, 3) }
        s.bits(0, 32)
        #expect(throws: DeflateError.invalidCodeLengths) { try Deflate.decompress(s.finish()) }
    }

    @Test func incompletePrecode() {
        var s = StreamBuilder()
        s.bits(1, 1); s.bits(2, 2); s.bits(0, 5); s.bits(0, 5); s.bits(0, 4)
        s.bits(0, 3); s.bits(0, 3); s.bits(0, 3); s.bits(2, 3)  // only symbol 0, length 2
        s.bits(0, 32)
        #expect(throws: DeflateError.invalidCodeLengths) { try Deflate.decompress(s.finish()) }
    }

    @Test func overSubscribedLiteralCode() {
        var s = StreamBuilder()
        dynamicHeader(&s, precodeA: 1, b: 18)
        for _ in 0..<258 { s.code(0, 1) }  // every length 1
        s.bits(0, 32)
        #expect(throws: DeflateError.invalidCodeLengths) { try Deflate.decompress(s.finish()) }
    }

    @Test func incompleteLiteralCode() {
        var s = StreamBuilder()
        dynamicHeader(&s, precodeA: 2, b: 18)
        s.code(0, 1)                        // lit 0: length 2
        s.code(1, 1); s.bits(127, 7)        // 138 zeros
        s.code(1, 1); s.bits(106, 7)        // 117 zeros -> up to symbol 255
        s.code(0, 1)                        // 256: length 2
        s.code(0, 1)                        // dist 0: length 2
        s.bits(0, 32)
        #expect(throws: DeflateError.invalidCodeLengths) { try Deflate.decompress(s.finish()) }
    }

    @Test func repeatWithoutPreviousAndRunPastEnd() {
        var s = StreamBuilder()
        dynamicHeader(&s, precodeA: 1, b: 16)
        s.code(1, 1); s.bits(0, 2)         // 16 first: nothing to repeat
        s.bits(0, 32)
        #expect(throws: DeflateError.invalidCodeLengths) { try Deflate.decompress(s.finish()) }
        var t = StreamBuilder()
        dynamicHeader(&t, precodeA: 8, b: 18)
        for _ in 0..<3 { t.code(1, 1); t.bits(127, 7) }  // 3 x 138 zeros > 258 lengths
        t.bits(0, 32)
        #expect(throws: DeflateError.invalidCodeLengths) { try Deflate.decompress(t.finish()) }
    }

    @Test func tooManySymbolsDeclared() {
        var s = StreamBuilder()
        s.bits(1, 1); s.bits(2, 2); s.bits(30, 5); s.bits(0, 5); s.bits(0, 4)
        s.bits(0, 32)
        #expect(throws: DeflateError.invalidCodeLengths) { try Deflate.decompress(s.finish()) }
    }

    // MARK: limits

    /// A stored 'a' then fixed blocks of (258, 1) matches: about 160 bytes out per input byte.
    static func bomb(matches: Int) -> [UInt8] {
        var s = StreamBuilder()
        s.bits(0, 1); s.bits(0, 2); s.bits(0, 5)
        s.bytes += [1, 0, 0xFE, 0xFF, 0x61]
        s.bits(1, 1); s.bits(1, 2)
        for _ in 0..<matches { s.fixedLitLen(285); s.code(0, 5) }
        s.fixedLitLen(256)
        return s.finish()
    }

    @Test func decompressionBombStopsAtLimit() throws {
        let raw = MalformedTests.bomb(matches: 200_000)   // ~325 KB in, ~51.6 MB out
        #expect(throws: DeflateError.outputLimitExceeded(limit: 1 << 20)) { try Deflate.decompress(raw, outputLimit: 1 << 20) }
        #expect(throws: DeflateError.outputLimitExceeded(limit: 1 << 20)) {
            _ = try inflateIncrementally(raw, format: .raw, step: 4096, limit: 1 << 20)
        }
        let (n, _) = try inflateInto(MalformedTests.bomb(matches: 10), capacity: 1 + 2580, format: .raw)
        #expect(n == 2581)
        #expect(throws: DeflateError.outputLimitExceeded(limit: 2580)) {
            _ = try inflateInto(MalformedTests.bomb(matches: 10), capacity: 2580, format: .raw)
        }
        #expect(try Deflate.decompress(MalformedTests.bomb(matches: 10), outputLimit: 2581).count == 2581)
    }

    // MARK: robustness

    /// Mutated streams must fail cleanly or decode; never trap or hang.
    @Test func randomMutationsNeverTrap() throws {
        var gen = SplitMix64Bytes(seed: 99)
        let data = gen.text(5000) + gen.bytes(500) + [UInt8](repeating: 0, count: 2000)
        let streams = try [Zlib.compress(data, level: 1), Zlib.compress(data, level: 9), Zlib.compress(data, level: 0)]
        var rng = SplitMix64Bytes(seed: 100)
        for i in 0..<1500 {
            var z = streams[i % streams.count]
            let flips = 1 + Int(rng.rng.next() % 4)
            for _ in 0..<flips {
                let at = Int(rng.rng.next() % UInt64(z.count))
                z[at] ^= UInt8(truncatingIfNeeded: rng.rng.next() | 1)
            }
            _ = try? Zlib.decompress(z, outputLimit: 1 << 20)
            _ = try? inflateIncrementally(z, format: .zlib, step: 1 + i % 13, limit: 1 << 20)
            _ = try? Deflate.decompress(z.dropFirst(2), outputLimit: 1 << 20)
        }
        // Pure noise as raw deflate.
        for _ in 0..<500 {
            let junk = rng.bytes(Int(rng.rng.next() % 300))
            _ = try? Deflate.decompress(junk, outputLimit: 1 << 20)
        }
    }
}
