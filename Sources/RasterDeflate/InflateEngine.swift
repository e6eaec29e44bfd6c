/// The DEFLATE decoder behind every entry point: one-shot, caller buffer and incremental.
///
/// It runs over one input buffer at a time and writes into `out[outPos..<outCap]`, where the
/// bytes before `outPos` are history that matches may copy from. Every step either completes
/// or rolls back to its start, so when the input runs dry (`.needInput`) or the output is full
/// (`.outputFull`) the caller can supply more and call `run` again with nothing lost.
/// Steps are: a header byte, a whole block header (including a dynamic block's code lengths),
/// one literal or one length/distance pair, a piece of a stored block, a trailer field.
struct InflateEngine: ~Copyable {
    enum Stage: Equatable {
        case zlibHeader
        case gzipHeader
        case gzipExtraLength
        case gzipExtra(remaining: Int)
        case gzipName
        case gzipComment
        case gzipHeaderCRC
        case blockHeader
        case stored(remaining: Int)
        /// Inside a dynamic block header (§3.2.7): the code length code's lengths, then the
        /// literal/length and distance code lengths; `next` is the first one not yet read.
        case precodeLengths(next: Int)
        case codeLengths(next: Int)
        case huffman
        case trailer
        /// A gzip member ended; another may follow.
        case memberEnd
        case done
    }

    enum Status { case streamEnd, needInput, outputFull }

    let format: InflateFormat
    var stage: Stage
    var finalBlock = false
    var bitbuf: UInt64 = 0
    var bitsleft = 0

    /// Decode tables, then 320 code lengths, then table-building scratch.
    let mem: UnsafeMutableRawPointer
    var tablesAreFixed = false
    /// The counts of the dynamic block header being read.
    var dynamic = DynamicHeader(hlit: 257, hdist: 1, hclen: 4)
    /// Dynamic block headers begun (HLIT/HDIST/HCLEN read). Each is read once however the
    /// input is split, as the incremental tests check.
    var dynamicHeadersStarted = 0

    var out: UnsafeMutablePointer<UInt8>
    var outCap = 0
    var outPos = 0
    /// Where the current stream's (or gzip member's) output starts; matches may not reach before it.
    var windowBase = 0
    /// Output before this position is already folded into `checksum` and `memberSize`.
    var checkedPos = 0
    var checksum: UInt32
    var memberSize: UInt32 = 0
    var gzipFlags: UInt8 = 0
    var headerCRC: UInt32 = 0
    /// Set once any gzip member has finished, so an empty remainder is a clean end.
    var membersDone = 0

    static let lensOffset = DecodeTable.totalEntries * 4
    static let scratchOffset = lensOffset + 320
    static let memSize = scratchOffset + DecodeTable.scratchBytes

    init(format: InflateFormat) {
        self.format = format
        switch format {
        case .raw: stage = .blockHeader; checksum = 0
        case .zlib: stage = .zlibHeader; checksum = 1
        case .gzip: stage = .gzipHeader; checksum = 0
        }
        let m = UnsafeMutableRawPointer.allocate(byteCount: InflateEngine.memSize, alignment: 16)
        // Bind each region to the one type it is used as (tables, code lengths, and the
        // table builder's counts and symbol order).
        m.bindMemory(to: UInt32.self, capacity: DecodeTable.totalEntries)
        let l = (m + InflateEngine.lensOffset).bindMemory(to: UInt8.self, capacity: 320)
        l.initialize(repeating: 0, count: 320)
        (m + InflateEngine.scratchOffset).bindMemory(to: Int.self, capacity: 32)
        let scratch = m + InflateEngine.scratchOffset
        (scratch + DecodeTable.scratchOrderOffset).bindMemory(to: UInt16.self, capacity: 320 + 256)
        (scratch + DecodeTable.scratchSuffixOffset).bindMemory(to: UInt32.self, capacity: 1024)
        mem = m
        // A valid placeholder until a driver supplies the output buffer (capacity 0 until then).
        out = l
    }

    deinit { mem.deallocate() }

    var table: UnsafeMutablePointer<UInt32> { mem.assumingMemoryBound(to: UInt32.self) }
    var lens: UnsafeMutablePointer<UInt8> { (mem + InflateEngine.lensOffset).assumingMemoryBound(to: UInt8.self) }
    var isDone: Bool { stage == .done }

    /// Folds output produced since the last call into the running checksum and size.
    mutating func updateChecksum() {
        guard outPos > checkedPos else { return }
        let chunk = UnsafeRawBufferPointer(start: out + checkedPos, count: outPos - checkedPos)
        switch format {
        case .raw: break
        case .zlib: checksum = Adler32.checksum(chunk, continuing: checksum)
        case .gzip: checksum = CRC32.checksum(chunk, continuing: checksum)
        }
        memberSize &+= UInt32(truncatingIfNeeded: chunk.count)
        checkedPos = outPos
    }

    /// Moves the last `keep` bytes of output to the front of the buffer (incremental use).
    /// The Inflater slides only once `outPos` is at least 64 KiB, so the two 32 KiB regions
    /// never overlap.
    mutating func slide(keep: Int) {
        let k = min(keep, outPos)
        let from = outPos - k
        if from > 0 { (out).update(from: out + from, count: k) }
        outPos = k
        checkedPos = max(0, checkedPos - from)
        windowBase = max(0, windowBase - from)
    }

