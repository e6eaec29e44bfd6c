/// The DEFLATE encoder (RFC 1951): LZ77 over hash chains, then Huffman-coded blocks.
///
/// Matches go into an item buffer (with symbol counts kept per 4096-item segment). When the
/// buffer fills, block boundaries are chosen among segment edges by dynamic programming on an
/// entropy estimate of each candidate block's cost, and each block is written as whichever of
/// stored, fixed or dynamic Huffman is smallest.
struct DeflateCompressor: ~Copyable {
    /// zlib's per-level tuning: lazy evaluation stops at `lazy`, chains shrink past `good`,
    /// searches stop at `nice`, at most `chain` candidates are tried. Levels 1-3 are greedy
    /// and there `lazy` bounds the match length whose positions are inserted into the hash.
    struct Params { let good: Int; let lazy: Int; let nice: Int; let chain: Int; let greedy: Bool }
    static let params: [Params] = [
        Params(good: 0, lazy: 0, nice: 0, chain: 0, greedy: true),
        Params(good: 4, lazy: 4, nice: 8, chain: 4, greedy: true),
        Params(good: 4, lazy: 5, nice: 16, chain: 8, greedy: true),
        Params(good: 4, lazy: 6, nice: 32, chain: 32, greedy: true),
        Params(good: 4, lazy: 4, nice: 16, chain: 16, greedy: false),
        Params(good: 8, lazy: 16, nice: 32, chain: 32, greedy: false),
        Params(good: 8, lazy: 16, nice: 128, chain: 128, greedy: false),
        Params(good: 8, lazy: 32, nice: 128, chain: 256, greedy: false),
        Params(good: 32, lazy: 128, nice: 258, chain: 1024, greedy: false),
        Params(good: 32, lazy: 258, nice: 258, chain: 4096, greedy: false),
    ]

    static let windowSize = 32768
    static let windowMask = 32767
    static let hashBits = 15
    static let segmentItems = 4096
    static let segmentsPerBuffer = 16
    static let bufferItems = segmentItems * segmentsPerBuffer
    /// 286 literal/length symbols (286, 287 never used) and 30 distance symbols per histogram.
    static let histSize = 316
    static let tooFar = 4096

    /// Worst-case output for `n` input bytes: all stored blocks, plus slack for 8-byte stores.
    static func bound(_ n: Int) -> Int { n + 5 * (n / 65535 + 1) + 64 }

    let input: UnsafePointer<UInt8>
    let n: Int
    var w: BitWriter
    let items: UnsafeMutablePointer<UInt32>
    var nItems = 0
    /// Per-segment symbol counts, `histSize` each, plus one spare for totals.
    let hist: UnsafeMutablePointer<UInt32>
    var segment = 0
    /// Counts of the current segment: `hist + segment * histSize`.
    var segmentHist: UnsafeMutablePointer<UInt32>
    var segmentEnd = segmentItems
    /// Input offset where each segment (and the buffer) begins; index segmentsPerBuffer+1 entries.
    var segmentInput: [Int] = Array(repeating: 0, count: segmentsPerBuffer + 1)
    /// Most recent position per hash, or -1. Absolute positions on purpose: a 16-bit variant
    /// (positions mod 2^16) let stale entries alias into the window, and the bogus chains
    /// they led into halved level 6-9 speed on repetitive images.
    let head: UnsafeMutablePointer<Int32>
    /// Length-symbol table (259 bytes) then distance-symbol table (512 bytes), copied out of
    /// the static tables so hot loops skip the lazy-global check on every access.
    let lut: UnsafeMutablePointer<UInt8>
    /// Per-block code tables for `writeItems`: 256 literals, 259 lengths (code and extra bits
    /// merged, bit count in the top byte), 30 distance codes, 30 distance bit counts.
    let emitTables: UnsafeMutablePointer<UInt32>
    /// Start of input whose blocks chose "stored" and are not yet written, or -1.
    var storedStart = -1
    /// Matches in the blocks written so far.
    var counts = MatchCounts()
    /// Bytes hashed per position: 3, or 4 when no match shorter than 6 is wanted (`.filtered`),
    /// so chains hold only candidates that share 4 bytes and walk far fewer dead ends.
    var hashMask: UInt32 = 0xFF_FFFF
    /// Level 9: choose block boundaries on exact Huffman costs where that is affordable.
    var exactSplit = false
    /// `exactCost` scratch: 316 code lengths, the 316-entry header sequence, 19 precode lengths.
    let costScratch: UnsafeMutablePointer<UInt8>
    /// `exactCost` scratch: precode symbol counts.
    let costPre: UnsafeMutablePointer<UInt32>
    /// Chain links as distances back to the previous position with the same hash (0: none or
    /// out of window). 16-bit deltas halve the table's cache footprint against absolute positions.
    let prev: UnsafeMutablePointer<UInt16>

