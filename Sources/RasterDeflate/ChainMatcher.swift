/// The match finder and lazy parsers of levels 4-9 (issue 15): chains over a 4-byte hash, a
/// separate one-entry table for 3-byte matches, and a lazy parser that looks one position
/// ahead (two if asked) and weighs a longer match against a farther one.
///
/// The idea follows libdeflate's hash-chain match finder (its `hc_matchfinder`): chains that
/// share 4 bytes hold far fewer dead ends than zlib's 3-byte chains, so a short chain limit
/// (100 at level 6, cut to a quarter after a 16-byte match) does less work than zlib's 128 and
/// finds nearly the same matches; 3-byte matches, which pay
/// only when near, come from the one most recent position with the same 3 bytes.
///
/// Tables, in `head` (allocated with 2 << 16 slots): `head[0 ..< 2^16]` the 4-byte hash heads,
/// `head[2^16 ..< 2^16 + 2^15]` the 3-byte table; both hold absolute positions or `empty`.
/// Chain links are `prev`'s 16-bit distances, clamped to 32768 (out of the window).
///
/// Why one compare `cand > pos - 32768` suffices on every candidate: `empty` (Int32.min) is
/// below every limit; a link is written only for an inserted position and is overwritten only
/// by the position 32768 (or a multiple) later, which is out of reach while the candidate
/// itself is inside the window; so every in-window candidate's link is its own, at least 1,
/// and a clamped link leads out of the window. Positions past 2^31 truncate to negative or
/// small values, which fail the compare: such inputs compress without matches, never wrongly.
/// The tables and input of one `lazyChains` run, held in a local value so the hot loops keep
/// the pointers in registers (stores through `head`/`prev` could otherwise alias the
/// compressor's own fields and force reloads after each one).
/// Which chain hash a `ChainFinder` uses, fixed at compile time so the hot loops carry no
/// test for it.
protocol ChainHashWidth {
    /// 6-byte hashes (one 8-byte load) instead of 4-byte ones.
    static var wide: Bool { get }
}

/// 4-byte chain hashes (the default strategy).
enum ChainHash4: ChainHashWidth {
    static var wide: Bool { false }
}

/// 6-byte chain hashes (`.filtered`).
enum ChainHash6: ChainHashWidth {
    static var wide: Bool { true }
}

struct ChainFinder<Width: ChainHashWidth> {
    /// Bits of the 4-byte chain hash.
    static var hash4Bits: Int { 16 }
    /// Bits of the 3-byte one-entry hash.
    static var hash3Bits: Int { 15 }
    /// Slots the two tables need (`head` has 2 << 16).
    static var slots: Int { (1 << hash4Bits) + (1 << hash3Bits) }
    /// The empty table slot: below every window limit.
    static var empty: Int32 { Int32.min }

    let input: UnsafePointer<UInt8>
    let n: Int
    let head4: UnsafeMutablePointer<Int32>
    let head3: UnsafeMutablePointer<Int32>
    let prev: UnsafeMutablePointer<UInt16>
    /// Chains over 6-byte hashes instead of 4 (for `.filtered`, where only matches of 6+
    /// count): every chain candidate then shares 6 bytes but for hash collisions, so the
    /// depth limit is spent on candidates that can match.
    var wide: Bool { Width.wide }
    /// Readable bytes a hashed position needs: 4, or 8 when `wide` (one 8-byte load).
    var need: Int { Width.wide ? 8 : 4 }
    /// A match this long cuts the rest of the search to a quarter of the depth (zlib's
    /// `good`; 259: never).
    var good = 259

    /// Takes `head`'s first `slots` slots (setting them to `empty`) and `prev`.
    init(input: UnsafePointer<UInt8>, n: Int, head: UnsafeMutablePointer<Int32>, prev: UnsafeMutablePointer<UInt16>) {
        self.input = input
        self.n = n
        head.update(repeating: ChainFinder.empty, count: ChainFinder.slots)
        head4 = head
        head3 = head + (1 << ChainFinder.hash4Bits)
        self.prev = prev
    }

    @inline(__always)
    static func hash4(_ v: UInt32) -> Int {
        Int(truncatingIfNeeded: (v &* 0x1E35_A7BD) &>> UInt32(32 - hash4Bits))
    }