    /// Runs until the stream ends, the input runs out, or the output fills.
    /// With `final`, running out of input is an error (`truncated`) instead of `.needInput`.
    mutating func run(_ input: UnsafeRawBufferPointer, inPos: inout Int, final: Bool) throws(DeflateError) -> Status {
        let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(lens)
        var r = BitReader(buf: bitbuf, left: bitsleft, pos: inPos, base: base, end: input.count)
        defer {
            bitbuf = r.buf
            bitsleft = r.left
            inPos = r.pos
            updateChecksum()
        }
        func starved() throws(DeflateError) -> Status {
            if final { throw .truncated }
            return .needInput
        }
        while true {
            let framing: FramingStep
            switch stage {
            case .huffman:
                let s = try decodeHuffman(&r)
                if let s {
                    if s == .needInput { return try starved() }
                    return s
                }
                continue
            case .blockHeader:
                let cp = r
                guard try readBlockHeader(&r) else { r = cp; return try starved() }
                continue
            case .precodeLengths, .codeLengths:
                guard try readDynamicHeader(&r) else { return try starved() }
                continue
            case .stored(let remaining):
                if remaining == 0 { stage = finalBlock ? .trailer : .blockHeader; continue }
                var n = remaining
                // Whole bytes still in the bit buffer come first (the header left us aligned).
                while n > 0 && r.left >= 8 {
                    if outPos == outCap { stage = .stored(remaining: n); return .outputFull }
                    out[outPos] = UInt8(truncatingIfNeeded: r.buf)
                    outPos &+= 1
                    r.drop(8)
                    n -= 1
                }
                let chunk = min(n, r.end - r.pos, outCap - outPos)
                if chunk > 0 {
                    r.buf = 0  // empty and aligned here; nothing may linger once `pos` jumps
                    (out + outPos).update(from: base + r.pos, count: chunk)
                    outPos += chunk
                    r.pos += chunk
                    n -= chunk
                }
                stage = .stored(remaining: n)
                if n > 0 {
                    if outPos == outCap { return .outputFull }
                    return try starved()
                }
                continue
            case .zlibHeader:
                framing = try readZlibHeader(&r)
            case .gzipHeader, .gzipExtraLength, .gzipExtra, .gzipName, .gzipComment, .gzipHeaderCRC:
                framing = try readGzipHeaderField(&r, final: final)
            case .trailer:
                framing = try readTrailer(&r)
            case .memberEnd:
                framing = endGzipMember(&r, final: final)
            case .done:
                return .streamEnd
            }
            switch framing {
            case .advanced: continue
            case .starved: return try starved()
            case .stop(let status): return status
            }
        }
    }

    /// §3.2.7: the order in which code length code lengths are sent.
    static let precodeOrder: [UInt8] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// RFC 1951 §3.2.3 block header: the three header bits, and with them a stored block's
    /// LEN/NLEN or a dynamic block's HLIT/HDIST/HCLEN (the rest of a dynamic header is read
    /// field by field by `readDynamicHeader`). Returns false (having consumed bits the caller
    /// rolls back) when input runs out.
    private mutating func readBlockHeader(_ r: inout BitReader) throws(DeflateError) -> Bool {
        guard r.ensure(3) else { return false }
        let h = r.take(3)
        let isFinal = h & 1 != 0
        switch h >> 1 {
        case 0:
            // §3.2.4 stored: skip to a byte boundary, then LEN and NLEN.
            r.alignToByte()
            guard r.ensure(32) else { return false }
            let len = r.take(16)
            let nlen = r.take(16)
            if len ^ nlen != 0xFFFF { throw .storedLengthMismatch }
            finalBlock = isFinal
            stage = .stored(remaining: len)
            return true
        case 1:
            if !tablesAreFixed { try buildFixedTables() }
            finalBlock = isFinal
            stage = .huffman
            return true
        case 2:
            // §3.2.7: HLIT, HDIST, HCLEN.
            guard r.ensure(14) else { return false }
            let hlit = r.take(5) + 257
            let hdist = r.take(5) + 1
            let hclen = r.take(4) + 4
            // zlib refuses these counts even though the fields can express them.
            if hlit > 286 || hdist > 30 { throw .invalidCodeLengths }
            dynamic = DynamicHeader(hlit: hlit, hdist: hdist, hclen: hclen)
            dynamicHeadersStarted &+= 1
            for i in 0..<19 { lens[i] = 0 }
            finalBlock = isFinal
            stage = .precodeLengths(next: 0)
            return true
        default:
            throw .invalidBlockType
        }
    }

    /// §3.2.6: the fixed literal/length and distance codes.
    private mutating func buildFixedTables() throws(DeflateError) {
        let l = lens
        for i in 0..<144 { l[i] = 8 }
        for i in 144..<256 { l[i] = 9 }
        for i in 256..<280 { l[i] = 7 }
        for i in 280..<288 { l[i] = 8 }
        for i in 288..<320 { l[i] = 5 }
        try buildTables(litlenCount: 288, distCount: 32)
        tablesAreFixed = true
    }

    mutating func buildTables(litlenCount: Int, distCount: Int) throws(DeflateError) {
        let scratch = mem + InflateEngine.scratchOffset
        tablesAreFixed = false
        try DecodeTable.build(lengths: lens, count: litlenCount, kind: .litlen,
                              table: table + DecodeTable.litlenOffset, rootBits: DecodeTable.litlenBits,
                              capacity: DecodeTable.litlenEnough, scratch: scratch)
        try DecodeTable.build(lengths: lens + litlenCount, count: distCount, kind: .dist,
                              table: table + DecodeTable.distOffset, rootBits: DecodeTable.distBits,
                              capacity: DecodeTable.distEnough, scratch: scratch)
    }
}
