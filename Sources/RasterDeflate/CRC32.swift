/// CRC-32 (ISO 3309 / ITU-T V.42, polynomial 0xEDB88320 reflected), as used by gzip and PNG.
public enum CRC32 {
    /// Eight 256-entry tables for slicing-by-8: table k maps a byte to its CRC contribution
    /// k bytes further along the stream, so eight bytes fold in with eight independent lookups.
    @usableFromInline
    static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = (c & 1) != 0 ? (0xEDB8_8320 ^ (c >> 1)) : (c >> 1) }
            t[n] = c
        }
        for n in 0..<256 {
            var c = t[n]
            for k in 1..<8 {
                c = t[Int(c & 0xFF)] ^ (c >> 8)
                t[k * 256 + n] = c
            }
        }
        return t
    }()

    /// The CRC of `bytes`, continuing from a previous result `crc` (0 to start).
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return crc }
        return tables.withUnsafeBufferPointer { tp -> UInt32 in
            guard let t = tp.baseAddress else { return crc }
            return update(t, ~crc, base, bytes.count) ^ 0xFFFF_FFFF
        }
    }

    /// The CRC of any byte collection, continuing from `crc`.
    public static func checksum<C: Collection<UInt8>>(_ bytes: C, continuing crc: UInt32 = 0) -> UInt32 {
        if let r = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0), continuing: crc) }) {
            return r
        }
        return Array(bytes).withUnsafeBytes { checksum($0, continuing: crc) }
    }

    /// Slicing-by-8 over the inverted running value `c`.
    @inline(__always)
    static func update(_ t: UnsafePointer<UInt32>, _ start: UInt32, _ base: UnsafeRawPointer, _ count: Int) -> UInt32 {
        var c = start
        var p = base
        var n = count
        while n >= 8 {
            let lo = UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)) ^ c
            let hi = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            c = t[1792 &+ Int(lo & 0xFF)] ^ t[1536 &+ Int((lo &>> 8) & 0xFF)]
                ^ t[1280 &+ Int((lo &>> 16) & 0xFF)] ^ t[1024 &+ Int(lo &>> 24)]
                ^ t[768 &+ Int(hi & 0xFF)] ^ t[512 &+ Int((hi &>> 8) & 0xFF)]
                ^ t[256 &+ Int((hi &>> 16) & 0xFF)] ^ t[Int(hi &>> 24)]
            p += 8
            n &-= 8
        }
        while n > 0 {
            c = t[Int((c ^ UInt32(p.load(as: UInt8.self))) & 0xFF)] ^ (c &>> 8)
            p += 1
            n &-= 1
        }
        return c
    }
}
