/// Errors from the format-independent entry points of the umbrella module: either the
/// format could not be handled at all, or the codec's own typed error.
public enum RasterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The bytes start with no signature Raster knows.
    case unknownFormat
    /// The format is recognised but this build has no codec for the operation.
    case unsupportedFormat(ImageFormat)
    /// The PNG codec refused the data; the wrapped error says why.
    case png(PNGError)

    public var description: String {
        switch self {
        case .unknownFormat:
            return "unknown image format: the data starts with neither a PNG nor a JPEG signature"
        case let .unsupportedFormat(format):
            return "\(format.rawValue) is not supported yet"
        case let .png(error):
            return "png: \(error)"
        }
    }
}
