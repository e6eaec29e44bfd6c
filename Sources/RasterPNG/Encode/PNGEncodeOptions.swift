import RasterDeflate

/// Choices for `PNGEncoder.encode`.
public struct PNGEncodeOptions: Hashable, Sendable {
    /// How each scanline's filter is chosen (PNG spec §9).
    public enum FilterStrategy: Hashable, Sendable {
        /// Per row, the filter whose output has the smallest sum of absolute values taken as
        /// signed bytes (libpng's heuristic); filter None for indexed and sub-8-bit images,
        /// where filtering rarely helps (also as libpng).
        case adaptive
        /// The same filter on every row.
        case fixed(FilterType)
    }

    /// The five filter types (PNG spec §9.2).
    public enum FilterType: UInt8, Hashable, Sendable, CaseIterable {
        /// Filter type 0 None (bytes as they are), 1 Sub (minus the byte to the left), 2 Up (minus
        /// the byte above), 3 Average (minus the mean of left and above) or 4 Paeth (minus
        /// whichever of left, above and upper-left predicts best); the raw value is the type byte.
        case none = 0, sub = 1, up = 2, average = 3, paeth = 4
    }

    /// zlib compression level, 0 (store) to 9 (smallest); 6 matches zlib's default.
    public var compressionLevel: Int
    /// Store the scanlines in Adam7 order, for progressive display.
    public var interlaced: Bool
    /// How each scanline's filter is chosen; ``PNGEncodeOptions/FilterStrategy/adaptive`` by
    /// default.
    public var filter: FilterStrategy
    /// Pick the smallest colour type and bit depth that holds the pixels exactly (grey,
    /// grey+alpha, palette with tRNS, RGB; 1, 2 or 4 bits for 8-bit sources). A 16-bit
    /// image keeps 16 bits per sample; only its colour type is reduced. With `false`,
    /// 8-bit images are written as RGBA 8 and 16-bit images as RGBA 16.
    public var reduceColorType: Bool
    /// The zlib match strategy for the image data. `nil` follows libpng: `.filtered` when the
    /// filter choice can produce filters other than None (adaptive filtering of 8- and 16-bit
    /// non-palette images, or a fixed filter other than None), `.default` otherwise.
    public var compressionStrategy: DeflateStrategy?
    /// Ancillary chunks to write. A bKGD that the chosen colour type and depth cannot hold
    /// (a palette index when the output is not indexed, a value above the depth's maximum)
    /// makes `encode` throw `PNGEncodeError.backgroundNotRepresentable` instead of dropping it.
    public var metadata: PNGMetadata

    /// For services that encode on every request: zlib level 1 (RasterDeflate's single-probe
    /// matcher) with the default adaptive filters: 1.6-4.3x faster than the default on the
    /// bench images for -1% to +6% of size (docs/deflate.md has the table).
    public static var fast: PNGEncodeOptions { PNGEncodeOptions(compressionLevel: 1) }

    /// Options of your own; the defaults are level 6, no interlacing, adaptive filtering, colour
    /// type reduction, no metadata, and libpng's choice of strategy.
    public init(compressionLevel: Int = 6, interlaced: Bool = false, filter: FilterStrategy = .adaptive,
                reduceColorType: Bool = true, metadata: PNGMetadata = PNGMetadata(),
                compressionStrategy: DeflateStrategy? = nil) {
        self.compressionLevel = compressionLevel
        self.interlaced = interlaced
        self.filter = filter
        self.reduceColorType = reduceColorType
        self.metadata = metadata
        self.compressionStrategy = compressionStrategy
    }
}
