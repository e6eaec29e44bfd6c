import Testing
@testable import RasterJPEG

/// The 1/8-scale shortcuts against the plain paths they replace: Reduced2x2Sums (4:2:0
/// chroma summed while decoding) against storing the block and running idct2x2, and the
/// shared skip tables of the standard Huffman tables against ones built from the same DHT.
@Suite struct ReducedDecodeTests {
    typealias Rng = InverseDCTTests.Rng

    /// Random sparse and dense blocks, small and extreme coefficients (the extreme ones
    /// overflow Int32 in both paths: they must still agree), random quantisers, and a code
    /// that lands past index 63 (k up to 78, as a damaged run can make it).
    @Test func summedBlocksRenderAsIdct2x2() {
        var rng = Rng(state: 0x2545_F491_4F6C_DD1D)
        let zz = ZigZag.paddedNaturalOrder
        var block = [Int16](repeating: 0, count: 64)
        var quant = [Int32](repeating: 1, count: 64)
        var plan = [Int32](repeating: 0, count: Reduced2x2Sums.planCount)
        var sums = [Int32](repeating: 0, count: Reduced2x2Sums.sumsCount)
        var ws = [Int32](repeating: 0, count: 64)
        var viaBlock = [UInt8](repeating: 0, count: 4), viaSums = [UInt8](repeating: 0, count: 4)
        var mismatches = 0, blocks = 0
        for iteration in 0 ..< 20000 {
            for i in 0 ..< 64 { quant[i] = Int32(iteration % 9 == 0 ? 65535 : rng.below(255) + 1) }
            for i in 0 ..< 64 { block[i] = 0 }
            for i in 0 ..< Reduced2x2Sums.sumsCount { sums[i] = 0 }
            quant.withUnsafeBufferPointer { q in
                plan.withUnsafeMutableBufferPointer { Reduced2x2Sums.makePlan(quant: q.baseAddress!, into: $0.baseAddress!) }
            }
            // Codes in increasing k, as a sequential scan delivers them.
            func put(_ k: Int) {
                let value: Int16
                switch iteration % 3 {
                case 0: value = Int16(rng.below(61) - 30)
                case 1: value = Int16(rng.below(2047 * 2 + 1) - 2047)
                default: value = Int16(truncatingIfNeeded: rng.next())
                }
                block[zz[k]] = value
                plan.withUnsafeBufferPointer { p in
                    sums.withUnsafeMutableBufferPointer { s in
                        Reduced2x2Sums(sums: s.baseAddress!, plan: p.baseAddress!).store(k, value)
                    }
                }
            }
            var k = 0, last = 0
            let density = [1, 3, 8, 40][iteration % 4]
            while k < 64 {
                put(k)
                last = k
                k += 1 + rng.below(64 / density + 1)
            }
            // Now and then a last code whose run carries it past 63 (k <= 63 + 15): it
            // lands on index 63, as paddedNaturalOrder maps it. Only after a code below 63
            // (one at 63 ends the block).
            if iteration % 10 == 0 && last < 63 { put(64 + rng.below(15)) }
            block.withUnsafeBufferPointer { b in
                quant.withUnsafeBufferPointer { q in
                    viaBlock.withUnsafeMutableBufferPointer { out in
                        ws.withUnsafeMutableBufferPointer { w in
                            ReducedInverseDCT.idct2x2(b.baseAddress!, q.baseAddress!, out.baseAddress!, 2, w.baseAddress!)
                        }
                    }
                }
            }
            plan.withUnsafeBufferPointer { p in
                sums.withUnsafeMutableBufferPointer { s in
                    viaSums.withUnsafeMutableBufferPointer { out in
                        Reduced2x2Sums(sums: s.baseAddress!, plan: p.baseAddress!).render(out.baseAddress!, 2)
                    }
                }
            }
            blocks += 1
            if viaBlock != viaSums { mismatches += 1 }
        }
        print("Reduced2x2Sums vs idct2x2: \(blocks) blocks, \(mismatches) differ")
        #expect(mismatches == 0)
    }

    /// A DHT holding the standard AC tables gets the shared skip table, whose every entry
    /// equals the table built from that DHT.
    @Test func sharedStandardSkipTablesEqualBuiltOnes() throws {
        for spec in [HuffmanTableSpec.standardACLuminance, .standardACChrominance] {
            let table = try #require(HuffmanTable(counts: spec.counts.map(Int.init), symbols: spec.symbols, isDC: false))
            let shared = table.skipTable()
            var values = [UInt8](repeating: 0, count: 256)
            for (i, symbol) in spec.symbols.enumerated() { values[i] = symbol }
            let built = values.withUnsafeBufferPointer {
                HuffmanTable.makeSkipTable(lengthCounts: spec.counts.map(Int.init), values: $0.baseAddress!)
            }
            defer { UnsafeMutablePointer(mutating: built - (1 << HuffmanTable.skipBits)).deallocate() }
            var differing = 0
            for x in 0 ..< (1 << HuffmanTable.skipBits) where shared[x] != built[x] { differing += 1 }
            #expect(differing == 0)
            // A second table from the same DHT shares the same storage.
            let again = try #require(HuffmanTable(counts: spec.counts.map(Int.init), symbols: spec.symbols, isDC: false))
            #expect(again.skipTable() == shared)
        }
    }
}
