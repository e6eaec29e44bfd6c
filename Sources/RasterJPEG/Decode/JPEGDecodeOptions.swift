import RasterCore

/// The DCT scale of a decode: 1/1, 1/2, 1/4 or 1/8 of the stored size in each direction
/// (rounded up), as `djpeg -scale 1/N` gives.
public enum JPEGScale: Int, Hashable, Sendable, CaseIterable {
    case full = 1
    case half = 2
    case quarter = 4
    case eighth = 8

    /// The N of 1/N.
    public var denominator: Int { rawValue }

    /// Samples per block edge after scaling (8, 4, 2 or 1).
    var blockSize: Int { 8 / rawValue }

    /// The size a dimension of `length` stored pixels decodes to at this scale.
    public func scaled(_ length: Int) -> Int { (length + rawValue - 1) / rawValue }
}

/// How to decode a JPEG.
public struct JPEGDecodeOptions: Hashable, Sendable {
    /// Caps checked against the frame header before any large allocation.
    public var limits: DecodeLimits
    /// Decode at a reduced DCT scale (much faster for thumbnails).
    public var scale: JPEGScale
    /// When true, damaged or truncated entropy data does not fail the decode: the damaged
    /// area is grey and `JPEGImage.warnings` says where the damage starts.
    public var lenient: Bool
    /// Most bytes of APPn/COM payload kept in `JPEGMetadata` (all segments together);
    /// segments beyond it are dropped with a warning.
    public var metadataLimit: Int

    public init(limits: DecodeLimits = .default, scale: JPEGScale = .full, lenient: Bool = false,
                metadataLimit: Int = 16 << 20) {
        self.limits = limits
        self.scale = scale
        self.lenient = lenient
        self.metadataLimit = metadataLimit
    }
}
