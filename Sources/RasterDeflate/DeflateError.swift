/// Everything that can go wrong while reading a zlib, gzip or raw DEFLATE stream.
public enum DeflateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input ended before the stream did.
    case truncated
    /// A zlib CMF/FLG pair or a gzip magic/method/flags field is wrong; the text says which.
    case invalidHeader(String)
    /// The zlib header asks for a preset dictionary (FDICT), which this decoder does not take.
    case presetDictionaryUnsupported
    /// A block header names the reserved block type 3 (RFC 1951 §3.2.3).
    case invalidBlockType
    /// A stored block's NLEN is not the one's complement of LEN (RFC 1951 §3.2.4).
    case storedLengthMismatch
    /// A dynamic block's code lengths are over-subscribed, incomplete, repeat nothing or run past the end.
    case invalidCodeLengths
    /// A bit pattern decodes to no symbol, or to a reserved symbol (literal/length 286-287, distance 30-31).
    case invalidCode
    /// A match reaches further back than the output produced so far.
    case distanceTooFar
    /// The trailer checksum (Adler-32 for zlib, CRC-32 for gzip) differs from that of the output.
    case checksumMismatch(expected: UInt32, actual: UInt32)
    /// A gzip member's ISIZE differs from its decompressed length modulo 2^32.
    case lengthMismatch
    /// The output would grow past the caller's limit; decoding stopped there.
    case outputLimitExceeded(limit: Int)
    /// Bytes follow the end of the stream.
    case trailingData

    /// A sentence saying what is wrong with the compressed stream, for logs and error responses.
    public var description: String {
        switch self {
        case .truncated: return "compressed data ends before the end of the stream"
        case let .invalidHeader(what): return "invalid stream header: \(what)"
        case .presetDictionaryUnsupported: return "zlib stream needs a preset dictionary, which is not supported"
        case .invalidBlockType: return "invalid DEFLATE block type 3"
        case .storedLengthMismatch: return "stored block length does not match its complement"
        case .invalidCodeLengths: return "invalid Huffman code lengths in a dynamic block"
        case .invalidCode: return "invalid Huffman code in compressed data"
        case .distanceTooFar: return "match distance reaches before the start of the output"
        case let .checksumMismatch(expected, actual):
            return "checksum mismatch: stream says 0x\(hex(expected)), data gives 0x\(hex(actual))"
        case .lengthMismatch: return "gzip length field does not match the decompressed size"
        case let .outputLimitExceeded(limit): return "decompressed data exceeds the limit of \(limit) bytes"
        case .trailingData: return "unexpected bytes after the end of the compressed stream"
        }
    }

    /// Which class of failure this is, for callers that map errors to their own kinds
    /// (RasterPNG maps it to RasterCore's `ErrorKind`; RasterDeflate imports nothing, so it
    /// cannot name that type itself). The raw values are `ErrorKind`'s.
    public var category: DeflateFailureCategory {
        switch self {
        case .truncated: return .truncated
        case .presetDictionaryUnsupported: return .unsupported
        case .outputLimitExceeded: return .limitExceeded
        case .invalidHeader, .invalidBlockType, .storedLengthMismatch, .invalidCodeLengths, .invalidCode,
             .distanceTooFar, .checksumMismatch, .lengthMismatch, .trailingData:
            return .corrupt
        }
    }

    /// True when the input simply stopped early (more input could complete it).
    public var isTruncation: Bool { self == .truncated }
}

/// The classes of failure in RasterDeflate, named (and raw-valued) as RasterCore's
/// `ErrorKind` cases they correspond to.
public enum DeflateFailureCategory: String, Hashable, Sendable {
    /// The compressed data is malformed.
    case corrupt
    /// The compressed data ends early.
    case truncated
    /// Valid data that needs a feature not implemented (a zlib preset dictionary).
    case unsupported
    /// The output would pass the caller's limit.
    case limitExceeded
    /// The caller's own argument is out of range (compression only).
    case invalidArgument
}

/// What can go wrong when compressing: only the caller's arguments, since any input can be
/// compressed. Separate from `DeflateError`, whose cases all describe compressed input.
public enum DeflateEncodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The compression level is outside 0 (stored) ... 9 (smallest).
    case invalidLevel(Int)

    public var description: String {
        switch self {
        case let .invalidLevel(level): return "compression level \(level) is outside 0 to 9"
        }
    }

    /// Always `.invalidArgument`: the caller chose the level.
    public var category: DeflateFailureCategory { .invalidArgument }
}

private func hex(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 8 - s.count)) + s
}
