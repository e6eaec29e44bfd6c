import RasterCore

/// The decoded image with what the file says about it.
public struct JPEGImage: Hashable, Sendable {
    /// The pixels, opaque straight RGBA, at the requested DCT scale, not oriented.
    public var pixels: RGBA8Image
    public var header: JPEGHeader
    public var metadata: JPEGMetadata
    /// Damage worked around in lenient mode, and metadata that was dropped.
    public var warnings: [JPEGWarning]
}
