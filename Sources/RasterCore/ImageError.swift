/// Errors raised when constructing or reshaping an image value.
public enum ImageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Width or height is negative.
    case negativeDimensions(width: Int, height: Int)
    /// `width * height * bytesPerPixel` does not fit in memory addresses (`Int`).
    case sizeOverflow(width: Int, height: Int)
    /// A pixel buffer handed to an initializer has the wrong number of elements.
    case bufferSizeMismatch(expected: Int, actual: Int)

    /// A sentence saying which size or buffer was wrong and how, for logs and error responses.
    public var description: String {
        switch self {
        case let .negativeDimensions(w, h):
            return "image dimensions \(w)x\(h) are negative"
        case let .sizeOverflow(w, h):
            return "image dimensions \(w)x\(h) overflow the addressable size"
        case let .bufferSizeMismatch(expected, actual):
            return "pixel buffer holds \(actual) elements, expected \(expected)"
        }
    }
}

/// Element count `width * height * channels`, or a thrown error for negative or overflowing sizes.
@usableFromInline
func checkedElementCount(width: Int, height: Int, channels: Int) throws(ImageError) -> Int {
    guard width >= 0, height >= 0 else { throw .negativeDimensions(width: width, height: height) }
    let (pixels, o1) = width.multipliedReportingOverflow(by: height)
    let (elements, o2) = pixels.multipliedReportingOverflow(by: channels)
    // Keep byte counts of the 16-bit variant in range too.
    let (_, o3) = elements.multipliedReportingOverflow(by: 2)
    guard !o1, !o2, !o3 else { throw .sizeOverflow(width: width, height: height) }
    return elements
}
