/// Code construction for the encoder: optimal length-limited code lengths, then canonical
/// codes (RFC 1951 §3.2.2), stored bit-reversed for the LSB-first writer.
enum HuffmanCodeBuilder {
    /// Fills `lengths` with optimal code lengths of at most `maxBits` for `freqs`.
    ///
    /// A plain Huffman tree (two queues over the sorted weights, linear after the sort) is
    /// optimal whenever it respects the limit, which is nearly always; otherwise
    /// package-merge finds the optimal limited code. Fewer than two used symbols still get two
    /// one-bit codes, as inflaters expect.
    static func lengths(freqs: UnsafeBufferPointer<UInt32>, maxBits: Int, lengths: UnsafeMutableBufferPointer<UInt8>) {
        let n = min(freqs.count, lengths.count)
        for i in 0..<lengths.count { lengths[i] = 0 }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(n, 1)) { keys in
            // Sort key: weight above, symbol below, so ties keep symbol order.
            var m = 0
            for i in 0..<n where freqs[i] != 0 {
                keys[m] = UInt64(freqs[i]) << 16 | UInt64(i)
                m += 1
            }
            if m < 2 {
                let a = m == 1 ? Int(keys[0] & 0xFFFF) : 0
                lengths[a] = 1
                lengths[a == 0 ? 1 : 0] = 1
                return
            }
            var sorted = UnsafeMutableBufferPointer(rebasing: keys[0..<m])
            sorted.sort()
            if !huffman(sorted, maxBits: maxBits, lengths: lengths) {
                packageMerge(sorted, maxBits: maxBits, lengths: lengths)
            }
        }
    }

    /// Unlimited Huffman lengths; returns false (leaving `lengths` untouched) if any exceeds `maxBits`.
    private static func huffman(_ keys: UnsafeMutableBufferPointer<UInt64>, maxBits: Int,
                                lengths: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        let m = keys.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * m) { scratch in
            // scratch[0..<2m-1]: node weights, later depths; scratch[2m...]: parents.
            // Nodes 0..<m are leaves, m..<2m-1 internal; internal nodes are made in weight order,
            // so two FIFO queues (leaves, internal) always hold the two lightest at their heads.
            for i in 0..<m { scratch[i] = Int(truncatingIfNeeded: keys[i] >> 16) }
            var leaf = 0
            var internalHead = m
            var next = m
            let parentBase = 2 * m
            @inline(__always) func take() -> Int {
                if leaf < m && (internalHead >= next || scratch[leaf] <= scratch[internalHead]) {
                    leaf += 1
                    return leaf - 1
                }
                internalHead += 1
                return internalHead - 1
            }
            while next < 2 * m - 1 {
                let a = take()
                let b = take()
                scratch[next] = scratch[a] + scratch[b]
                scratch[parentBase + a] = next
                scratch[parentBase + b] = next
                next += 1
            }
            // Depths from the root down: a parent always has a larger index than its children.
            let root = 2 * m - 2
            scratch[root] = 0
            var i = root - 1
            while i >= 0 {
                scratch[i] = scratch[scratch[parentBase + i]] + 1
                i -= 1
            }
            var deepest = 0
            for k in 0..<m where scratch[k] > deepest { deepest = scratch[k] }
            if deepest > maxBits { return false }
            for k in 0..<m { lengths[Int(keys[k] & 0xFFFF)] = UInt8(truncatingIfNeeded: scratch[k]) }
            return true
        }
    }

    /// Package-merge (Larmore & Hirschberg): at each depth, the list is the leaves merged with
    /// pairs ("packages") of the list one depth deeper; the 2m-2 cheapest items of the top
    /// list decide the code, and since leaves chosen at each depth are always a prefix of the
    /// sorted leaves, counting leaves per depth gives every symbol's length.
    private static func packageMerge(_ keys: UnsafeMutableBufferPointer<UInt64>, maxBits: Int,
                                     lengths: UnsafeMutableBufferPointer<UInt8>) {
        let m = keys.count
        let keep = 2 * m - 2
        var leafW = [UInt64](repeating: 0, count: m)
        for i in 0..<m { leafW[i] = keys[i] >> 16 }
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
            for i in 0..<leaves { lengths[Int(keys[i] & 0xFFFF)] &+= 1 }
            take = 2 * (take - leaves)
        }
    }

    /// Canonical codes for `lengths`, bit-reversed so the writer can emit them LSB first.
    static func codes(lengths: UnsafeBufferPointer<UInt8>, codes: UnsafeMutableBufferPointer<UInt16>) {
        let n = min(lengths.count, codes.count)
        var count = [Int](repeating: 0, count: 16)
        for i in 0..<n { count[Int(lengths[i] & 15)] += 1 }
        count[0] = 0
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for l in 1...15 {
            code = (code + count[l - 1]) << 1
            next[l] = code
        }
        for i in 0..<n {
            let l = Int(lengths[i] & 15)
            if l == 0 { codes[i] = 0; continue }
            var c = next[l]
            next[l] += 1
            var rev = 0
            for _ in 0..<l { rev = (rev << 1) | (c & 1); c >>= 1 }
            codes[i] = UInt16(truncatingIfNeeded: rev)
        }
    }
}