    /// The chain hash of the position `p` (`p + need <= n`): its first 4 bytes `v`, or 6.
    @inline(__always)
    func chainHash(_ p: Int, _ v: UInt32) -> Int {
        if wide {
            let w = UInt64(littleEndian: UnsafeRawPointer(input + p).loadUnaligned(as: UInt64.self)) & 0xFFFF_FFFF_FFFF
            return Int(truncatingIfNeeded: (w &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(64 - ChainFinder.hash4Bits))
        }
        return ChainFinder.hash4(v)
    }

    @inline(__always)
    static func hash3(_ v: UInt32) -> Int {
        Int(truncatingIfNeeded: ((v & 0xFF_FFFF) &* 0x9E37_79B1) &>> UInt32(32 - hash3Bits))
    }

    /// Links `pos` (which has `need` readable bytes) into the chain and the 3-byte table
    /// without searching.
    @inline(__always)
    func insert(_ pos: Int) {
        let v = UInt32(littleEndian: UnsafeRawPointer(input + pos).loadUnaligned(as: UInt32.self))
        let h4 = chainHash(pos, v)
        let old = Int(head4[h4])
        head4[h4] = Int32(truncatingIfNeeded: pos)
        prev[pos & DeflateCompressor.windowMask] = UInt16(truncatingIfNeeded: min(pos &- old, DeflateCompressor.windowSize))
        head3[ChainFinder.hash3(v)] = Int32(truncatingIfNeeded: pos)
    }

    /// Inserts positions `from ..< to` (those with `need` readable bytes).
    @inline(__always)
    func skip(_ from: Int, _ to: Int) {
        var q = from
        let stop = min(to, n &- need &+ 1)
        while q < stop { insert(q); q &+= 1 }
    }

    /// Length of the match of `cand` against `pos` whose first `known` bytes are equal, at most
    /// `maxLen` (<= n - pos). Reads stay below n: `cand < pos`, and 8-byte compares run only
    /// while `len + 8 <= maxLen`.
    @inline(__always)
    func extend(_ cand: Int, _ pos: Int, _ known: Int, _ maxLen: Int) -> Int {
        commonLength(UnsafeRawPointer(input), cand, pos, known: known, maxLen: maxLen)
    }

    /// The next position's table heads, loaded before the current position's search so their
    /// cache misses overlap it (libdeflate prefetches its buckets the same way). Valid only for
    /// `pos`: positions inserted in between (`skip`) move the search past `pos`.
    struct Ahead {
        var pos = -1
        var h4 = 0
        var c4 = 0
        var h3 = 0
        var c3 = 0
    }

    /// Inserts `pos` (`pos + need <= n`) and returns the longest match longer than `startBest`
    /// (at most `nice` and 258) among at most `depth` chain candidates, or (startBest, 0).
    /// With `use3` a 3-byte match may come from the one-entry table when `startBest < 3`.
    ///
    /// Reads: every candidate is an earlier position, so `cand + k < pos + k`; the 4-byte
    /// compare at `best - 3` reads up to `pos + best + 1`, and runs only while
    /// `best < maxLen <= n - pos`, so it stays below n.
    @inline(__always)
    func find(_ pos: Int, best startBest: Int, depth: Int, nice: Int, use3: Bool, _ ahead: inout Ahead) -> (Int, Int) {
        let base = UnsafeRawPointer(input)
        let seq4 = base.loadUnaligned(fromByteOffset: pos, as: UInt32.self)
        var h4: Int
        var h3: Int
        var cand: Int
        let c3: Int
        if ahead.pos == pos {
            h4 = ahead.h4
            h3 = ahead.h3
            cand = ahead.c4
            c3 = ahead.c3
        } else {
            let v = UInt32(littleEndian: seq4)
            h4 = chainHash(pos, v)
            h3 = ChainFinder.hash3(v)
            cand = Int(head4[h4])
            c3 = Int(head3[h3])
        }
        head4[h4] = Int32(truncatingIfNeeded: pos)
        head3[h3] = Int32(truncatingIfNeeded: pos)
        // A candidate is usable when it lies inside the window: cand > limit.
        let limit = pos &- DeflateCompressor.windowSize
        prev[pos & DeflateCompressor.windowMask] = UInt16(truncatingIfNeeded: min(pos &- cand, DeflateCompressor.windowSize))
        // The next position's heads, read after this position's stores (so a shared bucket
        // reads `pos`); it needs 4 readable bytes at pos + 1.
        if pos &+ 1 &+ need <= n {
            let v1 = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: pos &+ 1, as: UInt32.self))
            h4 = chainHash(pos &+ 1, v1)
            h3 = ChainFinder.hash3(v1)
            ahead.h4 = h4
            ahead.h3 = h3
            ahead.c4 = Int(head4[h4])
            ahead.c3 = Int(head3[h3])
            ahead.pos = pos &+ 1
        }

