import Testing
@testable import RasterDeflate

@Suite struct HuffmanCodeBuilderTests {
    /// Kraft sum of `lengths` scaled by 2^15: exactly 2^15 for a complete code.
    private func kraft(_ lengths: [UInt8]) -> Int {
        lengths.reduce(0) { $0 + ($1 == 0 ? 0 : 1 << (15 - Int($1))) }
    }

    private func build(_ freqs: [UInt32], maxBits: Int) -> [UInt8] {
        var lengths = [UInt8](repeating: 0, count: freqs.count)
        freqs.withUnsafeBufferPointer { f in
            lengths.withUnsafeMutableBufferPointer { l in HuffmanCodeBuilder.lengths(freqs: f, maxBits: maxBits, lengths: l) }
        }
        return lengths
    }

    @Test func fibonacciWeightsAreLimited() {
        // Unlimited Huffman would give depth 29 here, so package-merge must step in.
        var fib: [UInt32] = [1, 1]
        while fib.count < 30 { fib.append(fib[fib.count - 1] + fib[fib.count - 2]) }
        let lengths = build(fib, maxBits: 15)
        #expect(lengths.allSatisfy { $0 >= 1 && $0 <= 15 })
        #expect(kraft(lengths) == 1 << 15)
        // Heavier symbols never get longer codes.
        for i in 1..<30 { #expect(lengths[i] <= lengths[i - 1]) }
        let seven = build(Array(fib[0..<19]), maxBits: 7)
        #expect(seven.allSatisfy { $0 >= 1 && $0 <= 7 })
        #expect(kraft(seven) == 1 << 15)
    }

    @Test func smallAlphabets() {
        #expect(build([0, 0, 0], maxBits: 15) == [1, 1, 0])
        #expect(build([0, 0, 5], maxBits: 15) == [1, 0, 1])
        #expect(build([3, 0, 5], maxBits: 15) == [1, 0, 1])
        let flat = build([UInt32](repeating: 7, count: 256), maxBits: 15)
        #expect(flat.allSatisfy { $0 == 8 })
    }

    @Test func skewedLiteralsRoundTrip() throws {
        // Literal frequencies falling off like Fibonacci force 15-bit codes and decode subtables.
        var fib: [Int] = [1, 1]
        while fib.count < 24 { fib.append(fib[fib.count - 1] + fib[fib.count - 2]) }
        var data = [UInt8]()
        for (sym, count) in fib.enumerated() { data += [UInt8](repeating: UInt8(sym * 7), count: count) }
        var rng = SplitMix64Bytes(seed: 77)
        for i in stride(from: data.count - 1, to: 0, by: -1) {
            let j = Int(rng.rng.next() % UInt64(i + 1))
            data.swapAt(i, j)
        }
        for level in [1, 6, 9] {
            let z = try Zlib.compress(data, level: level)
            #expect(try Zlib.decompress(z) == data)
            #expect(try inflateIncrementally(z, format: .zlib, step: 5) == data)
        }
    }
}
