import Testing
@testable import RasterDeflate

/// `DeflateCompressor.bound` (proved in its comment) against the worst inputs we can build:
/// the compressor writes into a raw buffer of exactly that size, so it must never pass it.
@Suite struct CompressBoundTests {
    /// Inputs that push the splitter towards many small blocks over data that barely
    /// compresses, and stored runs broken by Huffman blocks.
    static func adversarialInputs() -> [(String, [UInt8])] {
        var g = SplitMix64Bytes(seed: 1415)
        let piece = DeflateCompressor.segmentItems
        var alternatingZeros: [UInt8] = []
        var alternatingText: [UInt8] = []
        var skewed: [UInt8] = []
        for k in 0..<48 {
            alternatingZeros += g.bytes(piece) + [UInt8](repeating: 0, count: k % 3 == 0 ? 7 : piece)
            alternatingText += g.bytes(piece + k) + g.text(600)
            // Random bytes with one value made a little more frequent, a different one per
            // piece: each piece alone compresses by a few bits, the mixture hardly at all.
            var r = g.bytes(piece)
            for i in stride(from: 0, to: r.count, by: 13) { r[i] = UInt8(truncatingIfNeeded: k &* 37) }
            skewed += r
        }
        // Random data with 3-byte repeats far back: greedy levels take matches that cost
        // about as much as the literals they replace.
        var farRepeats = g.bytes(200_000)
        for i in stride(from: 30_000, to: farRepeats.count - 3, by: 7) {
            for j in 0..<3 { farRepeats[i + j] = farRepeats[i + j - 29_000] }
        }
        return [
            ("random", g.bytes(3 * 65535 + 17)),
            ("alternating random and zeros", alternatingZeros),
            ("alternating random and text", alternatingText),
            ("skewed random", skewed),
            ("far 3-byte repeats", farRepeats),
        ]
    }

    @Test func outputNeverPassesTheBound() throws {
        let strategies: [DeflateStrategy] = [.default, .filtered, .huffmanOnly, .rle]
        let guardBytes = 64
        for (name, input) in Self.adversarialInputs() {
            let n = input.count
            let bound = DeflateCompressor.bound(n)
            // What the proof gives before the store slack: n + 5·floor(n/65535) + 6·B + 1.
            let proven = n + 5 * (n / 65535) + 6 * (n / DeflateCompressor.segmentItems + 1) + 1
            for level in [0, 1, 3, 4, 6, 9] {
                for strategy in strategies {
                    var buffer = [UInt8](repeating: 0xA5, count: bound + guardBytes)
                    let written = buffer.withUnsafeMutableBufferPointer { out in
                        input.withUnsafeBytes { raw in
                            DeflateCompressor.compress(raw, level: level, strategy: strategy, output: out.baseAddress!)
                        }
                    }
                    #expect(written <= proven, "\(name) level \(level) \(strategy): \(written) > \(proven)")
                    #expect(buffer[bound...].allSatisfy { $0 == 0xA5 }, "\(name) level \(level) \(strategy) wrote past the bound")
                    #expect(try Deflate.decompress(buffer[0..<written]) == input, "\(name) level \(level) \(strategy)")
                }
            }
        }
    }

    @Test func emptyAndTinyInputs() throws {
        for n in 0..<20 {
            let input = [UInt8](repeating: 0x5A, count: n)
            var buffer = [UInt8](repeating: 0xA5, count: DeflateCompressor.bound(n) + 16)
            let written = buffer.withUnsafeMutableBufferPointer { out in
                input.withUnsafeBytes { DeflateCompressor.compress($0, level: 6, strategy: .default, output: out.baseAddress!) }
            }
            #expect(buffer[DeflateCompressor.bound(n)...].allSatisfy { $0 == 0xA5 })
            #expect(try Deflate.decompress(buffer[0..<written]) == input)
        }
    }
}