        let maxLen = min(258, n &- pos)
        var best = startBest
        var bestDist = 0
        if best >= maxLen { return (best, 0) }
        let niceLen = min(nice, maxLen)
        var depthLeft = depth
        if best >= good { depthLeft = (depth &>> 2) &+ 1 }
        if best < 4 {
            // Only a 3-byte match within 8192 is any use (`lazyChains` takes a farther one for
            // a literal, and a later one never beats a nearer current match with it), so a
            // farther candidate's bytes are not even loaded: same output, one cache miss less.
            if use3 && best < 3 && c3 > pos &- 8193
                && base.loadUnaligned(fromByteOffset: c3, as: UInt32.self) & UInt32(littleEndian: 0xFF_FFFF)
                    == seq4 & UInt32(littleEndian: 0xFF_FFFF) {
                best = 3
                bestDist = pos &- c3
            }
            // The first candidate sharing 4 bytes.
            while true {
                if cand <= limit { return (best, bestDist) }
                if base.loadUnaligned(fromByteOffset: cand, as: UInt32.self) == seq4 { break }
                depthLeft &-= 1
                if depthLeft == 0 { return (best, bestDist) }
                cand &-= Int(prev[cand & DeflateCompressor.windowMask])
            }
            best = extend(cand, pos, 4, maxLen)
            bestDist = pos &- cand
            if best >= niceLen { return (best, bestDist) }
            if best >= good { depthLeft = min(depthLeft, (depth &>> 2) &+ 1) }
            depthLeft &-= 1
            if depthLeft == 0 { return (best, bestDist) }
            cand &-= Int(prev[cand & DeflateCompressor.windowMask])
        } else if best >= niceLen {
            return (best, 0)
        }
        // Longer than 4: a candidate is extended only when the 4 bytes ending one past the
        // current best and its first 4 bytes both agree.
        while cand > limit {
            if base.loadUnaligned(fromByteOffset: cand &+ best &- 3, as: UInt32.self)
                == base.loadUnaligned(fromByteOffset: pos &+ best &- 3, as: UInt32.self)
                && base.loadUnaligned(fromByteOffset: cand, as: UInt32.self) == seq4 {
                let len = extend(cand, pos, 4, maxLen)
                if len > best {
                    best = len
                    bestDist = pos &- cand
                    if len >= niceLen { break }
                    if len >= good { depthLeft = min(depthLeft, (depth &>> 2) &+ 1) }
                }
            }
            depthLeft &-= 1
            if depthLeft == 0 { break }
            cand &-= Int(prev[cand & DeflateCompressor.windowMask])
        }
        return (best, bestDist)
    }

    /// Whether a match (`len`, `dist`) found one position later beats the current one:
    /// 4 per extra byte against the difference in distance bits, over `threshold`.
    @inline(__always)
    static func betterLater(_ curLen: Int, _ curDist: Int, _ len: Int, _ dist: Int, _ threshold: Int) -> Bool {
        let curBits = Int.bitWidth &- 1 &- curDist.leadingZeroBitCount
        let bits = Int.bitWidth &- 1 &- dist.leadingZeroBitCount
        return 4 &* (len &- curLen) &+ (curBits &- bits) > threshold
    }
}

extension DeflateCompressor {
    /// Levels 6-9: lazy matching over the 4-byte chains. At each match, the next position
    /// (and with `lookTwo` the one after) is searched with half (a quarter) the depth, and a
    /// later match replaces the current one when `betterLater` says so. Matches shorter
    /// than `minLength` (6 for `.filtered`) count as none; a 3-byte match farther than
    /// 8192 too.
    mutating func lazyChains<Width: ChainHashWidth>(_: Width.Type, depth: Int, nice: Int, good: Int, lookTwo: Bool,
                                                    minLength: Int) {
        var f = ChainFinder<Width>(input: input, n: n, head: head, prev: prev)
        f.good = good
        let input = self.input
        let n = self.n
        let use3 = minLength <= 3
        var ahead = ChainFinder<Width>.Ahead()
        var pos = 0
        // Positions with `need` readable bytes can be searched.
        let lastSearch = n &- f.need
        while pos <= lastSearch {
            var (curLen, curDist) = f.find(pos, best: minLength &- 1, depth: depth, nice: nice, use3: use3, &ahead)
            if curDist == 0 || (curLen == 3 && curDist > 8192) {
                emitLiteral(input[pos], at: pos)
                pos &+= 1
                continue
            }
            // The current match starts at `start`; `pos` is the next position to search.
            var start = pos
            pos &+= 1
            while true {
                if curLen >= nice || pos > lastSearch || (f.wide && curLen >= 16) {
                    break
                }
                let (l1, d1) = f.find(pos, best: curLen &- 1, depth: f.wide ? (curLen >= 8 ? depth &>> 2 : depth) : depth &>> 1,
                                      nice: nice, use3: use3, &ahead)
                pos &+= 1
                if d1 != 0 && (f.wide ? l1 > curLen : ChainFinder<Width>.betterLater(curLen, curDist, l1, d1, 2)) {
                    emitLiteral(input[start], at: start)
                    start &+= 1
                    curLen = l1
                    curDist = d1
                    continue
                }
                if lookTwo && pos <= lastSearch {
                    let (l2, d2) = f.find(pos, best: curLen &- 1, depth: max(depth &>> 2, 1), nice: nice, use3: use3, &ahead)
                    pos &+= 1
                    if d2 != 0 && ChainFinder<Width>.betterLater(curLen, curDist, l2, d2, 6) {
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
            f.skip(pos, end)
            pos = end
        }
        while pos < n {
            emitLiteral(input[pos], at: pos)
            pos &+= 1
        }
    }
}
