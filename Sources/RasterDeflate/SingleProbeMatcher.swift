/// The fastest parser (level 1 in the level table): greedy, one hash-bucket probe per
/// position, no chains, as libdeflate's fastest level does it.
///
/// Each position hashes its next 4 bytes into a bucket of the two most recent positions with
/// that hash (`head`, 2^16 buckets of two slots, absolute positions); a candidate counts when its
/// first 4 bytes are equal and it lies within the window, and the longer of the two matches
/// is taken. Every position, those inside a match included, is inserted, which costs two
/// stores each and keeps recent repeats findable (the chained greedy levels skip the inside
/// of long matches, zlib's deflate_fast rule, and lose matches on flat images because of it).
/// Matches are therefore at least 4 bytes long; 3-byte matches rarely pay on images.
extension DeflateCompressor {
    mutating func singleProbeGreedy() {
        let slots = head
        // `head` holds 2 << singleProbeHashBits slots; the chained matchers' part is already -1.
        (slots + (1 << DeflateCompressor.hashBits)).initialize(
            repeating: -1, count: (2 << DeflateCompressor.singleProbeHashBits) - (1 << DeflateCompressor.hashBits))
        let base = UnsafeRawPointer(input)
        var pos = 0
        // Positions with 4 readable bytes, which hashing and the first compare need.
        let lastProbe = n &- 4
        while pos <= lastProbe {
            let b = hash16(pos) &<< 1
            let c0 = Int(slots[b])
            let c1 = Int(slots[b &+ 1])
            slots[b &+ 1] = Int32(truncatingIfNeeded: c0)
            slots[b] = Int32(truncatingIfNeeded: pos)
            let here = base.loadUnaligned(fromByteOffset: pos, as: UInt32.self)
            // Both candidates are judged without branches (which candidate matches is data,
            // not a pattern a predictor learns): a slot is usable when it is an earlier position
            // (-1 is empty) less than a window back, i.e. 1 <= pos - c <= min(pos, 32767), and
            // its first 4 bytes equal ours. The loads read position max(c, pos - reach), in
            // the window (so in cache) whether or not the slot is usable: a stale slot's own
            // position may lie megabytes back, and loading it unconditionally made a 48 MB input
            // 15% slower. Only "some candidate matched" branches.
            let reachInt = min(pos, DeflateCompressor.windowSize &- 1)
            let reach = UInt(truncatingIfNeeded: reachInt)
            let oldest = pos &- reachInt
            let d0 = pos &- c0
            let d1 = pos &- c1
            let near0 = UInt(truncatingIfNeeded: d0 &- 1) < reach ? 1 : 0
            let near1 = UInt(truncatingIfNeeded: d1 &- 1) < reach ? 1 : 0
            let same0 = base.loadUnaligned(fromByteOffset: max(c0, oldest), as: UInt32.self) == here ? 1 : 0
            let same1 = base.loadUnaligned(fromByteOffset: max(c1, oldest), as: UInt32.self) == here ? 1 : 0
            let ok0 = near0 & same0
            let ok1 = near1 & same1
            var len = 0
            var dist = 0
            if ok0 | ok1 != 0 {
                let maxLen = min(258, n &- pos)
                if ok0 != 0 { len = matchLength(c0, pos, maxLen); dist = d0 }
                if ok1 != 0 && len < maxLen {
                    let l1 = matchLength(c1, pos, maxLen)
                    if l1 > len { len = l1; dist = d1 }
                }
            }
            if dist != 0 {
                emitMatch(len, dist, at: pos)
                let end = pos &+ len
                var q = pos &+ 1
                let stop = min(end, lastProbe &+ 1)
                while q < stop {
                    let bq = hash16(q) &<< 1
                    slots[bq &+ 1] = slots[bq]
                    slots[bq] = Int32(truncatingIfNeeded: q)
                    q &+= 1
                }
                pos = end
            } else {
                emitLiteral(input[pos], at: pos)
                pos &+= 1
            }
        }
        while pos < n {
            emitLiteral(input[pos], at: pos)
            pos &+= 1
        }
    }

    /// Bits of the bucket hash: 2^16 buckets of two slots (512 KiB). With 2^15 buckets the
    /// output was up to 0.1% larger than libdeflate's level 1 on photo-like RGBA; with 2^16 it
    /// is smaller on every bench file (docs/deflate.md).
    static let singleProbeHashBits = 16

    /// The bucket of the 4 bytes at `pos` (which has 4 readable bytes).
    @inline(__always)
    func hash16(_ pos: Int) -> Int {
        let v = UnsafeRawPointer(input + pos).loadUnaligned(as: UInt32.self)
        return Int(truncatingIfNeeded: (UInt32(littleEndian: v) &* 0x9E37_79B1) &>> UInt32(32 - DeflateCompressor.singleProbeHashBits))
    }

    /// Length of the match between `cand` and `pos` (whose first 4 bytes are equal), at most
    /// `maxLen` <= n - pos. Reads stay below n: `cand < pos`, and 8-byte compares run only
    /// while `len + 8 <= maxLen`.
    @inline(__always)
    func matchLength(_ cand: Int, _ pos: Int, _ maxLen: Int) -> Int {
        commonLength(UnsafeRawPointer(input), cand, pos, known: 4, maxLen: maxLen)
    }
}
