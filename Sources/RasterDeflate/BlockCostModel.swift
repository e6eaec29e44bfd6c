/// What a candidate block would cost: an entropy estimate (every level) and the exact dynamic
/// block size (level 9, match-rich buffers), for the block splitter.
extension DeflateCompressor {

    /// Exact dynamic-block bits for counts `f` (end-of-block included) less the extra bits,
    /// as `writeBlock` would spend them, without building codes: code lengths, the run-length coded header
    /// (the same runs as `BlockPlan.runLengths`), and the data.
    func exactCost(_ f: UnsafeMutablePointer<UInt32>) -> Double {
        let saved = f[256]
        f[256] = 1
        defer { f[256] = saved }
        let lens = costScratch
        HuffmanCodeBuilder.lengths(freqs: UnsafeBufferPointer(start: f, count: 286), maxBits: 15,
                               lengths: UnsafeMutableBufferPointer(start: lens, count: 286))
        HuffmanCodeBuilder.lengths(freqs: UnsafeBufferPointer(start: f + 286, count: 30), maxBits: 15,
                               lengths: UnsafeMutableBufferPointer(start: lens + 286, count: 30))
        var bits = 3
        for s in 0..<286 { bits &+= Int(f[s]) &* Int(lens[s]) }
        // Extra bits are left out: they are the same however the items are split into blocks.
        for s in 0..<30 { bits &+= Int(f[286 &+ s]) &* Int(lens[286 &+ s]) }
        var hlit = 286
        while hlit > 257 && lens[hlit &- 1] == 0 { hlit &-= 1 }
        var hdist = 30
        while hdist > 1 && lens[286 &+ hdist &- 1] == 0 { hdist &-= 1 }
        // The header's length sequence, literal then distance lengths, contiguous.
        let seq = lens + 316
        for k in 0..<hlit { seq[k] = lens[k] }
        for k in 0..<hdist { seq[hlit &+ k] = lens[286 &+ k] }
        let count = hlit &+ hdist
        let pre = costPre
        for k in 0..<19 { pre[k] = 0 }
        var extra = 0
        var i = 0
        while i < count {
            let v = seq[i]
            var run = 1
            while i &+ run < count && seq[i &+ run] == v { run &+= 1 }
            i &+= run
            if v == 0 {
                while run >= 11 { pre[18] &+= 1; extra &+= 7; run &-= min(run, 138) }
                if run >= 3 { pre[17] &+= 1; extra &+= 3; run = 0 }
            } else {
                pre[Int(v)] &+= 1
                run &-= 1
                while run >= 3 { pre[16] &+= 1; extra &+= 2; run &-= min(run, 6) }
            }
            pre[Int(v)] &+= UInt32(truncatingIfNeeded: run)
        }
        let preLens = lens + 316 + 316
        HuffmanCodeBuilder.lengths(freqs: UnsafeBufferPointer(start: pre, count: 19), maxBits: 7,
                               lengths: UnsafeMutableBufferPointer(start: preLens, count: 19))
        var hclen = 19
        while hclen > 4 && preLens[Int(InflateEngine.precodeOrder[hclen &- 1])] == 0 { hclen &-= 1 }
        bits &+= 14 &+ 3 &* hclen &+ extra
        for k in 0..<19 { bits &+= Int(pre[k]) &* Int(preLens[k]) }
        return Double(bits)
    }

    /// The entropy in bits of each alphabet's symbols, summed, and the number of symbols used.
    /// Plus about 4 header bits per used symbol and 80 more, it approximates a dynamic block.
    func entropy(_ f: UnsafePointer<UInt32>) -> (Double, Int) {
        EntropyTable.xlog2xSmall.withUnsafeBufferPointer { tb in
            @inline(__always) func xl(_ v: UInt32) -> Double { v < 4096 ? Double(tb[Int(v)]) : EntropyTable.xlog2x(v) }
            var used = 0
            var bits = 0.0
            var total: UInt32 = 0
            var acc = 0.0
            for s in 0..<286 where f[s] != 0 { total &+= f[s]; acc += xl(f[s]); used &+= 1 }
            if total > 0 { bits += xl(total) - acc }
            total = 0
            acc = 0
            for s in 286..<316 where f[s] != 0 { total &+= f[s]; acc += xl(f[s]); used &+= 1 }
            if total > 0 { bits += xl(total) - acc }
            return (bits, used)
        }
    }
}

/// x·log2(x), tabulated for small counts, for the entropy estimate.
enum EntropyTable {
    /// x·log2(x) for x below 4096, for the block-splitting estimate.
    static let xlog2xSmall: [Float] = (0..<4096).map { Float(xlog2x(UInt32($0))) }

    /// x·log2(x), from the float's exponent and an atanh series for the mantissa (no libm here).
    static func xlog2x(_ v: UInt32) -> Double {
        if v <= 1 { return 0 }
        let x = Double(v)
        let e = Double(x.exponent)
        let m = x.significand   // in [1, 2)
        let y = (m - 1) / (m + 1)
        let y2 = y * y
        let ln = 2 * y * (1 + y2 * (1.0 / 3 + y2 * (1.0 / 5 + y2 * (1.0 / 7 + y2 / 9))))
        return x * (e + ln * 1.4426950408889634)
    }
}
