/// Raw DEFLATE data (RFC 1951) with no wrapper or checksum.
public enum Deflate {
    /// Inflates a complete raw DEFLATE stream; see `Zlib.decompress` for the limits.
    public static func decompress<C: Collection<UInt8>>(_ data: C, outputLimit: Int = .max) throws(DeflateError) -> [UInt8] {
        try OneShot.withBytes(data) { (raw) throws(DeflateError) in
            try OneShot.inflate(raw, format: .raw, limit: outputLimit)
        }
    }

    /// Inflates into a caller buffer, returning bytes written.
    public static func decompress(_ data: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(DeflateError) -> Int {
        try OneShot.inflate(data, format: .raw, into: output)
    }

    /// Compresses `data` as raw DEFLATE at `level` 0-9 with the given match `strategy`.
    public static func compress<C: Collection<UInt8>>(_ data: C, level: Int = 6, strategy: DeflateStrategy = .default) -> [UInt8] {
        Encoder.compress(data, level: level, strategy: strategy, format: .raw)
    }
}
