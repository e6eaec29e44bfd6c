import RasterCore

/// A decoded PNG: its pixels, the header it was stored with, the ancillary metadata, and
/// any ancillary chunks that had to be dropped.
public struct PNGImage: Hashable, Sendable {
    /// The pixels: ``DecodedImage/rgba16(_:)`` when the file's bit depth is 16,
    /// ``DecodedImage/rgba8(_:)`` otherwise.
    public var pixels: DecodedImage
    /// The IHDR facts the file was stored with (its colour type and bit depth, not those of
    /// ``PNGImage/pixels``).
    public var header: PNGHeader
    /// The ancillary chunks the decoder read: text, colour space, pHYs, tIME and bKGD.
    public var metadata: PNGMetadata
    /// Ancillary chunks ignored while decoding; empty for a clean file.
    public var warnings: [PNGWarning]

    /// Assembles a decoded PNG from its parts; ``PNGDecoder`` builds these, and tests may build
    /// their own.
    public init(pixels: DecodedImage, header: PNGHeader, metadata: PNGMetadata = PNGMetadata(),
                warnings: [PNGWarning] = []) {
        self.pixels = pixels
        self.header = header
        self.metadata = metadata
        self.warnings = warnings
    }
}
