/// Parsers that turn input into literals and matches, one per level class and strategy:
/// greedy (levels 1-3), lazy (4-9), literals only, and runs.
extension DeflateCompressor {

    /// Levels 1-3 (zlib's deflate_fast): take the longest match found at each position.
    mutating func greedy(_ p: CompressionLevels.Level) {
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
    mutating func lazy(_ p: CompressionLevels.Level, minLength: Int) {
        if p.parser == .chainLazy || p.parser == .chainLazy2 {
            // `.filtered` (6-byte chains): zlib's rule, a later match wins when longer, and
            // four times the depth (zlib's 128 at level 6); no lazy search after 16+ bytes.
            let filtered = minLength >= 6
            // Cuts at every segment edge for `.filtered` (PNG rows): with every second edge
            // alpha and photo12 rows came out a few bytes larger than before issue 15.
            if filtered {
                splitStride = 1
                lazyChains(ChainHash6.self, depth: p.chain * 4, nice: max(p.nice, 128), good: 259,
                           lookTwo: p.parser == .chainLazy2, minLength: minLength)
            } else {
                lazyChains(ChainHash4.self, depth: p.chain, nice: p.nice, good: p.good,
                           lookTwo: p.parser == .chainLazy2, minLength: minLength)
            }
            return
        }
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
}
