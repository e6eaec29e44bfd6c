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
    static let memSize = scratchOffset + 32 * MemoryLayout<Int>.stride + 320 * 2

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
        (m + InflateEngine.scratchOffset + 32 * MemoryLayout<Int>.stride).bindMemory(to: UInt16.self, capacity: 320)
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
    /// The Inflater slides only when its 96 KiB buffer is within a match of full, so the two
    /// 32 KiB regions never overlap.
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
            switch stage {
            case .huffman:
                let s = try decodeHuffman(&r)
                if let s {
                    if s == .needInput { return try starved() }
                    return s
                }
            case .blockHeader:
                let cp = r
                guard try readBlockHeader(&r) else { r = cp; return try starved() }
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
            case .zlibHeader:
                // RFC 1950 §2.2: CMF, FLG.
                guard r.ensure(16) else { return try starved() }
                let cmf = r.peek(8)
                let flg = (r.buf >> 8) & 0xFF
                if cmf & 0x0F != 8 { throw .invalidHeader("zlib compression method is not 8 (deflate)") }
                if cmf >> 4 > 7 { throw .invalidHeader("zlib window size exceeds 32 KiB") }
                if (cmf << 8 | flg) % 31 != 0 { throw .invalidHeader("zlib header check bits are wrong") }
                if flg & 0x20 != 0 { throw .presetDictionaryUnsupported }
                r.drop(16)
                stage = .blockHeader
            case .gzipHeader:
                // RFC 1952 §2.3.1: ID1 ID2 CM FLG MTIME(4) XFL OS.
                r.refill()
                if r.bytesAvailable < 10 {
                    if r.bytesAvailable == 0 && membersDone > 0 && final { stage = .done; return .streamEnd }
                    // Check what is there so garbage fails now rather than as "truncated".
                    if r.bytesAvailable >= 1 && r.peek(8) != 31 { throw .invalidHeader("not a gzip stream (bad magic)") }
                    if r.bytesAvailable >= 2 && (r.buf >> 8) & 0xFF != 139 { throw .invalidHeader("not a gzip stream (bad magic)") }
                    return try starved()
                }
                var header = (UInt64(0), UInt64(0))
                header.0 = UInt64(r.take(32))
                r.refill()
                header.0 |= UInt64(r.take(32)) << 32
                r.refill()
                header.1 = UInt64(r.take(16))
                if header.0 & 0xFFFF != 0x8B1F { throw .invalidHeader("not a gzip stream (bad magic)") }
                if (header.0 >> 16) & 0xFF != 8 { throw .invalidHeader("gzip compression method is not 8 (deflate)") }
                let flags = UInt8(truncatingIfNeeded: header.0 >> 24)
                if flags & 0xE0 != 0 { throw .invalidHeader("gzip reserved flag bits are set") }
                gzipFlags = flags
                headerCRC = withUnsafeBytes(of: &header) { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<10])) }
                stage = .gzipExtraLength
            case .gzipExtraLength:
                if gzipFlags & 4 == 0 { stage = .gzipName; continue }
                guard r.ensure(16) else { return try starved() }
                let xlen = r.take(16)
                headerCRC = crcBytes(headerCRC, UInt64(xlen), 2)
                stage = .gzipExtra(remaining: xlen)
            case .gzipExtra(let remaining):
                var n = remaining
                while n > 0 {
                    guard r.ensure(8) else { stage = .gzipExtra(remaining: n); return try starved() }
                    headerCRC = crcBytes(headerCRC, UInt64(r.take(8)), 1)
                    n -= 1
                }
                stage = .gzipName
            case .gzipName, .gzipComment:
                let isName = stage == .gzipName
                if gzipFlags & (isName ? 8 : 16) != 0 {
                    while true {
                        guard r.ensure(8) else { return try starved() }
                        let b = r.take(8)
                        headerCRC = crcBytes(headerCRC, UInt64(b), 1)
                        if b == 0 { break }
                    }
                }
                stage = isName ? .gzipComment : .gzipHeaderCRC
            case .gzipHeaderCRC:
                if gzipFlags & 2 != 0 {
                    guard r.ensure(16) else { return try starved() }
                    let stored = UInt32(r.take(16))
                    if stored != headerCRC & 0xFFFF {
                        throw .checksumMismatch(expected: stored, actual: headerCRC & 0xFFFF)
                    }
                }
                stage = .blockHeader
            case .trailer:
                r.alignToByte()
                updateChecksum()
                switch format {
                case .raw:
                    stage = .done
                case .zlib:
                    // RFC 1950 §2.2: ADLER32, most significant byte first.
                    guard r.ensure(32) else { return try starved() }
                    let v = UInt32(truncatingIfNeeded: r.take(32))
                    let expected = v.byteSwapped
                    if expected != checksum { throw .checksumMismatch(expected: expected, actual: checksum) }
                    stage = .done
                case .gzip:
                    // RFC 1952 §2.3.1: CRC32 then ISIZE, least significant byte first.
                    r.refill()
                    guard r.bytesAvailable >= 8 else { return try starved() }
                    let crc = UInt32(truncatingIfNeeded: r.take(32))
                    r.refill()
                    let isize = UInt32(truncatingIfNeeded: r.take(32))
                    if crc != checksum { throw .checksumMismatch(expected: crc, actual: checksum) }
                    if isize != memberSize { throw .lengthMismatch }
                    stage = .memberEnd
                }
            case .memberEnd:
                membersDone += 1
                checksum = 0
                memberSize = 0
                finalBlock = false
                windowBase = outPos
                stage = .gzipHeader
                r.refill()
                if r.bytesAvailable == 0 {
                    if final { stage = .done; return .streamEnd }
                    return .needInput
                }
            case .done:
                return .streamEnd
            }
        }
    }

    /// §3.2.7: the order in which code length code lengths are sent.
    static let precodeOrder: [UInt8] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private func crcBytes(_ crc: UInt32, _ value: UInt64, _ n: Int) -> UInt32 {
        var v = value
        return withUnsafeBytes(of: &v) { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<n]), continuing: crc) }
    }

    /// RFC 1951 §3.2.3 block header, and for dynamic blocks §3.2.7 code lengths.
    /// Returns false (having consumed garbage the caller rolls back) when input runs out.
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
            guard try readDynamicTables(&r) else { return false }
            finalBlock = isFinal
            stage = .huffman
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

    private mutating func buildTables(litlenCount: Int, distCount: Int) throws(DeflateError) {
        let scratch = mem + InflateEngine.scratchOffset
        tablesAreFixed = false
        try DecodeTable.build(lengths: lens, count: litlenCount, kind: .litlen,
                              table: table + DecodeTable.litlenOffset, rootBits: DecodeTable.litlenBits,
                              capacity: DecodeTable.litlenEnough, scratch: scratch)
        try DecodeTable.build(lengths: lens + litlenCount, count: distCount, kind: .dist,
                              table: table + DecodeTable.distOffset, rootBits: DecodeTable.distBits,
                              capacity: DecodeTable.distEnough, scratch: scratch)
    }

    /// §3.2.7: HLIT, HDIST, HCLEN, the code length code, then the run-length coded lengths.
    private mutating func readDynamicTables(_ r: inout BitReader) throws(DeflateError) -> Bool {
        guard r.ensure(14) else { return false }
        let hlit = r.take(5) + 257
        let hdist = r.take(5) + 1
        let hclen = r.take(4) + 4
        // zlib refuses these counts even though the fields can express them.
        if hlit > 286 || hdist > 30 { throw .invalidCodeLengths }
        let l = lens
        for i in 0..<19 { l[i] = 0 }
        for i in 0..<hclen {
            guard r.ensure(3) else { return false }
            l[Int(InflateEngine.precodeOrder[i])] = UInt8(truncatingIfNeeded: r.take(3))
        }
        let pre = table + DecodeTable.precodeOffset
        tablesAreFixed = false
        try DecodeTable.build(lengths: l, count: 19, kind: .precode, table: pre,
                              rootBits: DecodeTable.precodeBits, capacity: DecodeTable.precodeEnough,
                              scratch: mem + InflateEngine.scratchOffset)
        // Code lengths for litlen and distance symbols form one sequence (repeats may cross).
        // The precode lengths in lens[0..<19] may be overwritten now: they live on in `pre`.
        let total = hlit + hdist
        var i = 0
        while i < total {
            r.refill()
            let e = pre[Int(r.buf & 0x7F)]
            let len = Int(e & 0x1F)
            guard len <= r.left else { return false }
            let sym = Int(e >> 16)
            if sym < 16 {
                r.drop(len)
                l[i] = UInt8(truncatingIfNeeded: sym)
                i += 1
                continue
            }
            let extraBits = sym == 16 ? 2 : (sym == 17 ? 3 : 7)
            guard r.ensure(len + extraBits) else { return false }
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
        try buildTables(litlenCount: hlit, distCount: hdist)
        return true
    }

    /// Decodes symbols until end of block (returns nil), or a stop (`.needInput`/`.outputFull`).
    private mutating func decodeHuffman(_ r: inout BitReader) throws(DeflateError) -> Status? {
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
            let total = pre + Int(e & 0x1F)
            if total > r.left { r = cp; return .needInput }
            if e & DecodeTable.literal != 0 {
                if outPos == outCap { r = cp; return .outputFull }
                out[outPos] = UInt8(truncatingIfNeeded: e >> 16)
                outPos &+= 1
                r.drop(total)
                continue
            }
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

    /// The fast loop needs this much input left (two 8-byte refills per step) ...
    static let fastInputMargin = 24
    /// ... and room for two literals then a 258-byte match with a 7-byte word-copy overrun
    /// (2 + 265), which also covers the 40 bytes written unconditionally for a short match.
    static let fastOutputMargin = 280

    /// Decodes while the margins above hold, with no per-bit bounds checks: one branch-free
    /// 8-byte refill gives at least 56 bits, enough for a whole length/distance pair (at most
    /// 15+5+15+13 = 48 bits) or up to three literals. Returns true at end of block.
    /// On return `r` is consistent (bits above `left` are the next input bits, which the
    /// careful loop's byte refill ORs in again unchanged).
    @inline(__always)
    private mutating func decodeFast(_ r: inout BitReader, _ outPosRef: inout Int) throws(DeflateError) -> Bool {
        let litlen = UnsafePointer(table + DecodeTable.litlenOffset)
        let dist = UnsafePointer(table + DecodeTable.distOffset)
        // Pointers rather than base+index keep the loop's state in registers.
        var inPtr = UnsafeRawPointer(r.base + r.pos)
        let inLimit = UnsafeRawPointer(r.base + (r.end - InflateEngine.fastInputMargin))
        var op = out + outPosRef
        let outLimit = out + (outCap - InflateEngine.fastOutputMargin)
        let windowStart = UnsafePointer(out + windowBase)
        var buf = r.buf
        var left = r.left
        defer {
            // Drop the look-ahead bits above `left`: stored blocks move `pos` by copying, after
            // which those bits would no longer match the input the careful refill ORs in.
            r.buf = buf & ~(UInt64.max &<< UInt64(truncatingIfNeeded: left))
            r.left = left
            r.pos = r.base.distance(to: inPtr.assumingMemoryBound(to: UInt8.self))
            outPosRef = out.distance(to: op)
        }
        let literal = DecodeTable.literal
        let exceptional = DecodeTable.exceptional
        var result = false
        // After a refill all 64 bits of `buf` are input bits (the 8-byte load fills everything
        // above `left`), and one step consumes at most 48 of them, so at the top of the loop at
        // least 16 real bits remain: the next literal/length entry can be looked up before the
        // refill, taking the refill off the lookup's dependency chain. A first refill here
        // establishes that for the careful loop's buffer.
        if inPtr <= inLimit {
            buf |= UInt64(littleEndian: inPtr.loadUnaligned(as: UInt64.self)) &<< UInt64(truncatingIfNeeded: left)
            inPtr += (63 &- left) &>> 3
            left |= 56
        }
        while inPtr <= inLimit && op <= outLimit {
            var e = litlen[Int(buf & 0x7FF)]
            buf |= UInt64(littleEndian: inPtr.loadUnaligned(as: UInt64.self)) &<< UInt64(truncatingIfNeeded: left)
            inPtr += (63 &- left) &>> 3
            left |= 56
            if e & literal != 0 {
                buf &>>= UInt64(truncatingIfNeeded: e); left &-= Int(e & 0x1F)
                op.pointee = UInt8(truncatingIfNeeded: e &>> 16)
                e = litlen[Int(buf & 0x7FF)]
                if e & literal != 0 {
                    buf &>>= UInt64(truncatingIfNeeded: e); left &-= Int(e & 0x1F)
                    op[1] = UInt8(truncatingIfNeeded: e &>> 16)
                    e = litlen[Int(buf & 0x7FF)]
                    if e & literal != 0 {
                        buf &>>= UInt64(truncatingIfNeeded: e); left &-= Int(e & 0x1F)
                        op[2] = UInt8(truncatingIfNeeded: e &>> 16)
                        op += 3
                        continue
                    }
                    op += 2
                } else {
                    op += 1
                }
                // A non-literal follows: top up so the whole pair fits.
                buf |= UInt64(littleEndian: inPtr.loadUnaligned(as: UInt64.self)) &<< UInt64(truncatingIfNeeded: left)
                inPtr += (63 &- left) &>> 3
                left |= 56
            }
            if e & exceptional != 0 {
                if e & DecodeTable.subtable != 0 {
                    buf &>>= 11; left &-= 11
                    e = litlen[Int(e &>> 16) &+ Int(buf & ~(UInt64.max &<< UInt64((e &>> 8) & 0xF)))]
                    if e & literal != 0 {
                        buf &>>= UInt64(truncatingIfNeeded: e); left &-= Int(e & 0x1F)
                        op.pointee = UInt8(truncatingIfNeeded: e &>> 16)
                        op += 1
                        continue
                    }
                }
                if e & exceptional != 0 {
                    if e & DecodeTable.endOfBlock != 0 {
                        buf &>>= UInt64(truncatingIfNeeded: e); left &-= Int(e & 0x1F)
                        result = true
                        break
                    }
                    throw .invalidCode
                }
            }
            // Length: base plus the extra bits that follow the code.
            var saved = buf
            buf &>>= UInt64(truncatingIfNeeded: e); left &-= Int(e & 0x1F)
            let length = Int(e &>> 16) &+ Int(truncatingIfNeeded: (saved & ~(UInt64.max &<< UInt64(e & 0x1F))) &>> UInt64((e &>> 8) & 0xF))
            var d = dist[Int(buf & 0xFF)]
            if d & exceptional != 0 {
                if d & DecodeTable.subtable != 0 {
                    buf &>>= 8; left &-= 8
                    d = dist[Int(d &>> 16) &+ Int(buf & ~(UInt64.max &<< UInt64((d &>> 8) & 0xF)))]
                }
                if d & exceptional != 0 { throw .invalidCode }
            }
            saved = buf
            buf &>>= UInt64(truncatingIfNeeded: d); left &-= Int(d & 0x1F)
            let distance = Int(d &>> 16) &+ Int(truncatingIfNeeded: (saved & ~(UInt64.max &<< UInt64(d & 0x1F))) &>> UInt64((d &>> 8) & 0xF))
            if distance > windowStart.distance(to: op) { throw .distanceTooFar }
            var dst = UnsafeMutableRawPointer(op)
            var src = UnsafeRawPointer(op - distance)
            op += length
            let stop = UnsafeMutableRawPointer(op)
            if distance >= 8 {
                // Five words unconditionally (most matches are shorter than 40 bytes), then a
                // loop. Copies may run up to 39 bytes past a short match or 7 past a long one;
                // the output margin allows both.
                @inline(__always) func word(_ k: Int) {
                    (dst + 8 &* k).storeBytes(of: (src + 8 &* k).loadUnaligned(as: UInt64.self), as: UInt64.self)
                }
                word(0); word(1); word(2); word(3); word(4)
                if length > 40 {
                    dst += 40
                    src += 40
                    repeat {
                        dst.storeBytes(of: src.loadUnaligned(as: UInt64.self), as: UInt64.self)
                        dst += 8
                        src += 8
                    } while dst < stop
                }
            } else if distance == 1 {
                let v = UInt64(src.load(as: UInt8.self)) &* 0x0101_0101_0101_0101
                repeat {
                    dst.storeBytes(of: v, as: UInt64.self)
                    dst += 8
                } while dst < stop
            } else {
                // Distance 2-7: write the first 8 bytes one by one (each reads a byte already
                // written), then repeat that word at offsets that are multiples of the period.
                for k in 0..<8 {
                    dst.storeBytes(of: src.load(fromByteOffset: k, as: UInt8.self), toByteOffset: k, as: UInt8.self)
                }
                if length > 8 {
                    let pattern = dst.loadUnaligned(as: UInt64.self)
                    let step = 8 &- (8 % distance)
                    var p = dst + step
                    repeat {
                        p.storeBytes(of: pattern, as: UInt64.self)
                        p += step
                    } while p < stop
                }
            }
        }
        if result { stage = finalBlock ? .trailer : .blockHeader }
        return result
    }
}
