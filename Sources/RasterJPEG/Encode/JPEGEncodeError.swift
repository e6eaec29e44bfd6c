import RasterCore

/// Everything that can stop an image from being encoded as JPEG. All are the caller's
/// argument: the encoder never sees untrusted bytes, only an image and options.
public enum JPEGEncodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The image has no pixels (width or height is 0).
    case emptyImage
    /// Width or height is over 65535, the most a JPEG frame header can hold.
    case imageTooLarge(width: Int, height: Int)
    /// `quality` is outside 1...100.
    case invalidQuality(Int)
    /// `restartInterval` is negative or over 65535.
    case invalidRestartInterval(Int)
    /// A metadata block is too large for the segments that carry it (EXIF over 65527
    /// bytes, an ICC profile over 255 segments, a comment over 65533 bytes).
    case metadataTooLarge(String)

    public var description: String {
        switch self {
        case .emptyImage:
            return "cannot encode an empty image as JPEG (width or height is 0)"
        case let .imageTooLarge(width, height):
            return "image \(width)x\(height) is too large for JPEG: each side must be at most 65535"
        case let .invalidQuality(q):
            return "JPEG quality \(q) is out of range: use 1 to 100"
        case let .invalidRestartInterval(n):
            return "JPEG restart interval \(n) is out of range: use 0 (none) to 65535 MCUs"
        case let .metadataTooLarge(what):
            return "\(what) is too large to store in a JPEG file"
        }
    }
}

extension JPEGEncodeError: RasterFailure {
    /// Every case is a bad argument from the caller.
    public var kind: ErrorKind { .invalidArgument }
}
