/// Everything that shapes a decode through `Codecs`, in one value: the size caps, the cap on
/// metadata, and the format-specific choices. Each field has a default that suits trusted
/// input; for untrusted uploads start from `DecodeOptions.server`.
public struct DecodeOptions: Hashable, Sendable {
    /// Size caps checked against the header before any pixel memory is allocated.
    public var limits: DecodeLimits
    /// Most bytes of compressed metadata (PNG zTXt, iTXt, iCCP) a decode may inflate,
    /// summed over the file; a chunk that would pass it is dropped with a warning.
    public var metadataLimit: Int

    public init(limits: DecodeLimits = .default, metadataLimit: Int = 8 << 20) {
        self.limits = limits
        self.metadataLimit = metadataLimit
    }

    /// The library defaults: `DecodeLimits.default` and an 8 MiB metadata cap.
    public static let `default` = DecodeOptions()

    /// Caps for a service decoding uploads: `DecodeLimits.server` (see there) and 1 MiB of
    /// inflated metadata.
    public static let server = DecodeOptions(limits: .server, metadataLimit: 1 << 20)
}
