/// A decoded image at the precision the file carried: 16-bit PNG data stays 16-bit.
public enum DecodedImage: Hashable, Sendable {
    /// Data of 8 bits per sample or less (PNG indexed files included; all JPEG).
    case rgba8(RGBA8Image)
    /// 16-bit data, kept lossless.
    case rgba16(RGBA16Image)

    /// The 8-bit image: the image itself when it is 8-bit (no copy), else a new 8-bit
    /// image with every 16-bit sample rounded to nearest (`RGBA16.narrow(_:)`).
    public func narrowed() -> RGBA8Image {
        switch self {
        case let .rgba8(image): return image
        case let .rgba16(image): return image.narrowed()
        }
    }

    /// Width in pixels, whichever the precision.
    public var width: Int {
        switch self {
        case let .rgba8(image): return image.width
        case let .rgba16(image): return image.width
        }
    }

    /// Height in pixels, whichever the precision.
    public var height: Int {
        switch self {
        case let .rgba8(image): return image.height
        case let .rgba16(image): return image.height
        }
    }
}
