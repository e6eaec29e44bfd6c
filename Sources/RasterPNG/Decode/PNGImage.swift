import RasterCore

/// A decoded PNG: its pixels, the header it was stored with, the ancillary metadata, and
/// any ancillary chunks that had to be dropped.
public struct PNGImage: Hashable, Sendable {
    public var pixels: DecodedImage
    public var header: PNGHeader
    public var metadata: PNGMetadata
    /// Ancillary chunks ignored while decoding; empty for a clean file.
    public var warnings: [PNGWarning]

    public init(pixels: DecodedImage, header: PNGHeader, metadata: PNGMetadata = PNGMetadata(),
                warnings: [PNGWarning] = []) {
        self.pixels = pixels
        self.header = header
        self.metadata = metadata
        self.warnings = warnings
    }
}
