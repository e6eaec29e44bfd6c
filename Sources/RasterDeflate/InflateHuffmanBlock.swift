/// Huffman-coded block data (RFC 1951 §3.2.5): the careful loop, which checks every bit and
/// byte and can stop and resume at any symbol, and the entry into the fast loop
/// (`InflateFastLoop.swift`) while the margins allow it.
extension InflateEngine {
    /// The fast loop needs this much input left (two 8-byte refills per step) ...
    static let fastInputMargin = 24
    /// ... and room for what one pass of the fast loop may write from its top: up to two root
    /// entries of two literals (4 bytes; every literal entry stores 2 bytes, so three entries
    /// write 7) and then a match, which writes at most 288 bytes from its start (distances 1
    /// and >= 16 in 32-byte steps, 9 steps for length 258; distances 8-15 write 40 bytes and
    /// then 8-byte steps, at most 264; distances 2-7 at most the length plus 7): 292.
    static let fastOutputMargin = 296
    /// How far past the end of the output the fast loop's match copies may write (within the
    /// buffer, whose margin allows it): the bytes `decompress(_:into:)` may change beyond the
    /// count it returns. Proof: a match of length >= 3 at distance 8-15 writes 40 bytes from its
    /// start (37 past its end) or, when longer than 40, 8-byte steps while a step starts before
    /// its end (7 past); distances 1 and >= 16 write 32 bytes (29 past for length 3) and then
    /// 32-byte steps starting before the end (31 past); distances 2-7 write 8 bytes (5 past) and
    /// then words starting before the end (7). A literal stores 2 bytes (1 past) and the careful loop writes exactly. Every
    /// later write starts at or after the match's or literal's end, and the returned count is
    /// at least every such end, so nothing at count + 37 or later changes.
    static let maxOverrun = 37

    /// Decodes symbols until end of block (returns nil), or a stop (`.needInput`/`.outputFull`).
    mutating func decodeHuffman(_ r: inout BitReader) throws(DeflateError) -> Status? {
        let litlen = table + DecodeTable.litlenOffset
        let dist = table + DecodeTable.distOffset
        let out = self.out
        let outCap = self.outCap
        var outPos = self.outPos
        defer { self.outPos = outPos }
        if r.end - r.pos >= InflateEngine.fastInputMargin && outCap - outPos >= InflateEngine.fastOutputMargin {
            let done = try decodeFast(&r, &outPos)
            if done { return nil }
        }
        while true {
            let cp = r
            r.refill()
            var e = litlen[Int(r.buf & 0x7FF)]
            var pre = 0
            if e & DecodeTable.subtable != 0 {
                pre = DecodeTable.litlenBits
                let subBits = UInt64((e >> 8) & 0xF)
                e = litlen[Int(e >> 16) + Int((r.buf >> 11) & ~(UInt64.max << subBits))]
            }
            if e & DecodeTable.literal != 0 {
                // One literal at a time here: bits 8-11 are the first code's length even in a
                // two-literal entry (`DecodeTable`).
                let total = pre + Int((e >> 8) & 0xF)
                if total > r.left { r = cp; return .needInput }
                if outPos == outCap { r = cp; return .outputFull }
                out[outPos] = UInt8(truncatingIfNeeded: e >> 16)
                outPos &+= 1
                r.drop(total)
                continue
            }
            let total = pre + Int(e & 0x1F)
            if total > r.left { r = cp; return .needInput }
            if e & DecodeTable.exceptional != 0 {
                if e & DecodeTable.endOfBlock != 0 {
                    r.drop(total)
                    stage = finalBlock ? .trailer : .blockHeader
                    return nil
                }
                throw .invalidCode
            }
            let codeLen = pre + Int((e >> 8) & 0xF)
            let length = Int(e >> 16) + Int(truncatingIfNeeded: (r.buf & ~(UInt64.max << UInt64(total))) >> UInt64(codeLen))
            r.drop(total)
            r.refill()
            var d = dist[Int(r.buf & 0xFF)]
            pre = 0
            if d & DecodeTable.subtable != 0 {
                pre = DecodeTable.distBits
                let subBits = UInt64((d >> 8) & 0xF)
                d = dist[Int(d >> 16) + Int((r.buf >> 8) & ~(UInt64.max << subBits))]
            }
            let dtotal = pre + Int(d & 0x1F)
            if dtotal > r.left { r = cp; return .needInput }
            if d & DecodeTable.exceptional != 0 { throw .invalidCode }
            let dcodeLen = pre + Int((d >> 8) & 0xF)
            let distance = Int(d >> 16) + Int(truncatingIfNeeded: (r.buf & ~(UInt64.max << UInt64(dtotal))) >> UInt64(dcodeLen))
            if outCap - outPos < length { r = cp; return .outputFull }
            if distance > outPos - windowBase { throw .distanceTooFar }
            r.drop(dtotal)
            var src = out + (outPos - distance)
            var dst = out + outPos
            let stop = dst + length
            while dst < stop { dst.pointee = src.pointee; dst += 1; src += 1 }
            outPos &+= length
        }
    }
}