    init(input: UnsafePointer<UInt8>, count: Int, output: UnsafeMutablePointer<UInt8>) {
        self.input = input
        n = count
        w = BitWriter(output)
        items = .allocate(capacity: DeflateCompressor.bufferItems)
        hist = .allocate(capacity: DeflateCompressor.histSize * (DeflateCompressor.segmentsPerBuffer + 1))
        hist.initialize(repeating: 0, count: DeflateCompressor.histSize * (DeflateCompressor.segmentsPerBuffer + 1))
        segmentHist = hist
        head = .allocate(capacity: 1 << DeflateCompressor.hashBits)
        head.initialize(repeating: -1, count: 1 << DeflateCompressor.hashBits)
        prev = .allocate(capacity: DeflateCompressor.windowSize)
        prev.initialize(repeating: 0, count: DeflateCompressor.windowSize)
        let l = UnsafeMutablePointer<UInt8>.allocate(capacity: 259 + 512)
        let lengthSymbol = Symbols.lengthSymbol
        let distTable = Symbols.distTable
        for i in 0..<259 { l[i] = lengthSymbol[i] }
        for i in 0..<512 { l[259 + i] = distTable[i] }
        lut = l
        emitTables = .allocate(capacity: 256 + 259 + 60)
        emitTables.initialize(repeating: 0, count: 256 + 259 + 60)
        costScratch = .allocate(capacity: 316 * 2 + 19)
        costScratch.initialize(repeating: 0, count: 316 * 2 + 19)
        costPre = .allocate(capacity: 19)
        costPre.initialize(repeating: 0, count: 19)
    }

    deinit {
        items.deallocate()
        hist.deallocate()
        head.deallocate()
        prev.deallocate()
        lut.deallocate()
        emitTables.deallocate()
        costScratch.deallocate()
        costPre.deallocate()
    }

    /// Compresses `input` into `output` (at least `bound(input.count)` bytes); returns bytes written.
    static func compress(_ input: UnsafeRawBufferPointer, level: Int, strategy: DeflateStrategy,
                         output: UnsafeMutablePointer<UInt8>) -> Int {
        var counts = MatchCounts()
        return compress(input, level: level, strategy: strategy, output: output, counts: &counts)
    }

    /// Length-symbol totals of every block written, for tests of the match search.
    struct MatchCounts {
        /// Matches of length 3, 4 and 5 (length symbols 257-259).
        var short = 0
        /// All matches.
        var all = 0
    }

