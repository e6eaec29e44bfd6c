/// zlib streams (RFC 1950): a two-byte header, DEFLATE data, an Adler-32 trailer.
public enum Zlib {
    /// Inflates a complete zlib stream. Throws `outputLimitExceeded` as soon as the output
    /// would pass `outputLimit` bytes, and `trailingData` if bytes follow the stream.
    public static func decompress<C: Collection<UInt8>>(_ data: C, outputLimit: Int = .max) throws(DeflateError) -> [UInt8] {
        try OneShot.withBytes(data) { (raw) throws(DeflateError) in
            try OneShot.inflate(raw, format: .zlib, limit: outputLimit)
        }
    }

    /// Inflates into a caller buffer (PNG knows the exact size). Returns bytes written; throws
    /// `outputLimitExceeded` if the stream has more than `output.count` bytes.
    ///
    /// Match copies run in 8-byte words and may change up to 37 bytes of `output` after the
    /// returned count (never outside `output`); the bytes from count + 37 on are untouched.
    public static func decompress(_ data: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(DeflateError) -> Int {
        try OneShot.inflate(data, format: .zlib, into: output)
    }

    /// Compresses `data` into a zlib stream at `level` 0 (stored) to 9 (smallest), as the level table
    /// in `CompressionLevels.swift` says; `strategy` tunes the match search for the kind of data
    /// (`.filtered` for PNG scanlines). A level outside 0...9 throws `invalidLevel`.
    public static func compress<C: Collection<UInt8>>(_ data: C, level: Int,
                                                      strategy: DeflateStrategy = .default) throws(DeflateEncodeError) -> [UInt8] {
        guard (0...9).contains(level) else { throw .invalidLevel(level) }
        return FramedCompressor.compress(data, level: level, strategy: strategy, format: .zlib)
    }

    /// Compresses `data` at the default level 6, which cannot fail.
    public static func compress<C: Collection<UInt8>>(_ data: C, strategy: DeflateStrategy = .default) -> [UInt8] {
        FramedCompressor.compress(data, level: 6, strategy: strategy, format: .zlib)
    }
}
