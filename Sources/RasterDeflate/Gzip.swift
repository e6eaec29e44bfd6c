/// gzip files (RFC 1952): one or more members, each a header, DEFLATE data, CRC-32 and length.
public enum Gzip {
    /// Inflates every member and returns their outputs joined. Header fields (FEXTRA, FNAME,
    /// FCOMMENT, FHCRC) are checked and skipped; each member's CRC-32 and ISIZE are verified.
    public static func decompress<C: Collection<UInt8>>(_ data: C, outputLimit: Int = .max) throws(DeflateError) -> [UInt8] {
        try OneShot.withBytes(data) { (raw) throws(DeflateError) in
            try OneShot.inflate(raw, format: .gzip, limit: outputLimit)
        }
    }

    /// Inflates into a caller buffer, returning bytes written.
    public static func decompress(_ data: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(DeflateError) -> Int {
        try OneShot.inflate(data, format: .gzip, into: output)
    }

    /// Compresses `data` into a single gzip member at `level` 0-9 (no name, MTIME 0,
    /// OS 255) with the given match `strategy`.
    public static func compress<C: Collection<UInt8>>(_ data: C, level: Int = 6, strategy: DeflateStrategy = .default) -> [UInt8] {
        Encoder.compress(data, level: level, strategy: strategy, format: .gzip)
    }
}
