/// The codes of one Huffman block and, for a dynamic block, its header (RFC 1951 §3.2.7).
struct BlockPlan {
    var litLen = [UInt8](repeating: 0, count: 286)
    var litCode = [UInt16](repeating: 0, count: 286)
    var distLen = [UInt8](repeating: 0, count: 30)
    var distCode = [UInt16](repeating: 0, count: 30)
    var hlit = 257
    var hdist = 1
    var hclen = 4
    var preLen = [UInt8](repeating: 0, count: 19)
    var preCode = [UInt16](repeating: 0, count: 19)
    /// Run-length tokens of the code lengths: symbol | extra value << 8.
    var tokens: [UInt16] = []
    var headerBits = 0

    /// Optimal 15-bit-limited codes for `freq` (286 literal/length then 30 distance counts).
    mutating func build(freq: UnsafePointer<UInt32>) {
        litLen.withUnsafeMutableBufferPointer { l in
            HuffmanCodeBuilder.lengths(freqs: UnsafeBufferPointer(start: freq, count: 286), maxBits: 15, lengths: l)
        }
        distLen.withUnsafeMutableBufferPointer { l in
            HuffmanCodeBuilder.lengths(freqs: UnsafeBufferPointer(start: freq + 286, count: 30), maxBits: 15, lengths: l)
        }
        assignCodes()
        hlit = 286
        while hlit > 257 && litLen[hlit - 1] == 0 { hlit -= 1 }
        hdist = 30
        while hdist > 1 && distLen[hdist - 1] == 0 { hdist -= 1 }
        let seq = Array(litLen[0..<hlit]) + Array(distLen[0..<hdist])
        tokens = BlockPlan.runLengths(seq)
        var preFreq = [UInt32](repeating: 0, count: 19)
        for t in tokens { preFreq[Int(t & 0xFF)] += 1 }
        preFreq.withUnsafeBufferPointer { f in
            preLen.withUnsafeMutableBufferPointer { l in
                HuffmanCodeBuilder.lengths(freqs: f, maxBits: 7, lengths: l)
            }
        }
        preLen.withUnsafeBufferPointer { l in
            preCode.withUnsafeMutableBufferPointer { c in
                HuffmanCodeBuilder.codes(lengths: l, codes: c)
            }
        }
        hclen = 19
        while hclen > 4 && preLen[Int(InflateEngine.precodeOrder[hclen - 1])] == 0 { hclen -= 1 }
        var bits = 14 + 3 * hclen
        for t in tokens {
            let s = Int(t & 0xFF)
            bits += Int(preLen[s]) + (s == 16 ? 2 : (s == 17 ? 3 : (s == 18 ? 7 : 0)))
        }
        headerBits = bits
    }

    mutating func assignCodes() {
        litLen.withUnsafeBufferPointer { l in
            litCode.withUnsafeMutableBufferPointer { c in
                HuffmanCodeBuilder.codes(lengths: l, codes: c)
            }
        }
        distLen.withUnsafeBufferPointer { l in
            distCode.withUnsafeMutableBufferPointer { c in
                HuffmanCodeBuilder.codes(lengths: l, codes: c)
            }
        }
    }

    /// Switches to the §3.2.6 fixed codes.
    mutating func useFixed() {
        for s in 0..<286 { litLen[s] = UInt8(LengthDistanceSymbols.fixedLitLenLength(s)) }
        for s in 0..<30 { distLen[s] = 5 }
        // The fixed code has 288 symbols; 286 and 287 count towards the 8-bit codes and so
        // move every 9-bit code, hence the full-size canonical assignment.
        litCode = BlockPlan.fixedLitCodes
        distLen.withUnsafeBufferPointer { l in
            distCode.withUnsafeMutableBufferPointer { c in
                HuffmanCodeBuilder.codes(lengths: l, codes: c)
            }
        }
    }

    static let fixedLitCodes: [UInt16] = {
        var lens = [UInt8](repeating: 0, count: 288)
        for s in 0..<288 { lens[s] = UInt8(LengthDistanceSymbols.fixedLitLenLength(s)) }
        var codes = [UInt16](repeating: 0, count: 288)
        lens.withUnsafeBufferPointer { l in
            codes.withUnsafeMutableBufferPointer { c in
                HuffmanCodeBuilder.codes(lengths: l, codes: c)
            }
        }
        return Array(codes[0..<286])
    }()

    /// Code lengths as precode tokens: 16 repeats the previous length 3-6 times, 17 and 18
    /// write runs of 3-10 and 11-138 zeros. Runs may cross from literal into distance lengths.
    static func runLengths(_ seq: [UInt8]) -> [UInt16] {
        var out = [UInt16]()
        out.reserveCapacity(seq.count)
        var i = 0
        while i < seq.count {
            let v = seq[i]
            var run = 1
            while i + run < seq.count && seq[i + run] == v { run += 1 }
            i += run
            if v == 0 {
                while run >= 11 {
                    let r = min(run, 138)
                    out.append(18 | UInt16(r - 11) << 8)
                    run -= r
                }
                if run >= 3 {
                    out.append(17 | UInt16(run - 3) << 8)
                    run = 0
                }
            } else {
                out.append(UInt16(v))
                run -= 1
                while run >= 3 {
                    let r = min(run, 6)
                    out.append(16 | UInt16(r - 3) << 8)
                    run -= r
                }
            }
            while run > 0 { out.append(UInt16(v)); run -= 1 }
        }
        return out
    }

    /// Writes HLIT, HDIST, HCLEN, the precode lengths and the run-length coded lengths.
    func writeHeader(_ w: inout BitWriter) {
        w.put(UInt64(hlit - 257), 5)
        w.put(UInt64(hdist - 1), 5)
        w.put(UInt64(hclen - 4), 4)
        w.flush()
        for i in 0..<hclen {
            w.put(UInt64(preLen[Int(InflateEngine.precodeOrder[i])]), 3)
            w.flush()
        }
        for t in tokens {
            let s = Int(t & 0xFF)
            w.put(UInt64(preCode[s]), Int(preLen[s]))
            let extra = UInt64(t >> 8)
            switch s {
            case 16: w.put(extra, 2)
            case 17: w.put(extra, 3)
            case 18: w.put(extra, 7)
            default: break
            }
            w.flush()
        }
    }
}
