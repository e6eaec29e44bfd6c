/// Adler-32 (RFC 1950 §8), the zlib stream checksum.
public enum Adler32 {
    /// The Adler-32 of `bytes`, continuing from `adler` (1 to start).
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing adler: UInt32 = 1) -> UInt32 {
        guard let base = bytes.baseAddress else { return adler }
        var a = UInt64(adler & 0xFFFF)
        var b = UInt64(adler &>> 16)
        var p = base
        var left = bytes.count
        // 256-byte blocks in 16 lanes. Within a block, `lanes` holds per-lane byte sums and
        // `prefix` the running total of `lanes` after each 16-byte row, all fitting 16 bits
        // (at most 255·16 and 255·136). Byte i of row r contributes (256 - 16r - i)·x to b,
        // which is 16·Σprefix - Σ i·lanes[i] summed over the block.
        let weights = SIMD16<UInt32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        while left >= 256 {
            var lanes = SIMD16<UInt16>()
            var prefix = SIMD16<UInt16>()
            for r in 0..<16 {
                let row = p.loadUnaligned(fromByteOffset: r &* 16, as: SIMD16<UInt8>.self)
                lanes &+= SIMD16<UInt16>(truncatingIfNeeded: row)
                prefix &+= lanes
            }
            let lanes32 = SIMD16<UInt32>(truncatingIfNeeded: lanes)
            let sumX = UInt64(lanes32.wrappedSum())
            let sumPrefix = UInt64(SIMD16<UInt32>(truncatingIfNeeded: prefix).wrappedSum())
            let sumIX = UInt64((lanes32 &* weights).wrappedSum())
            b = (b &+ 256 &* a &+ 16 &* sumPrefix &- sumIX) % 65521
            a = (a &+ sumX) % 65521
            p += 256
            left &-= 256
        }
        while left > 0 {
            a &+= UInt64(p.load(as: UInt8.self))
            b &+= a
            p += 1
            left &-= 1
        }
        return UInt32(b % 65521) &<< 16 | UInt32(a % 65521)
    }

    /// The Adler-32 of any byte collection, continuing from `adler`.
    public static func checksum<C: Collection<UInt8>>(_ bytes: C, continuing adler: UInt32 = 1) -> UInt32 {
        if let r = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0), continuing: adler) }) {
            return r
        }
        return Array(bytes).withUnsafeBytes { checksum($0, continuing: adler) }
    }
}