    /// As `compress`, also summing the matches of the chosen parse into `counts`.
    static func compress(_ input: UnsafeRawBufferPointer, level: Int, strategy: DeflateStrategy,
                         output: UnsafeMutablePointer<UInt8>, counts: inout MatchCounts) -> Int {
        guard let base = input.baseAddress, input.count > 0 else {
            // An empty fixed block: BFINAL=1, BTYPE=01, end-of-block code 0000000.
            output[0] = 0x03
            output[1] = 0x00
            return 2
        }
        var c = DeflateCompressor(input: base.assumingMemoryBound(to: UInt8.self), count: input.count, output: output)
        if level <= 0 {
            c.writeStored(from: 0, to: input.count, final: true)
        } else {
            let p = params[min(level, 9)]
            c.exactSplit = level >= 9
            switch strategy {
            case .huffmanOnly: c.literalsOnly()
            case .rle: c.runs()
            case .default, .filtered:
                // zlib's deflate_fast has no filtered mode, so levels 1-3 ignore it too.
                if p.greedy {
                    c.greedy(p)
                } else {
                    if strategy == .filtered { c.hashMask = 0xFFFF_FFFF }
                    c.lazy(p, minLength: strategy == .filtered ? 6 : 3)
                }
            }
            c.flushBuffer(final: true)
        }
        c.w.alignToByte()
        counts = c.counts
        return output.distance(to: c.w.p)
    }

    // MARK: LZ77

    @inline(__always)
    func hash(_ pos: Int) -> Int {
        let v = UnsafeRawPointer(input + pos).loadUnaligned(as: UInt32.self)
        return Int(truncatingIfNeeded: ((UInt32(littleEndian: v) & hashMask) &* 0x9E37_79B1) &>> UInt32(32 - DeflateCompressor.hashBits))
    }

    /// The most recent position with hash `h`, or -1.
    @inline(__always)
    func headCandidate(_ h: Int, _ pos: Int) -> Int { Int(head[h]) }

    /// Puts `pos` (which has 4 readable bytes) at the head of its chain; returns the old head.
    @inline(__always)
    func insert(_ pos: Int) -> Int {
        let h = hash(pos)
        let old = headCandidate(h, pos)
        head[h] = Int32(truncatingIfNeeded: pos)
        let delta = pos &- old
        prev[pos & DeflateCompressor.windowMask] = old >= 0 && delta < DeflateCompressor.windowSize ? UInt16(truncatingIfNeeded: delta) : 0
        return old
    }

    /// Longest match at `pos` longer than `best` among chain candidates starting at `cand`.
    /// Returns (length, distance), or (best, 0) when nothing longer turns up.
    @inline(__always)
    func longestMatch(_ pos: Int, _ candidate: Int, best startBest: Int, chain: Int, nice: Int) -> (Int, Int) {
        let maxLen = min(258, n - pos)
        var best = startBest
        var bestDist = 0
        if maxLen <= best { return (best, 0) }
        let scan = UnsafeRawPointer(input + pos)
        let limit = pos - DeflateCompressor.windowSize
        let first3 = scan.loadUnaligned(as: UInt32.self) & 0xFF_FFFF
        var cand = candidate
        var chainLeft = chain
        let niceLen = min(nice, maxLen)
        while cand > limit && cand >= 0 {
            let m = UnsafeRawPointer(input + cand)
            // Cheap rejects first: the two bytes ending at the current best, then the first three.
            if m.loadUnaligned(fromByteOffset: best - 1, as: UInt16.self) == scan.loadUnaligned(fromByteOffset: best - 1, as: UInt16.self)
                && m.loadUnaligned(as: UInt32.self) & 0xFF_FFFF == first3 {
                var len = 3
                while len &+ 8 <= maxLen {
                    let x = m.loadUnaligned(fromByteOffset: len, as: UInt64.self) ^ scan.loadUnaligned(fromByteOffset: len, as: UInt64.self)
                    if x != 0 {
                        len &+= UInt64(littleEndian: x).trailingZeroBitCount &>> 3
                        break
                    }
                    len &+= 8
                }
                if len &+ 8 > maxLen {
                    while len < maxLen && m.load(fromByteOffset: len, as: UInt8.self) == scan.load(fromByteOffset: len, as: UInt8.self) { len &+= 1 }
                }
                if len > maxLen { len = maxLen }
                if len > best {
                    best = len
                    bestDist = pos &- cand
                    if len >= niceLen { break }
                }
            }
            chainLeft &-= 1
            if chainLeft == 0 { break }
            let delta = Int(prev[cand & DeflateCompressor.windowMask])
            if delta == 0 { break }
            cand &-= delta
        }
        return (best, bestDist)
    }

