/// Adler-32 (RFC 1950 §8), the zlib stream checksum.
public enum Adler32 {
    /// The Adler-32 of `bytes`, continuing from `adler` (1 to start).
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing adler: UInt32 = 1) -> UInt32 {
        guard let base = bytes.baseAddress else { return adler }
        var a = UInt64(adler & 0xFFFF)
        var b = UInt64(adler &>> 16)
        var p = base
        var left = bytes.count
        while left >= 256 {
            let blocks = min(left &>> 8, 64)
            superBlock(p, blocks: blocks, a: &a, b: &b)
            p += blocks &<< 8
            left &-= blocks &<< 8
        }
        while left > 0 {
            a &+= UInt64(p.load(as: UInt8.self))
            b &+= a
            p += 1
            left &-= 1
        }
        return UInt32(b % 65521) &<< 16 | UInt32(a % 65521)
    }

    /// Folds `blocks` (1...64) blocks of 256 bytes into (a, b), reducing both mod 65521.
    ///
    /// Each block is 16 rows of 16 bytes read as eight 16-bit lanes, split into even and odd
    /// bytes by mask and shift (no widening conversions, which the standard library does not
    /// specialise). Per block, `sum*` hold per-lane byte sums and `pre*` the running total of
    /// `sum*` after each row, all below 2^16 (255·16 and 255·136). Byte k of row r of block t
    /// of B contributes (256·(B - t) - 16·r - k)·x to b, which regroups as
    /// 16·(16·Σ_t (B-1-t)·S_t + Σ_t P_t) - Σ k·S: the 32-bit accumulators below keep
    /// Σ S (`total`), Σ (B-1-t)·S_t (`carried`, by adding `total` before each block),
    /// Σ P (`prefix`) and Σ k·S (`weighted`). Lane sums stay far below 2^32 for 64 blocks.
    @inline(__always)
    static func superBlock(_ p: UnsafeRawPointer, blocks: Int, a: inout UInt64, b: inout UInt64) {
        let low = SIMD8<UInt16>(repeating: 0x00FF)
        let evenWeights = SIMD8<UInt16>(0, 2, 4, 6, 8, 10, 12, 14)
        let oddWeights = SIMD8<UInt16>(1, 3, 5, 7, 9, 11, 13, 15)
        let half = SIMD4<UInt32>(repeating: 0xFFFF)
        @inline(__always) func widen(_ v: SIMD8<UInt16>) -> SIMD4<UInt32> {
            let w = unsafeBitCast(v, to: SIMD4<UInt32>.self)
            return (w & half) &+ (w &>> 16)
        }
        var total = SIMD4<UInt32>(), carried = SIMD4<UInt32>()
        var prefix = SIMD4<UInt32>(), weighted = SIMD4<UInt32>()
        var q = p
        for _ in 0..<blocks {
            var sumE = SIMD8<UInt16>(), sumO = SIMD8<UInt16>()
            var preE = SIMD8<UInt16>(), preO = SIMD8<UInt16>()
            for r in 0..<16 {
                let v = q.loadUnaligned(fromByteOffset: r &* 16, as: SIMD8<UInt16>.self)
                sumE &+= v & low
                sumO &+= v &>> 8
                preE &+= sumE
                preO &+= sumO
            }
            carried &+= total
            total &+= widen(sumE) &+ widen(sumO)
            prefix &+= widen(preE) &+ widen(preO)
            // Products stay below 2^16: 4080·15.
            weighted &+= widen(sumE &* evenWeights) &+ widen(sumO &* oddWeights)
            q += 256
        }
        let n = UInt64(blocks &<< 8)
        let sumTotal = UInt64(total.wrappedSum())
        let sumCarried = UInt64(carried.wrappedSum())
        let sumPrefix = UInt64(prefix.wrappedSum())
        let sumWeighted = UInt64(weighted.wrappedSum())
        b = (b &+ n &* a &+ 16 &* (16 &* sumCarried &+ sumPrefix) &- sumWeighted) % 65521
        a = (a &+ sumTotal) % 65521
    }

    /// The Adler-32 of any byte collection, continuing from `adler`.
    public static func checksum<C: Collection<UInt8>>(_ bytes: C, continuing adler: UInt32 = 1) -> UInt32 {
        if let r = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0), continuing: adler) }) {
            return r
        }
        return Array(bytes).withUnsafeBytes { checksum($0, continuing: adler) }
    }
}
