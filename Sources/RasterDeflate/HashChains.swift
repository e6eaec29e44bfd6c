/// LZ77 match finding over hash chains: the 3- (or 4-) byte hash, chain insertion with a
/// look-ahead head load, and the longest-match search every parser calls.
extension DeflateCompressor {

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
}
