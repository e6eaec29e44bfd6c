/// The item buffer between parsing and block writing: literals and matches with symbol
/// counts per 4096-item segment, flushed as blocks when all segments are used.
extension DeflateCompressor {

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
}
