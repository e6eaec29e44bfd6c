/// Code construction for the encoder: optimal length-limited code lengths by package-merge,
/// then canonical codes (RFC 1951 §3.2.2), stored bit-reversed for the LSB-first writer.
enum HuffmanEncoder {
    /// Fills `lengths[0..<n]` with optimal code lengths of at most `maxBits` for `freqs`.
    ///
    /// Package-merge (Larmore & Hirschberg): at each depth, the list is the leaves merged with
    /// pairs ("packages") of the list one depth deeper; the 2m-2 cheapest items of the top
    /// list decide the code, and since leaves chosen at each depth are always a prefix of the
    /// sorted leaves, counting leaves per depth gives every symbol's length.
    /// Fewer than two used symbols still get two one-bit codes, as inflaters expect.
    static func lengths(freqs: UnsafeBufferPointer<UInt32>, maxBits: Int, lengths: UnsafeMutableBufferPointer<UInt8>) {
        let n = min(freqs.count, lengths.count)
        for i in 0..<lengths.count { lengths[i] = 0 }
        var syms = [Int]()
        syms.reserveCapacity(n)
        for i in 0..<n where freqs[i] != 0 { syms.append(i) }
        if syms.count < 2 {
            let a = syms.first ?? 0
            lengths[a] = 1
            lengths[a == 0 ? 1 : 0] = 1
            return
        }
        syms.sort { freqs[$0] != freqs[$1] ? freqs[$0] < freqs[$1] : $0 < $1 }
        let m = syms.count
        let keep = 2 * m - 2
        var leafW = [UInt64](repeating: 0, count: m)
        for i in 0..<m { leafW[i] = UInt64(freqs[syms[i]]) }
        // leafCount[d][k]: leaves among the first k+1 items of the list at depth d (1-based d).
        var isLeaf = [Bool](repeating: false, count: (maxBits + 1) * keep)
        var prev = [UInt64]()
        var cur = [UInt64]()
        cur.reserveCapacity(keep)
        prev.reserveCapacity(keep)
        var depth = maxBits
        while depth >= 1 {
            cur.removeAll(keepingCapacity: true)
            var li = 0
            var pi = 0
            let packages = prev.count / 2
            while cur.count < keep && (li < m || pi < packages) {
                let pw: UInt64 = pi < packages ? prev[2 * pi] + prev[2 * pi + 1] : .max
                if li < m && leafW[li] <= pw {
                    isLeaf[depth * keep + cur.count] = true
                    cur.append(leafW[li])
                    li += 1
                } else {
                    isLeaf[depth * keep + cur.count] = false
                    cur.append(pw)
                    pi += 1
                }
            }
            swap(&prev, &cur)
            depth -= 1
        }
        var take = keep
        for d in 1...maxBits {
            if take == 0 { break }
            var leaves = 0
            for k in 0..<take where isLeaf[d * keep + k] { leaves += 1 }
            for i in 0..<leaves { lengths[syms[i]] &+= 1 }
            take = 2 * (take - leaves)
        }
    }

    /// Canonical codes for `lengths`, bit-reversed so the writer can emit them LSB first.
    static func codes(lengths: UnsafeBufferPointer<UInt8>, codes: UnsafeMutableBufferPointer<UInt16>) {
        let n = min(lengths.count, codes.count)
        var count = [Int](repeating: 0, count: 16)
        for i in 0..<n { count[Int(lengths[i])] += 1 }
        count[0] = 0
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for l in 1...15 {
            code = (code + count[l - 1]) << 1
            next[l] = code
        }
        for i in 0..<n {
            let l = Int(lengths[i])
            if l == 0 { codes[i] = 0; continue }
            var c = next[l]
            next[l] += 1
            var rev = 0
            for _ in 0..<l { rev = (rev << 1) | (c & 1); c >>= 1 }
            codes[i] = UInt16(truncatingIfNeeded: rev)
        }
    }
}
