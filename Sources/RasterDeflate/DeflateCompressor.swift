/// The DEFLATE encoder (RFC 1951): LZ77 over hash chains, then Huffman-coded blocks.
///
/// Matches go into an item buffer (with symbol counts kept per 4096-item segment). When the
/// buffer fills, block boundaries are chosen among segment edges by dynamic programming on an
/// entropy estimate of each candidate block's cost, and each block is written as whichever of
/// stored, fixed or dynamic Huffman is smallest.
struct DeflateCompressor: ~Copyable {
    static let windowSize = 32768
    static let windowMask = 32767
    static let hashBits = 15
    static let segmentItems = 4096
    static let segmentsPerBuffer = 16
    static let bufferItems = segmentItems * segmentsPerBuffer
    /// 286 literal/length symbols (286, 287 never used) and 30 distance symbols per histogram.
    static let histSize = 316
    static let tooFar = 4096

    /// The most bytes `compress` writes for `n` input bytes (the output buffer's size).
    ///
    /// Proof, for any input and any block split the splitter may choose (many small blocks
    /// over incompressible data included). Let the blocks cover L_1 ... L_B input bytes
    /// (sum n). `writeBlock` computes the exact bit cost of a block as fixed and as dynamic
    /// Huffman, and of storing it alone, S_i = 8·L_i + 40·ceil(L_i / 65535) + 7 (3 header bits,
    /// at most 7 pad bits then 32 bits of LEN/NLEN per 65535-byte chunk, counted as 40 per chunk
    /// plus 7 once). A Huffman block is written only when it costs less than S_i. Stored blocks
    /// are deferred and merged into runs; a run of R bytes over blocks i..j is written as
    /// ceil(R / 65535) chunks of 3 + pad + 32 bits each, where only the first pad can exceed
    /// 5 bits, so it costs at most 8·R + 40·ceil(R / 65535) + 7 <= S_i + ... + S_j (as
    /// ceil(R / 65535) <= sum of ceil(L_k / 65535)). Hence, with 7 more bits for the final
    /// alignment, the stream is at most
    ///     sum S_i + 7 <= 8·n + 40·(floor(n / 65535) + B) + 7·B + 7 bits
    /// (sum ceil(L_i / 65535) <= sum floor(L_i / 65535) + B <= floor(n / 65535) + B), that is
    /// at most n + 5·floor(n / 65535) + 6·B + 1 bytes. Blocks are whole segments, and
    /// every segment but the stream's last holds `segmentItems` items of at least one input
    /// byte each (`nextSegment` opens a segment only when the previous one is full), so every
    /// block but the last covers at least 4096 bytes: B <= floor(n / 4096) + 1. Level 0
    /// (n + 5·ceil(n / 65535)) and the empty stream (2 bytes) are within the same bound.
    /// `BitWriter.flush` stores 8 bytes at its position, which never passes the final length,
    /// so 8 bytes of slack follow; 16 covers that and the rounding.
    static func bound(_ n: Int) -> Int {
        n + 5 * (n / 65535) + 6 * (n / segmentItems + 1) + 16
    }

    let input: UnsafePointer<UInt8>
    let n: Int
    var w: BitWriter
    /// The buffer's matches, two words each: input position mod 2^32, then distance symbol
    /// << 25 | length << 16 | distance. Literals are not stored: they are the input bytes
    /// between matches (`ItemBuffer.swift`).
    let items: UnsafeMutablePointer<UInt32>
    /// Items (literals and matches) in the buffer; `nMatches` of them are matches.
    var nItems = 0
    var nMatches = 0
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
    /// Block cuts only at multiples of this many segments (`CompressionLevels.Level.splitStride`).
    var splitStride = 1
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
        items = .allocate(capacity: 2 * DeflateCompressor.bufferItems)
        hist = .allocate(capacity: DeflateCompressor.histSize * (DeflateCompressor.segmentsPerBuffer + 1))
        hist.initialize(repeating: 0, count: DeflateCompressor.histSize * (DeflateCompressor.segmentsPerBuffer + 1))
        segmentHist = hist
        // Room for the single-probe matcher's buckets (2 << 16 slots), which initialises the
        // part past the chained matchers' 1 << 15 heads itself.
        head = .allocate(capacity: 2 << DeflateCompressor.singleProbeHashBits)
        head.initialize(repeating: -1, count: 1 << DeflateCompressor.hashBits)
        prev = .allocate(capacity: DeflateCompressor.windowSize)
        prev.initialize(repeating: 0, count: DeflateCompressor.windowSize)
        let l = UnsafeMutablePointer<UInt8>.allocate(capacity: 259 + 512)
        let lengthSymbol = LengthDistanceSymbols.lengthSymbol
        let distTable = LengthDistanceSymbols.distTable
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
        // The public entry points accept only 0...9; the clamp keeps the index in range anyway.
        let p = CompressionLevels.table[min(max(level, 0), 9)]
        if p.parser == .stored {
            c.writeStored(from: 0, to: input.count, final: true)
        } else {
            c.exactSplit = p.exactSplit
            c.splitStride = p.splitStride
            switch strategy {
            case .huffmanOnly: c.literalsOnly()
            case .rle: c.runs()
            case .default, .filtered:
                // zlib's deflate_fast has no filtered mode, so levels 1-3 ignore it too.
                if p.parser == .singleProbe {
                    c.singleProbeGreedy()
                } else if p.parser == .greedy {
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
}
