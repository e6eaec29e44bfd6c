import RasterCore

/// The decoded image with what the file says about it.
public struct JPEGImage: Hashable, Sendable {
    /// The pixels, opaque straight RGBA, at the requested DCT scale, not oriented.
    public var pixels: RGBA8Image
    /// The frame as the markers describe it (stored size, process, components, orientation).
    public var header: JPEGHeader
    /// The APP and COM segments the decoder kept.
    public var metadata: JPEGMetadata
    /// Damage worked around in lenient mode, and metadata that was dropped.
    public var warnings: [JPEGWarning]
}
