import RasterCore

/// Why `PNGEncoder` refused a request. Every case is the caller's argument (`kind` is
/// `.invalidArgument`): the image or the metadata cannot be stored as PNG as given.
public enum PNGEncodeError: Error, Hashable, Sendable, CustomStringConvertible, RasterFailure {
    /// PNG needs a width and height from 1 to 2^31-1.
    case invalidDimensions(width: Int, height: Int)
    /// `compressionLevel` is outside 0...9.
    case invalidCompressionLevel(Int)
    /// A metadata value PNG cannot hold (a keyword outside 1 to 79 Latin-1 characters, an
    /// sRGB intent above 3, a payload over 2^31-1 bytes); the string names it.
    case invalidMetadata(String)
    /// The supplied bKGD cannot be written in the colour type and depth the encoder chose
    /// (for example a palette index when the output is RGB, or a value above the depth's
    /// maximum). Give a background in the written scale, or set `reduceColorType: false`.
    case backgroundNotRepresentable(PNGBackground, colorType: PNGColorType, bitDepth: Int)

    /// Always ``ErrorKind/invalidArgument``: every case is a fault in what the caller passed.
    public var kind: ErrorKind { .invalidArgument }

    /// A sentence saying why the image or metadata cannot be written as PNG, for logs and error
    /// responses.
    public var description: String {
        switch self {
        case let .invalidDimensions(w, h):
            return "cannot encode PNG: width and height must be 1 to 2^31-1, got \(w)x\(h)"
        case let .invalidCompressionLevel(level):
            return "cannot encode PNG: compression level \(level) is not 0 to 9"
        case let .invalidMetadata(reason):
            return "cannot encode PNG metadata: \(reason)"
        case let .backgroundNotRepresentable(bg, colorType, depth):
            return "cannot encode PNG: background \(bg) does not fit the \(depth)-bit \(colorType) output"
        }
    }
}
