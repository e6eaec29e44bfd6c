/// The item buffer between parsing and block writing: literals and matches with symbol
/// counts per 4096-item segment, flushed as blocks when all segments are used.
///
/// Parsers emit items in input order and tile the input: a literal at `pos` is `input[pos]`, a
/// match at `pos` covers `pos ..< pos + len`. So only matches are stored (with their offsets);
/// the block writer takes the literals between them from the input, in runs (libdeflate's
/// sequences), which spares a store per literal and lets runs be written without a branch per
/// item.
extension DeflateCompressor {

    @inline(__always)
    func distSymbol(_ dist: Int) -> Int {
        let d = dist &- 1
        return Int(d < 256 ? lut[259 &+ d] : lut[259 &+ 256 &+ (d &>> 7)])
    }

    @inline(__always)
    mutating func emitLiteral(_ b: UInt8, at pos: Int) {
        if nItems == segmentEnd { nextSegment(at: pos) }
        nItems &+= 1
        segmentHist[Int(b)] &+= 1
    }

    @inline(__always)
    mutating func emitMatch(_ len: Int, _ dist: Int, at pos: Int) {
        if nItems == segmentEnd { nextSegment(at: pos) }
        let ds = distSymbol(dist)
        // The offset is kept mod 2^32; offsets from the buffer's start are below 2^32 (at most
        // `bufferItems` items of at most 258 bytes), so subtracting the start mod 2^32 gives them.
        let m = items + 2 &* nMatches
        m[0] = UInt32(truncatingIfNeeded: pos)
        m[1] = UInt32(truncatingIfNeeded: ds) << 25 | UInt32(truncatingIfNeeded: len) << 16 | UInt32(truncatingIfNeeded: dist)
        nMatches &+= 1
        nItems &+= 1
        let h = segmentHist
        h[257 &+ Int(lut[len])] &+= 1
        h[286 &+ ds] &+= 1
    }

    /// The first stored match at or after input position `pos` of the buffer (which starts at
    /// `segmentInput[0]`).
    func firstMatch(atOrAfter pos: Int) -> Int {
        let start = UInt32(truncatingIfNeeded: segmentInput[0])
        let offset = UInt32(truncatingIfNeeded: pos &- segmentInput[0])
        var lo = 0
        var hi = nMatches
        while lo < hi {
            let mid = (lo &+ hi) &>> 1
            if items[2 &* mid] &- start < offset { lo = mid &+ 1 } else { hi = mid }
        }
        return lo
    }

    /// Opens the next segment, flushing the buffer when all segments are used.
    mutating func nextSegment(at pos: Int) {
        segment += 1
        if segment == DeflateCompressor.segmentsPerBuffer {
            segmentInput[segment] = pos
            flushBuffer(final: false, endInput: pos)
            segmentInput[0] = pos
            nMatches = 0
            return
        }
        segmentInput[segment] = pos
        segmentEnd += DeflateCompressor.segmentItems
        segmentHist = hist + segment * DeflateCompressor.histSize
    }
}