    /// The hash head of the position after the one being inserted, loaded early so its cache
    /// miss overlaps the current position's chain walk; valid only if `pos` advances by one.
    struct HeadLookahead {
        var pos = -1
        var hash = 0
        var old = 0
    }

    /// Links `pos` into its hash chain and returns the previous head (the first match
    /// candidate, or -1), then issues the next position's head load into `ahead`.
    @inline(__always)
    mutating func insertAhead(_ pos: Int, _ ahead: inout HeadLookahead) -> Int {
        let h = ahead.pos == pos ? ahead.hash : hash(pos)
        let cand = ahead.pos == pos ? ahead.old : headCandidate(h, pos)
        head[h] = Int32(truncatingIfNeeded: pos)
        let delta = pos &- cand
        prev[pos & DeflateCompressor.windowMask] = cand >= 0 && delta < DeflateCompressor.windowSize
            ? UInt16(truncatingIfNeeded: delta) : 0
        if pos + 5 <= n {
            ahead.hash = hash(pos + 1)
            ahead.old = ahead.hash == h ? pos : headCandidate(ahead.hash, pos + 1)
            ahead.pos = pos + 1
        }
        return cand
    }

    /// Levels 1-3 (zlib's deflate_fast): take the longest match found at each position.
    mutating func greedy(_ p: Params) {
        var pos = 0
        var ahead = HeadLookahead()
        while pos < n {
            var len = 0
            var dist = 0
            if pos + 4 <= n {
                let cand = insertAhead(pos, &ahead)
                if cand >= 0 {
                    (len, dist) = longestMatch(pos, cand, best: 2, chain: p.chain, nice: p.nice)
                }
            }
            if dist != 0 {
                emitMatch(len, dist, at: pos)
                let end = pos + len
                if len <= p.lazy {
                    var q = pos + 1
                    let stop = min(end, n - 3)
                    while q < stop { _ = insert(q); q += 1 }
                }
                pos = end
            } else {
                emitLiteral(input[pos], at: pos)
                pos += 1
            }
        }
    }

    /// Levels 4-9 (zlib's deflate_slow): a match is kept only if the next position has no longer
    /// one. Matches shorter than `minLength` (6 for `.filtered`, else 3) are treated as none.
    mutating func lazy(_ p: Params, minLength: Int) {
        var pos = 0
        var prevLen = 2
        var prevDist = 0
        var pending = false
        var ahead = HeadLookahead()
        while pos < n {
            var curLen = 2
            var curDist = 0
            if pos + 4 <= n {
                let cand = insertAhead(pos, &ahead)
                if cand >= 0 && prevLen < p.lazy {
                    let chain = prevLen >= p.good ? p.chain >> 2 : p.chain
                    // Asking only for matches of at least `minLength` skips candidates early on
                    // the cheap two-byte check; the longest such match is the same either way.
                    let (l, d) = longestMatch(pos, cand, best: max(prevLen, minLength &- 1), chain: chain, nice: p.nice)
                    if d != 0 && l >= minLength && !(l == 3 && d > DeflateCompressor.tooFar) {
                        curLen = l
                        curDist = d
                    }
                }
            }
            if prevLen >= 3 && curLen <= prevLen {
                let start = pos - 1
                emitMatch(prevLen, prevDist, at: start)
                let end = start + prevLen
                var q = pos + 1
                let stop = min(end, n - 3)
                while q < stop { _ = insert(q); q += 1 }
                pos = end
                pending = false
                prevLen = 2
                prevDist = 0
            } else {
                if pending { emitLiteral(input[pos - 1], at: pos - 1) }
                pending = true
                prevLen = curLen
                prevDist = curDist
                pos += 1
            }
        }
        if pending { emitLiteral(input[pos - 1], at: pos - 1) }
    }

    /// `.huffmanOnly`: every byte a literal, so blocks differ only in their Huffman codes.
    mutating func literalsOnly() {
        var pos = 0
        while pos < n {
            emitLiteral(input[pos], at: pos)
            pos &+= 1
        }
    }

