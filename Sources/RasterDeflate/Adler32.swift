/// Adler-32 (RFC 1950 §8), the zlib stream checksum.
public enum Adler32 {
    /// Largest n with 255·n·(n+1)/2 + (n+1)·(65520) < 2^32: how many bytes the sums can take
    /// before a modulo is due (zlib's NMAX).
    static let nmax = 5552

    /// The Adler-32 of `bytes`, continuing from `adler` (1 to start).
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing adler: UInt32 = 1) -> UInt32 {
        var a = adler & 0xFFFF
        var b = adler &>> 16
        guard let base = bytes.baseAddress else { return adler }
        var p = base
        var left = bytes.count
        while left > 0 {
            var n = min(left, nmax)
            left &-= n
            while n >= 8 {
                // Eight rounds written out: b picks up a after each byte.
                a &+= UInt32(p.load(as: UInt8.self)); b &+= a
                a &+= UInt32(p.load(fromByteOffset: 1, as: UInt8.self)); b &+= a
                a &+= UInt32(p.load(fromByteOffset: 2, as: UInt8.self)); b &+= a
                a &+= UInt32(p.load(fromByteOffset: 3, as: UInt8.self)); b &+= a
                a &+= UInt32(p.load(fromByteOffset: 4, as: UInt8.self)); b &+= a
                a &+= UInt32(p.load(fromByteOffset: 5, as: UInt8.self)); b &+= a
                a &+= UInt32(p.load(fromByteOffset: 6, as: UInt8.self)); b &+= a
                a &+= UInt32(p.load(fromByteOffset: 7, as: UInt8.self)); b &+= a
                p += 8
                n &-= 8
            }
            while n > 0 {
                a &+= UInt32(p.load(as: UInt8.self)); b &+= a
                p += 1
                n &-= 1
            }
            a %= 65521
            b %= 65521
        }
        return (b &<< 16) | a
    }

    /// The Adler-32 of any byte collection, continuing from `adler`.
    public static func checksum<C: Collection<UInt8>>(_ bytes: C, continuing adler: UInt32 = 1) -> UInt32 {
        if let r = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0), continuing: adler) }) {
            return r
        }
        return Array(bytes).withUnsafeBytes { checksum($0, continuing: adler) }
    }
}
