import Testing
import RasterDeflate

@Suite struct ChecksumTests {
    @Test func crc32KnownVectors() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    @Test func crc32ContinuesAcrossSplits() {
        var rng = SplitMix64Bytes(seed: 7)
        let data = rng.bytes(10_000)
        let whole = CRC32.checksum(data)
        for cut in [0, 1, 7, 8, 9, 4095, 9999, 10_000] {
            let a = CRC32.checksum(data[0..<cut])
            #expect(CRC32.checksum(data[cut...], continuing: a) == whole)
        }
    }

    @Test func crc32MatchesBitwiseReferenceOnLongInputs() {
        var rng = SplitMix64Bytes(seed: 17)
        let data = rng.bytes(120_000)
        for length in [12_287, 12_288, 12_289, 24_576 + 5, 50_000, 120_000] {
            let slice = Array(data[0..<length])
            #expect(CRC32.checksum(slice) == referenceCRC(slice), "length \(length)")
        }
        let whole = CRC32.checksum(data)
        for cut in [1, 12_288, 40_001] {
            #expect(CRC32.checksum(data[cut...], continuing: CRC32.checksum(data[0..<cut])) == whole)
        }
    }

    private func referenceCRC(_ d: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for x in d {
            c ^= UInt32(x)
            for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    @Test func adler32KnownVectors() {
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Adler32.checksum([UInt8]()) == 1)
        // 1 MB of 0xFF drives both sums through many deferred-modulo rounds.
        let ff = [UInt8](repeating: 0xFF, count: 1 << 20)
        #expect(Adler32.checksum(ff) == referenceAdler(ff))
    }

    @Test func adler32ContinuesAcrossSplits() {
        var rng = SplitMix64Bytes(seed: 9)
        let data = rng.bytes(20_000)
        let whole = Adler32.checksum(data)
        #expect(whole == referenceAdler(data))
        for cut in [0, 1, 5551, 5552, 5553, 19_999] {
            let a = Adler32.checksum(data[0..<cut])
            #expect(Adler32.checksum(data[cut...], continuing: a) == whole)
        }
    }

    @Test func adler32MatchesReferenceAtAnyLengthAndOffset() {
        var rng = SplitMix64Bytes(seed: 13)
        let data = rng.bytes(300_000)
        let ff = [UInt8](repeating: 0xFF, count: 70_000)
        for i in 0..<60 {
            let start = Int(rng.rng.next() % 64)
            let length = i < 20 ? i * 13 : Int(rng.rng.next() % 250_000)
            let slice = Array(data[start..<(start + length)])
            #expect(Adler32.checksum(slice) == referenceAdler(slice), "length \(length)")
            let run = Array(ff[0..<min(ff.count, length)])
            #expect(Adler32.checksum(run) == referenceAdler(run))
        }
    }

    private func referenceAdler(_ d: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for x in d { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
        return b << 16 | a
    }
}