    /// `.rle` (zlib's deflate_rle): the longest run, up to 258 bytes, repeating the byte just
    /// before `pos`, taken as a distance-1 match when it is at least 3 bytes.
    mutating func runs() {
        var pos = 0
        while pos < n {
            if pos > 0 {
                let b = input[pos - 1]
                let limit = min(258, n - pos)
                var len = 0
                while len < limit && input[pos &+ len] == b { len &+= 1 }
                if len >= 3 {
                    emitMatch(len, 1, at: pos)
                    pos &+= len
                    continue
                }
            }
            emitLiteral(input[pos], at: pos)
            pos &+= 1
        }
    }

    // MARK: Item buffer

    @inline(__always)
    func distSymbol(_ dist: Int) -> Int {
        let d = dist &- 1
        return Int(d < 256 ? lut[259 &+ d] : lut[259 &+ 256 &+ (d &>> 7)])
    }

    @inline(__always)
    mutating func emitLiteral(_ b: UInt8, at pos: Int) {
        if nItems == segmentEnd { nextSegment(at: pos) }
        items[nItems] = UInt32(b)
        nItems &+= 1
        segmentHist[Int(b)] &+= 1
    }

    @inline(__always)
    mutating func emitMatch(_ len: Int, _ dist: Int, at pos: Int) {
        if nItems == segmentEnd { nextSegment(at: pos) }
        items[nItems] = 0x8000_0000 | UInt32(truncatingIfNeeded: len) << 16 | UInt32(truncatingIfNeeded: dist)
        nItems &+= 1
        let h = segmentHist
        h[257 &+ Int(lut[len])] &+= 1
        h[286 &+ distSymbol(dist)] &+= 1
    }

    /// Opens the next segment, flushing the buffer when all segments are used.
    mutating func nextSegment(at pos: Int) {
        segment += 1
        if segment == DeflateCompressor.segmentsPerBuffer {
            segmentInput[segment] = pos
            flushBuffer(final: false, endInput: pos)
            segmentInput[0] = pos
            return
        }
        segmentInput[segment] = pos
        segmentEnd += DeflateCompressor.segmentItems
        segmentHist = hist + segment * DeflateCompressor.histSize
    }

    // MARK: Blocks

    /// Writes everything buffered as one or more blocks and empties the buffer.
    mutating func flushBuffer(final: Bool, endInput: Int? = nil) {
        let segs = min(segment + 1, DeflateCompressor.segmentsPerBuffer)
        segmentInput[segs] = endInput ?? n
        // Exact costs need code construction per candidate range, about as much work as
        // matching 64 KiB at level 9; worth it only where items cover 2+ bytes on average.
        let exact = exactSplit && segmentInput[segs] - segmentInput[0] >= 2 * nItems
        let cuts = chooseBlocks(segments: segs, exact: exact)
        var start = 0
        for (i, end) in cuts.enumerated() {
            writeBlock(fromSegment: start, toSegment: end, final: final && i == cuts.count - 1)
            start = end
        }
        // Reset for the next buffer.
        hist.update(repeating: 0, count: DeflateCompressor.histSize * DeflateCompressor.segmentsPerBuffer)
        nItems = 0
        segment = 0
        segmentHist = hist
        segmentEnd = DeflateCompressor.segmentItems
    }

