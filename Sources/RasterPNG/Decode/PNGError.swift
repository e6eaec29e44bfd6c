import RasterDeflate
import RasterCore

/// Everything that can stop a PNG from being decoded. (The encoder throws `PNGEncodeError`.)
///
/// Each case answers `kind`: the input is damaged (`.corrupt`) or cut short (`.truncated`),
/// uses a critical chunk this decoder does not know (`.unsupported`), or is valid but bigger
/// than the caller allows (`.limitExceeded`).
public enum PNGError: Error, Hashable, Sendable, CustomStringConvertible, RasterFailure {
    /// The data does not start with the 8-byte PNG signature.
    case notPNG
    /// The data ends in the middle of the signature or of a chunk.
    case truncated
    /// A critical chunk's stored CRC-32 does not match its contents.
    case crcMismatch(chunk: String)
    /// A chunk's length is over 2^31-1 or its type code is not four ASCII letters.
    case invalidChunk(chunk: String, reason: String)
    /// A required chunk (IHDR, PLTE for indexed images, IDAT or IEND) is absent.
    case missingChunk(String)
    /// Critical chunks appear in an order the specification forbids (PNG spec §5.6).
    case chunkOrder(String)
    /// IHDR holds an impossible value: zero size, bad colour type and bit depth pair, or an
    /// unknown compression, filter or interlace method.
    case invalidHeader(String)
    /// PLTE has a length that is not a multiple of 3, or holds 0 or more than 256 entries.
    case invalidPalette(String)
    /// A pixel refers to a palette entry that PLTE does not define.
    case paletteIndexOutOfRange(index: Int, paletteCount: Int)
    /// A scanline starts with a filter type other than 0 to 4.
    case invalidFilterType(UInt8)
    /// The IDAT stream ends before every scanline of the image is complete.
    case imageDataTooShort(expected: Int, actual: Int)
    /// The IDAT stream holds more data than the header's dimensions call for.
    case imageDataTooLong(expected: Int)
    /// A chunk the decoder must understand (uppercase first letter) is not one it knows.
    case unknownCriticalChunk(String)
    /// The zlib stream inside IDAT is damaged.
    case corruptImageData(DeflateError)
    /// The image is larger than the caller's `DecodeLimits` allow.
    case limitExceeded(LimitExceeded)

    /// A sentence saying what is wrong with the PNG data, naming the chunk at fault where there is
    /// one, for logs and error responses.
    public var description: String {
        switch self {
        case .notPNG:
            return "not a PNG file: the 8-byte PNG signature is missing"
        case .truncated:
            return "PNG data is truncated: the file ends inside a chunk"
        case let .crcMismatch(chunk):
            return "CRC mismatch in critical chunk \(chunk): the file is damaged"
        case let .invalidChunk(chunk, reason):
            return "invalid chunk \(chunk): \(reason)"
        case let .missingChunk(name):
            return "PNG has no \(name) chunk"
        case let .chunkOrder(reason):
            return "PNG chunks are out of order: \(reason)"
        case let .invalidHeader(reason):
            return "invalid PNG header (IHDR): \(reason)"
        case let .invalidPalette(reason):
            return "invalid PNG palette (PLTE): \(reason)"
        case let .paletteIndexOutOfRange(index, count):
            return "pixel uses palette index \(index) but the palette has only \(count) entries"
        case let .invalidFilterType(type):
            return "scanline has invalid filter type \(type) (must be 0 to 4)"
        case let .imageDataTooShort(expected, actual):
            return "PNG image data is too short: \(actual) of \(expected) filtered bytes"
        case let .imageDataTooLong(expected):
            return "PNG image data is too long: more than the \(expected) filtered bytes the header calls for"
        case let .unknownCriticalChunk(name):
            return "unknown critical chunk \(name): this decoder cannot safely ignore it"
        case let .corruptImageData(error):
            return "corrupt PNG image data (IDAT zlib stream): \(error)"
        case let .limitExceeded(limit):
            return "PNG image too large: \(limit)"
        }
    }

    /// ``ErrorKind/truncated`` for data cut short (a missing IEND and a truncated zlib stream
    /// included), ``ErrorKind/unsupported`` for an unknown critical chunk,
    /// ``ErrorKind/limitExceeded`` for an image over the caller's limits, ``ErrorKind/corrupt`` for
    /// everything else.
    public var kind: ErrorKind {
        switch self {
        case .truncated, .imageDataTooShort:
            return .truncated
        case .missingChunk(let name) where name == "IEND":
            return .truncated
        case let .corruptImageData(inner):
            return inner == .truncated ? .truncated : .corrupt
        case .unknownCriticalChunk:
            return .unsupported
        case .limitExceeded:
            return .limitExceeded
        case .notPNG, .crcMismatch, .invalidChunk, .missingChunk, .chunkOrder, .invalidHeader,
             .invalidPalette, .paletteIndexOutOfRange, .invalidFilterType, .imageDataTooLong:
            return .corrupt
        }
    }
}
