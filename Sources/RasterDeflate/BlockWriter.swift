/// Writes a chosen block as the cheapest of stored, fixed and dynamic Huffman (RFC 1951
/// §3.2.3-3.2.7), merging neighbouring stored blocks.
extension DeflateCompressor {

    /// Writes segments [a, b) as one block of the cheapest type.
    mutating func writeBlock(fromSegment a: Int, toSegment b: Int, final: Bool) {
        let hs = DeflateCompressor.histSize
        let freq = hist + DeflateCompressor.segmentsPerBuffer * hs
        for s in 0..<hs { freq[s] = 0 }
        for seg in a..<b {
            let h = hist + seg * hs
            for s in 0..<hs { freq[s] &+= h[s] }
        }
        freq[256] = 1
        for s in 257..<286 { counts.all &+= Int(freq[s]) }
        counts.short &+= Int(freq[257]) &+ Int(freq[258]) &+ Int(freq[259])
        let inStart = segmentInput[a]
        let inEnd = segmentInput[b]

        var plan = BlockPlan()
        plan.build(freq: freq)
        var extra = 0
        for s in 0..<29 { extra += Int(freq[257 + s]) * Int(DecodeTable.lengthExtra[s]) }
        for s in 0..<30 { extra += Int(freq[286 + s]) * Int(DecodeTable.distExtra[s]) }
        var dynamicBits = 3 + plan.headerBits + extra
        var fixedBits = 3 + extra
        for s in 0..<286 {
            dynamicBits += Int(freq[s]) * Int(plan.litLen[s])
            fixedBits += Int(freq[s]) * LengthDistanceSymbols.fixedLitLenLength(s)
        }
        for s in 0..<30 {
            dynamicBits += Int(freq[286 + s]) * Int(plan.distLen[s])
            fixedBits += Int(freq[286 + s]) * 5
        }
        let storedChunks = max(1, (inEnd - inStart + 65534) / 65535)
        let storedBits = (inEnd - inStart) * 8 + storedChunks * 40 + 7
        if storedBits <= dynamicBits && storedBits <= fixedBits {
            // Neighbouring stored blocks merge, so their headers are paid once per 64 KiB.
            if storedStart < 0 { storedStart = inStart }
            if final { writePendingStored(upTo: inEnd, final: true) }
            return
        }
        writePendingStored(upTo: inStart, final: false)
        // `bound` relies on a Huffman block costing exactly the bits counted above.
        let startByte = w.p
        let startBits = w.count
        w.put(final ? 1 : 0, 1)
        if fixedBits <= dynamicBits {
            w.put(1, 2)
            plan.useFixed()
        } else {
            w.put(2, 2)
            plan.writeHeader(&w)
        }
        writeItems(from: inStart, to: inEnd, plan)
        w.put(UInt64(plan.litCode[256]), Int(plan.litLen[256]))
        w.flush()
        assert(startByte.distance(to: w.p) * 8 + w.count - startBits == min(fixedBits, dynamicBits),
               "a Huffman block's bits differ from its computed cost")
    }

    /// Emits the items covering input[from..<to] with the block's codes: the stored matches
    /// in that range, and the input bytes between them as literals.
    mutating func writeItems(from: Int, to: Int, _ plan: BlockPlan) {
        let lit = emitTables
        let lenT = emitTables + 256
        let dCode = emitTables + 256 + 259
        let dBits = dCode + 30
        for b in 0..<256 { lit[b] = UInt32(plan.litCode[b]) | UInt32(plan.litLen[b]) << 24 }
        for len in 3...258 {
            let ls = Int(lut[len])
            let cl = UInt32(plan.litLen[257 + ls])
            let extra = UInt32(len - Int(DecodeTable.lengthBase[ls]))
            lenT[len] = (UInt32(plan.litCode[257 + ls]) | extra << cl) | (cl + UInt32(DecodeTable.lengthExtra[ls])) << 24
        }
        for ds in 0..<30 {
            dCode[ds] = UInt32(plan.distCode[ds])
            dBits[ds] = UInt32(plan.distLen[ds])
        }
        let startMatch = firstMatch(atOrAfter: from)
        let endMatch = firstMatch(atOrAfter: to)
        // Positions are stored mod 2^32 and lie within 2^32 after `from`.
        let from32 = UInt32(truncatingIfNeeded: from)
        let input = self.input
        let distBase = DecodeTable.distBase
        let distExtra = DecodeTable.distExtra
        distBase.withUnsafeBufferPointer { dbp in
        distExtra.withUnsafeBufferPointer { dep in
            let dBase = dbp
            let dExtra = dep
            var bw = w
            // Literals input[p..<end]: three codes (15 bits at most each) fit beside the fewer
            // than 8 bits a flush leaves, so flush once per three.
            @inline(__always) func literals(_ start: Int, _ end: Int) {
                var p = start
                while p &+ 3 <= end {
                    let e0 = lit[Int(input[p])]
                    let e1 = lit[Int(input[p &+ 1])]
                    let e2 = lit[Int(input[p &+ 2])]
                    bw.put(UInt64(e0 & 0xFF_FFFF), Int(e0 &>> 24))
                    bw.put(UInt64(e1 & 0xFF_FFFF), Int(e1 &>> 24))
                    bw.put(UInt64(e2 & 0xFF_FFFF), Int(e2 &>> 24))
                    bw.flush()
                    p &+= 3
                }
                while p < end {
                    let e = lit[Int(input[p])]
                    bw.put(UInt64(e & 0xFF_FFFF), Int(e &>> 24))
                    p &+= 1
                }
                bw.flush()
            }
            var p = from
            var k = startMatch
            while k < endMatch {
                let m = items + 2 &* k
                k &+= 1
                let at = from &+ Int(m[0] &- from32)
                literals(p, at)
                let len = Int((m[1] &>> 16) & 0x1FF)
                let dist = Int(m[1] & 0xFFFF)
                // A pair needs up to 48 bits.
                let le = lenT[len]
                bw.put(UInt64(le & 0xFF_FFFF), Int(le &>> 24))
                let ds = Int(m[1] &>> 25)
                let dl = Int(dBits[ds])
                let v = UInt64(dCode[ds]) | UInt64(dist &- Int(dBase[ds])) &<< UInt64(dl)
                bw.put(v, dl &+ Int(dExtra[ds]))
                bw.flush()
                p = at &+ len
            }
            literals(p, to)
            w = bw
        }
        }
    }

    /// Writes the stored run that starts at `storedStart`, if any.
    mutating func writePendingStored(upTo end: Int, final: Bool) {
        guard storedStart >= 0 else { return }
        writeStored(from: storedStart, to: end, final: final)
        storedStart = -1
    }

    /// §3.2.4 stored blocks for input[from..<to], at most 65535 bytes each.
    mutating func writeStored(from: Int, to: Int, final: Bool) {
        var pos = from
        repeat {
            let len = min(65535, to - pos)
            let last = final && pos + len == to
            w.put(last ? 1 : 0, 3)
            w.alignToByte()
            let hdr = UInt32(len) | UInt32(~len & 0xFFFF) << 16
            UnsafeMutableRawPointer(w.p).storeBytes(of: hdr.littleEndian, as: UInt32.self)
            w.p += 4
            w.p.update(from: input + pos, count: len)
            w.p += len
            pos += len
        } while pos < to
    }
}