    /// Segment ranges that minimise estimated size, by DP over segment edges; returns end indices.
    func chooseBlocks(segments k: Int, exact: Bool) -> [Int] {
        if k <= 1 { return [k == 0 ? 1 : k] }
        let hs = DeflateCompressor.histSize
        var best = [Double](repeating: .infinity, count: k + 1)
        var from = [Int](repeating: 0, count: k + 1)
        best[0] = 0
        let sum = hist + DeflateCompressor.segmentsPerBuffer * hs
        for j in 1...k {
            // Grow the range backwards from segment j-1 so each range costs one pass of adds.
            for s in 0..<hs { sum[s] = 0 }
            var i = j - 1
            while i >= 0 {
                let h = hist + i * hs
                for s in 0..<hs { sum[s] &+= h[s] }
                let (bits, used) = entropy(sum)
                if exact {
                    // Entropy (plus the smallest header) never exceeds the exact cost, so a
                    // range that loses even on it needs no code construction.
                    if best[i] + bits + 16 < best[j] {
                        let c = best[i] + exactCost(sum)
                        if c < best[j] { best[j] = c; from[j] = i }
                    }
                } else {
                    let c = best[i] + bits + Double(used) * 4 + 80
                    if c < best[j] { best[j] = c; from[j] = i }
                }
                i -= 1
            }
        }
        var cuts = [Int]()
        var j = k
        while j > 0 { cuts.append(j); j = from[j] }
        return cuts.reversed()
    }

    /// Exact dynamic-block bits for counts `f` (end-of-block included) less the extra bits,
    /// as `writeBlock` would spend them, without building codes: code lengths, the run-length coded header
    /// (the same runs as `BlockPlan.runLengths`), and the data.
    func exactCost(_ f: UnsafeMutablePointer<UInt32>) -> Double {
        let saved = f[256]
        f[256] = 1
        defer { f[256] = saved }
        let lens = costScratch
        HuffmanEncoder.lengths(freqs: UnsafeBufferPointer(start: f, count: 286), maxBits: 15,
                               lengths: UnsafeMutableBufferPointer(start: lens, count: 286))
        HuffmanEncoder.lengths(freqs: UnsafeBufferPointer(start: f + 286, count: 30), maxBits: 15,
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
        HuffmanEncoder.lengths(freqs: UnsafeBufferPointer(start: pre, count: 19), maxBits: 7,
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
        Symbols.xlog2xSmall.withUnsafeBufferPointer { tb in
            @inline(__always) func xl(_ v: UInt32) -> Double { v < 4096 ? Double(tb[Int(v)]) : Symbols.xlog2x(v) }
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
        let itemStart = a * DeflateCompressor.segmentItems
        let itemEnd = min(b * DeflateCompressor.segmentItems, nItems)
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
            fixedBits += Int(freq[s]) * Symbols.fixedLitLenLength(s)
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
        w.put(final ? 1 : 0, 1)
        if fixedBits <= dynamicBits {
            w.put(1, 2)
            plan.useFixed()
        } else {
            w.put(2, 2)
            plan.writeHeader(&w)
        }
        writeItems(itemStart, itemEnd, plan)
        w.put(UInt64(plan.litCode[256]), Int(plan.litLen[256]))
        w.flush()
    }

    /// Emits items[start..<end] with the block's codes.
    mutating func writeItems(_ start: Int, _ end: Int, _ plan: BlockPlan) {
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
        let distBase = DecodeTable.distBase
        let distExtra = DecodeTable.distExtra
        distBase.withUnsafeBufferPointer { dbp in
        distExtra.withUnsafeBufferPointer { dep in
            let dBase = dbp
            let dExtra = dep
            var bw = w
            var i = start
            while i < end {
                let item = items[i]
                i &+= 1
                if item < 256 {
                    // Literals are at most 15 bits: flush only when the next pair might not fit.
                    let e = lit[Int(item)]
                    bw.put(UInt64(e & 0xFF_FFFF), Int(e &>> 24))
                    if bw.count > 40 { bw.flush() }
                    continue
                } else {
                    bw.flush()  // a pair needs up to 48 bits
                    let le = lenT[Int((item &>> 16) & 0x1FF)]
                    bw.put(UInt64(le & 0xFF_FFFF), Int(le &>> 24))
                    let dist = Int(item & 0xFFFF)
                    let ds = distSymbol(dist)
                    let dl = Int(dBits[ds])
                    let v = UInt64(dCode[ds]) | UInt64(dist &- Int(dBase[ds])) &<< UInt64(dl)
                    bw.put(v, dl &+ Int(dExtra[ds]))
                }
                bw.flush()
            }
            bw.flush()
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
