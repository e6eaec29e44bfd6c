/// Which wrapper surrounds the DEFLATE data.
public enum InflateFormat: Sendable, Hashable {
    /// RFC 1950: two header bytes, Adler-32 trailer.
    case zlib
    /// RFC 1952: gzip members, each with CRC-32 and length trailer.
    case gzip
    /// RFC 1951: bare DEFLATE blocks.
    case raw
}
