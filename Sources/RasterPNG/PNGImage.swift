import RasterCore

/// Decoded pixels at the precision the file carried.
public enum DecodedPNGPixels: Hashable, Sendable {
    /// Files of bit depth 1 to 8 (indexed files included).
    case rgba8(RGBAImage)
    /// 16-bit files, kept lossless.
    case rgba16(RGBA16Image)

    /// The 8-bit image; 16-bit samples are rounded to nearest (`narrowTo8Bit`).
    public var rgba8: RGBAImage {
        switch self {
        case let .rgba8(image): return image
        case let .rgba16(image): return image.narrowed()
        }
    }

    public var width: Int {
        switch self {
        case let .rgba8(image): return image.width
        case let .rgba16(image): return image.width
        }
    }

    public var height: Int {
        switch self {
        case let .rgba8(image): return image.height
        case let .rgba16(image): return image.height
        }
    }
}

/// A decoded PNG: its pixels, the header it was stored with, the ancillary metadata, and
/// any ancillary chunks that had to be dropped.
public struct PNGImage: Hashable, Sendable {
    public var pixels: DecodedPNGPixels
    public var header: PNGHeader
    public var metadata: PNGMetadata
    /// Ancillary chunks ignored while decoding; empty for a clean file.
    public var warnings: [PNGWarning]

    public init(pixels: DecodedPNGPixels, header: PNGHeader, metadata: PNGMetadata = PNGMetadata(),
                warnings: [PNGWarning] = []) {
        self.pixels = pixels
        self.header = header
        self.metadata = metadata
        self.warnings = warnings
    }
}
