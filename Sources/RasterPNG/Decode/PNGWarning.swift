/// A problem the decoder recovered from: the image decoded, but something in an ancillary
/// (optional) chunk was dropped. Mirrors libpng's default "benign error" handling.
public enum PNGWarning: Hashable, Sendable, CustomStringConvertible {
    /// An ancillary chunk's CRC did not match; the chunk was ignored.
    case ancillaryCRCMismatch(chunk: String)
    /// A compressed text or ICC profile would inflate past `metadataLimit`; it was dropped.
    case metadataLimitExceeded(chunk: String)
    /// An ancillary chunk was malformed (bad length, bad keyword, corrupt zlib data); it was ignored.
    case invalidAncillaryChunk(chunk: String, reason: String)
    /// An ancillary chunk appeared where the specification does not allow it, or twice; it was ignored.
    case chunkOutOfPlace(chunk: String)
    /// Bytes follow the IEND chunk; they were ignored.
    case dataAfterIEND(count: Int)
    /// PLTE has more entries than the bit depth can index; the extra entries are unused.
    case paletteLongerThanBitDepth(entries: Int, bitDepth: Int)

    /// A sentence saying which ancillary chunk or bytes the decoder ignored and why, for logs.
    public var description: String {
        switch self {
        case let .ancillaryCRCMismatch(chunk):
            return "ignored \(chunk) chunk with a bad CRC"
        case let .metadataLimitExceeded(chunk):
            return "dropped \(chunk) chunk: its inflated size exceeds the metadata limit"
        case let .invalidAncillaryChunk(chunk, reason):
            return "ignored invalid \(chunk) chunk: \(reason)"
        case let .chunkOutOfPlace(chunk):
            return "ignored \(chunk) chunk in a position the PNG specification does not allow"
        case let .dataAfterIEND(count):
            return "ignored \(count) bytes after the IEND chunk"
        case let .paletteLongerThanBitDepth(entries, bitDepth):
            return "palette has \(entries) entries but \(bitDepth)-bit indices reach only \(1 << bitDepth)"
        }
    }
}
