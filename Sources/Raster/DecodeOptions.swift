/// Everything that shapes a decode through `Codecs`, in one value: the size caps, the cap on
/// metadata, and the format-specific choices. Each field has a default that suits trusted
/// input; for untrusted uploads start from `DecodeOptions.server`.
public struct DecodeOptions: Sendable {
    /// Size caps checked against the header before any pixel memory is allocated.
    public var limits: DecodeLimits
    /// Most bytes of compressed metadata a decode may keep (PNG zTXt, iTXt, iCCP inflated; JPEG APP and COM segments),
    /// summed over the file; a chunk that would pass it is dropped with a warning.
    public var metadataLimit: Int
    /// The DCT scale a JPEG is decoded at (1/1, 1/2, 1/4, 1/8, as `djpeg -scale`): a
    /// thumbnail of a 12-megapixel photo need not decode 12 megapixels. PNG ignores it.
    public var jpegScale: JPEGScale
    /// When true, a JPEG whose entropy-coded data is damaged or cut short still decodes: the
    /// missing area is grey (as libjpeg-turbo fills it) and `DecodeResult.warnings` says
    /// where the damage starts. When false (the default) such a file is an error, so a
    /// partial picture is never returned unknowingly.
    public var lenientJPEG: Bool
    /// A memory budget shared by concurrent decodes, or nil for none. With a budget, a decode
    /// reserves the bytes its header implies before it allocates, holds them in
    /// `DecodeResult.reservation` until the result is dropped, and fails with
    /// `ErrorKind.budgetExceeded` when they are not available (at once from the synchronous
    /// `decode`, after waiting up to a timeout from the `async` one).
    public var budget: MemoryBudget?

    /// Options from their parts; every part has the library default.
    public init(limits: DecodeLimits = .default, metadataLimit: Int = 8 << 20, jpegScale: JPEGScale = .full,
                lenientJPEG: Bool = false, budget: MemoryBudget? = nil) {
        self.limits = limits
        self.metadataLimit = metadataLimit
        self.jpegScale = jpegScale
        self.lenientJPEG = lenientJPEG
        self.budget = budget
    }

    /// The library defaults: `DecodeLimits.default` and an 8 MiB metadata cap.
    public static let `default` = DecodeOptions()

    /// Caps for a service decoding uploads: `DecodeLimits.server` (see there) and 1 MiB of
    /// inflated metadata.
    public static let server = DecodeOptions(limits: .server, metadataLimit: 1 << 20)
}
