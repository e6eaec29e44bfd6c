/// The rest of a dynamic block header (RFC 1951 §3.2.7) after HLIT/HDIST/HCLEN: the code
/// length code's lengths, then the run-length coded literal/length and distance code lengths.
///
/// The header is read one field at a time and the position kept in `stage`, so input that
/// arrives a byte at a time resumes where it stopped instead of re-reading the header from
/// its start (which made byte-wise feeding quadratic in the header size). Every field is
/// consumed only once all of its bits are buffered, so stopping never loses a bit.
extension InflateEngine {
    /// HLIT, HDIST and HCLEN of the header being read.
    struct DynamicHeader {
        let hlit: Int
        let hdist: Int
        let hclen: Int
    }

    /// Reads header fields until the tables are built (stage becomes `.huffman`, returns
    /// true) or the input runs out (returns false; the stage says where to resume).
    mutating func readDynamicHeader(_ r: inout BitReader) throws(DeflateError) -> Bool {
        let l = lens
        let pre = table + DecodeTable.precodeOffset
        if case .precodeLengths(var next) = stage {
            while next < dynamic.hclen {
                guard r.ensure(3) else { stage = .precodeLengths(next: next); return false }
                l[Int(InflateEngine.precodeOrder[next])] = UInt8(truncatingIfNeeded: r.take(3))
                next += 1
            }
            tablesAreFixed = false
            try DecodeTable.build(lengths: l, count: 19, kind: .precode, table: pre,
                                  rootBits: DecodeTable.precodeBits, capacity: DecodeTable.precodeEnough,
                                  scratch: mem + InflateEngine.scratchOffset)
            stage = .codeLengths(next: 0)
        }
        guard case .codeLengths(var i) = stage else { return true }
        // Code lengths for litlen and distance symbols form one sequence (repeats may cross).
        // The precode lengths in lens[0..<19] may be overwritten now: they live on in `pre`.
        let total = dynamic.hlit + dynamic.hdist
        while i < total {
            r.refill()
            let e = pre[Int(r.buf & 0x7F)]
            let len = Int(e & 0x1F)
            guard len <= r.left else { stage = .codeLengths(next: i); return false }
            let sym = Int(e >> 16)
            if sym < 16 {
                r.drop(len)
                l[i] = UInt8(truncatingIfNeeded: sym)
                i += 1
                continue
            }
            let extraBits = sym == 16 ? 2 : (sym == 17 ? 3 : 7)
            guard r.ensure(len + extraBits) else { stage = .codeLengths(next: i); return false }
            r.drop(len)
            let extra = r.take(extraBits)
            var value: UInt8 = 0
            var count: Int
            if sym == 16 {
                guard i > 0 else { throw .invalidCodeLengths }
                value = l[i - 1]
                count = 3 + extra
            } else if sym == 17 {
                count = 3 + extra
            } else {
                count = 11 + extra
            }
            guard count <= total - i else { throw .invalidCodeLengths }
            while count > 0 { l[i] = value; i += 1; count -= 1 }
        }
        try buildTables(litlenCount: dynamic.hlit, distCount: dynamic.hdist)
        stage = .huffman
        return true
    }
}
