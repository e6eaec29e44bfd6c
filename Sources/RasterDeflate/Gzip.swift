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
    ///
    /// Match copies run in 8-byte words and may change up to 37 bytes of `output` after the
    /// returned count (never outside `output`); the bytes from count + 37 on are untouched.
    public static func decompress(_ data: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(DeflateError) -> Int {
        try OneShot.inflate(data, format: .gzip, into: output)
    }

    /// Compresses `data` into a single gzip member (no name, MTIME 0, OS 255) at `level` 0 (stored) to 9 (smallest), as the level table
    /// in `CompressionLevels.swift` says; `strategy` tunes the match search for the kind of data
    /// (`.filtered` for PNG scanlines). A level outside 0...9 throws `invalidLevel`.
    public static func compress<C: Collection<UInt8>>(_ data: C, level: Int,
                                                      strategy: DeflateStrategy = .default) throws(DeflateEncodeError) -> [UInt8] {
        guard (0...9).contains(level) else { throw .invalidLevel(level) }
        return FramedCompressor.compress(data, level: level, strategy: strategy, format: .gzip)
    }

    /// Compresses `data` at the default level 6, which cannot fail.
    public static func compress<C: Collection<UInt8>>(_ data: C, strategy: DeflateStrategy = .default) -> [UInt8] {
        FramedCompressor.compress(data, level: 6, strategy: strategy, format: .gzip)
    }
}
