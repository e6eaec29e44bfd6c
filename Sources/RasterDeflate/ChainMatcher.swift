/// The match finder and lazy parsers of levels 4-9 (issue 15): chains over a 4-byte hash, a
/// separate one-entry table for 3-byte matches, and a lazy parser that looks one (levels 4-7)
/// or two (levels 8-9) positions ahead and weighs a longer match against a farther one.
///
/// The idea follows libdeflate's hash-chain match finder (its `hc_matchfinder`): chains that
/// share 4 bytes hold far fewer dead ends than zlib's 3-byte chains, so a short chain limit
/// (35 at level 6 against zlib's 128) finds nearly the same matches; 3-byte matches, which pay
/// only when near, come from the one most recent position with the same 3 bytes.
///
/// Tables, in `head` (allocated with 2 << 16 slots): `head[0 ..< 2^16]` the 4-byte hash heads,
/// `head[2^16 ..< 2^16 + 2^15]` the 3-byte table; both hold absolute positions or -1. Chain
/// links are `prev`'s 16-bit distances (0: end of chain).
extension DeflateCompressor {

    /// Bits of the 4-byte chain hash.
    static let chainHashBits = 16
    /// Bits of the 3-byte one-entry hash.
    static let hash3Bits = 15

    /// Prepares `head`'s slots for `lazyChains` (all -1).
    func resetChainTables() {
        head.update(repeating: -1, count: (1 << DeflateCompressor.chainHashBits) + (1 << DeflateCompressor.hash3Bits))
    }

    @inline(__always)
    func chainHash4(_ v: UInt32) -> Int {
        Int(truncatingIfNeeded: (v &* 0x1E35_A7BD) &>> UInt32(32 - DeflateCompressor.chainHashBits))
    }

    @inline(__always)
    func chainHash3(_ v: UInt32) -> Int {
        Int(truncatingIfNeeded: ((v & 0xFF_FFFF) &* 0x9E37_79B1) &>> UInt32(32 - DeflateCompressor.hash3Bits))
    }

    /// Links `pos` (which has 4 readable bytes: `pos + 4 <= n`) into the 4-byte chain and the
    /// 3-byte table without searching.
    @inline(__always)
    func chainInsert(_ pos: Int) {
        let v = UInt32(littleEndian: UnsafeRawPointer(input + pos).loadUnaligned(as: UInt32.self))
        let h4 = chainHash4(v)
        let old = Int(head[h4])
        head[h4] = Int32(truncatingIfNeeded: pos)
        let delta = pos &- old
        prev[pos & DeflateCompressor.windowMask] = old >= 0 && delta < DeflateCompressor.windowSize
            ? UInt16(truncatingIfNeeded: delta) : 0
        head[(1 << DeflateCompressor.chainHashBits) &+ chainHash3(v)] = Int32(truncatingIfNeeded: pos)
    }

    /// Length of the match of `cand` against `pos` whose first `known` bytes are equal, at most
    /// `maxLen` (<= n - pos). Reads stay below n: `cand < pos`, and 8-byte compares run only
    /// while `len + 8 <= maxLen`.
    @inline(__always)
    func extendMatch(_ cand: Int, _ pos: Int, _ known: Int, _ maxLen: Int) -> Int {
        let base = UnsafeRawPointer(input)
        var len = known
        while len &+ 8 <= maxLen {
            let x = base.loadUnaligned(fromByteOffset: cand &+ len, as: UInt64.self)
                ^ base.loadUnaligned(fromByteOffset: pos &+ len, as: UInt64.self)
            if x != 0 { return len &+ (UInt64(littleEndian: x).trailingZeroBitCount &>> 3) }
            len &+= 8
        }
        while len < maxLen
            && base.load(fromByteOffset: cand &+ len, as: UInt8.self) == base.load(fromByteOffset: pos &+ len, as: UInt8.self) {
            len &+= 1
        }
        return len
    }

