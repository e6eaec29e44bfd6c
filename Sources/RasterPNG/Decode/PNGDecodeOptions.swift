import RasterCore

/// Caps and choices for `PNGDecoder.decode`.
public struct PNGDecodeOptions: Hashable, Sendable {
    /// Size caps checked against IHDR before anything is allocated.
    public var limits: DecodeLimits
    /// Most bytes that compressed metadata (zTXt, iTXt, iCCP) may inflate to, summed over
    /// the file. A chunk that would pass it is dropped with a warning; the image still decodes.
    public var metadataLimit: Int

    /// Options of your own; any argument left out takes its default: ``DecodeLimits/default`` and
    /// an 8 MiB metadata cap.
    public init(limits: DecodeLimits = .default, metadataLimit: Int = 8 << 20) {
        self.limits = limits
        self.metadataLimit = metadataLimit
    }
}
