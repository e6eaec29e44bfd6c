import RasterCore

/// How the two chroma planes are sampled relative to luma (the SOF sampling factors).
public enum ChromaSubsampling: String, Hashable, Sendable, CaseIterable {
    /// Full-resolution chroma (luma 1x1): the best colour edges, the largest files.
    case s444
    /// Chroma halved horizontally (luma 2x1), averaged as libjpeg's h2v1 downsampler.
    case s422
    /// Chroma halved both ways (luma 2x2), averaged as libjpeg's h2v2 downsampler. The
    /// default, as in cjpeg, Pillow and Go.
    case s420

    /// Luma's horizontal and vertical sampling factors; chroma is always 1x1.
    var lumaFactors: (h: Int, v: Int) {
        switch self {
        case .s444: return (1, 1)
        case .s422: return (2, 1)
        case .s420: return (2, 2)
        }
    }
}

/// Which colour model the file stores.
public enum JPEGColorMode: Hashable, Sendable {
    /// Greyscale (one component) when every pixel has R == G == B, YCbCr otherwise.
    case automatic
    /// Always three YCbCr components.
    case ycbcr
    /// Always one luma component (Y from RGB with the JFIF weights, as `cjpeg -grayscale`).
    case grayscale
}

/// What becomes of the alpha channel, which baseline JPEG cannot store.
public enum AlphaHandling: Hashable, Sendable {
    /// Composite each pixel onto an opaque colour first: `c * a/255 + bg * (1 - a/255)`,
    /// rounded to nearest. The default is white, so transparent areas come out white.
    case flatten(onto: RGBA8 = .white)
    /// Ignore alpha: the stored colour of every pixel is kept, even where it is invisible.
    case drop
}

/// Every setting of the JPEG encoder. The defaults give what `cjpeg -quality 90` gives
/// (baseline, 4:2:0, accurate integer DCT, standard Huffman tables).
public struct JPEGEncodeOptions: Hashable, Sendable {
    /// 1...100, scaling the ITU T.81 Annex K tables exactly as libjpeg's
    /// `jpeg_set_quality(…, force_baseline: TRUE)` does (so entries clamp to 1...255).
    public var quality: Int
    public var subsampling: ChromaSubsampling
    public var color: JPEGColorMode
    /// MCUs between restart markers, 0 for none; at most 65535 (the DRI field's size).
    public var restartInterval: Int
    public var alpha: AlphaHandling
    /// Two passes: gather symbol statistics, then code with optimal tables (`cjpeg -optimize`).
    public var optimizeHuffman: Bool
    /// libjpeg's default progressive scan script (`cjpeg -progressive`); always optimised
    /// tables, as libjpeg does for progressive files.
    public var progressive: Bool
    /// An EXIF block (the APP1 payload: the TIFF header onwards, with or without the
    /// "Exif\0\0" prefix)
    /// written back as it is; see `JPEGExif.resettingOrientation(_:)`.
    public var exif: [UInt8]?
    /// An ICC profile, split over as many APP2 "ICC_PROFILE" segments as it needs.
    public var iccProfile: [UInt8]?
    /// A COM segment's text bytes.
    public var comment: [UInt8]?

    public init(quality: Int = 90, subsampling: ChromaSubsampling = .s420, color: JPEGColorMode = .automatic,
                restartInterval: Int = 0, alpha: AlphaHandling = .flatten(onto: .white),
                optimizeHuffman: Bool = false, progressive: Bool = false,
                exif: [UInt8]? = nil, iccProfile: [UInt8]? = nil, comment: [UInt8]? = nil) {
        self.quality = quality
        self.subsampling = subsampling
        self.color = color
        self.restartInterval = restartInterval
        self.alpha = alpha
        self.optimizeHuffman = optimizeHuffman
        self.progressive = progressive
        self.exif = exif
        self.iccProfile = iccProfile
        self.comment = comment
    }
}