    /// Inserts `pos` (`pos + 4 <= n`) and returns the longest match longer than `startBest`
    /// (at most `nice`, which the caller keeps <= n - pos, and 258) among at most `depth`
    /// chain candidates, or (startBest, 0). With `use3` a 3-byte match may come from the
    /// one-entry table when `startBest < 3`.
    ///
    /// Reads: every candidate is an earlier position, so `cand + k < pos + k`; the 4-byte
    /// compare at `best - 3` reads up to `pos + best + 1`, and runs only while
    /// `best < maxLen <= n - pos`, so it stays below n.
    @inline(__always)
    func chainFind(_ pos: Int, best startBest: Int, depth: Int, nice: Int, use3: Bool) -> (Int, Int) {
        let base = UnsafeRawPointer(input)
        let seq4 = base.loadUnaligned(fromByteOffset: pos, as: UInt32.self)
        let v = UInt32(littleEndian: seq4)
        let h4 = chainHash4(v)
        var cand = Int(head[h4])
        head[h4] = Int32(truncatingIfNeeded: pos)
        // A candidate is usable when it lies inside the window: cand > limit (and not -1).
        let limit = pos &- DeflateCompressor.windowSize
        prev[pos & DeflateCompressor.windowMask] = cand > limit && cand >= 0
            ? UInt16(truncatingIfNeeded: pos &- cand) : 0
        let h3 = (1 << DeflateCompressor.chainHashBits) &+ chainHash3(v)
        let c3 = Int(head[h3])
        head[h3] = Int32(truncatingIfNeeded: pos)

        let maxLen = min(258, n &- pos)
        var best = startBest
        var bestDist = 0
        if best >= maxLen { return (best, 0) }
        let niceLen = min(nice, maxLen)
        var depthLeft = depth
        if best < 4 {
            if use3 && best < 3 && c3 > limit && c3 >= 0
                && base.loadUnaligned(fromByteOffset: c3, as: UInt32.self) & UInt32(littleEndian: 0xFF_FFFF)
                    == seq4 & UInt32(littleEndian: 0xFF_FFFF) {
                best = 3
                bestDist = pos &- c3
            }
            // The first candidate sharing 4 bytes.
            while true {
                if cand <= limit || cand < 0 { return (best, bestDist) }
                if base.loadUnaligned(fromByteOffset: cand, as: UInt32.self) == seq4 { break }
                depthLeft &-= 1
                if depthLeft == 0 { return (best, bestDist) }
                let d = Int(prev[cand & DeflateCompressor.windowMask])
                if d == 0 { return (best, bestDist) }
                cand &-= d
            }
            best = extendMatch(cand, pos, 4, maxLen)
            bestDist = pos &- cand
            if best >= niceLen { return (best, bestDist) }
            depthLeft &-= 1
            if depthLeft == 0 { return (best, bestDist) }
            let d = Int(prev[cand & DeflateCompressor.windowMask])
            if d == 0 { return (best, bestDist) }
            cand &-= d
        } else if best >= niceLen {
            return (best, 0)
        }
        // Longer than 4: a candidate is extended only when the 4 bytes ending one past the
        // current best and its first 4 bytes both agree.
        while cand > limit && cand >= 0 {
            if base.loadUnaligned(fromByteOffset: cand &+ best &- 3, as: UInt32.self)
                == base.loadUnaligned(fromByteOffset: pos &+ best &- 3, as: UInt32.self)
                && base.loadUnaligned(fromByteOffset: cand, as: UInt32.self) == seq4 {
                let len = extendMatch(cand, pos, 4, maxLen)
                if len > best {
                    best = len
                    bestDist = pos &- cand
                    if len >= niceLen { break }
                }
            }
            depthLeft &-= 1
            if depthLeft == 0 { break }
            let d = Int(prev[cand & DeflateCompressor.windowMask])
            if d == 0 { break }
            cand &-= d
        }
        return (best, bestDist)
    }

    /// Inserts positions `from ..< to` (those with 4 readable bytes).
    @inline(__always)
    func chainSkip(_ from: Int, _ to: Int) {
        var q = from
        let stop = min(to, n &- 3)
        while q < stop { chainInsert(q); q &+= 1 }
    }

    /// Whether a match (`len`, `dist`) found one position later beats the current one:
    /// 4 per extra byte against the difference in distance bits, over `threshold`.
    @inline(__always)
    static func betterLater(_ curLen: Int, _ curDist: Int, _ len: Int, _ dist: Int, _ threshold: Int) -> Bool {
        let curBits = Int.bitWidth &- 1 &- curDist.leadingZeroBitCount
        let bits = Int.bitWidth &- 1 &- dist.leadingZeroBitCount
        return 4 &* (len &- curLen) &+ (curBits &- bits) > threshold
    }

    /// Levels 4-9: lazy matching over the 4-byte chains. At each match, the next position
    /// (and with `lookTwo` the one after) is searched with half (a quarter) the depth, and a
    /// later match replaces the current one when `betterLater` says so. Matches shorter
    /// than `minLength` (6 for `.filtered`) count as none; a 3-byte match farther than
    /// 8192 too.
    mutating func lazyChains(depth: Int, nice: Int, lookTwo: Bool, minLength: Int) {
        resetChainTables()
        let use3 = minLength <= 3
        var pos = 0
        // Positions with 4 readable bytes can be searched.
        let lastSearch = n &- 4
        while pos <= lastSearch {
            var (curLen, curDist) = chainFind(pos, best: minLength &- 1, depth: depth, nice: nice, use3: use3)
            if curDist == 0 || (curLen == 3 && curDist > 8192) {
                emitLiteral(input[pos], at: pos)
                pos &+= 1
                continue
            }
            // The current match starts at `start`; `pos` is the next position to search.
            var start = pos
            pos &+= 1
            while true {
                if curLen >= nice || pos > lastSearch {
                    break
                }
                let (l1, d1) = chainFind(pos, best: curLen &- 1, depth: depth &>> 1, nice: nice, use3: use3)
                pos &+= 1
                if d1 != 0 && DeflateCompressor.betterLater(curLen, curDist, l1, d1, 2) {
                    emitLiteral(input[start], at: start)
                    start &+= 1
                    curLen = l1
                    curDist = d1
                    continue
                }
                if lookTwo && pos <= lastSearch && curLen > 2 {
                    let (l2, d2) = chainFind(pos, best: curLen &- 1, depth: max(depth &>> 2, 1), nice: nice, use3: use3)
                    pos &+= 1
                    if d2 != 0 && DeflateCompressor.betterLater(curLen, curDist, l2, d2, 6) {
                        emitLiteral(input[start], at: start)
                        emitLiteral(input[start &+ 1], at: start &+ 1)
                        start &+= 2
                        curLen = l2
                        curDist = d2
                        continue
                    }
                }
                break
            }
            emitMatch(curLen, curDist, at: start)
            let end = start &+ curLen
            chainSkip(pos, end)
            pos = end
        }
        while pos < n {
            emitLiteral(input[pos], at: pos)
            pos &+= 1
        }
    }
}
