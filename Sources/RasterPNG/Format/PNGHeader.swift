/// The PNG colour types (PNG spec §11.2.2, IHDR "Colour type").
public enum PNGColorType: UInt8, Hashable, Sendable, CaseIterable {
    /// Colour type 0: one grey sample per pixel, at 1, 2, 4, 8 or 16 bits.
    case grey = 0
    /// Colour type 2: red, green and blue samples, at 8 or 16 bits.
    case rgb = 2
    /// Colour type 3: one palette (PLTE) index per pixel, at 1, 2, 4 or 8 bits.
    case indexed = 3
    /// Colour type 4: grey and alpha samples, at 8 or 16 bits.
    case greyAlpha = 4
    /// Colour type 6: red, green, blue and alpha samples, at 8 or 16 bits.
    case rgba = 6

    /// Samples stored per pixel in the scanlines (an indexed pixel is one palette index).
    public var samplesPerPixel: Int {
        switch self {
        case .grey, .indexed: return 1
        case .greyAlpha: return 2
        case .rgb: return 3
        case .rgba: return 4
        }
    }

    /// The bit depths the specification allows for this colour type.
    public var allowedBitDepths: [Int] {
        switch self {
        case .grey: return [1, 2, 4, 8, 16]
        case .indexed: return [1, 2, 4, 8]
        case .rgb, .greyAlpha, .rgba: return [8, 16]
        }
    }
}

/// What IHDR (and, for `hasTransparencyChunk`, the chunks before the image data) says
/// about an image.
public struct PNGHeader: Hashable, Sendable {
    /// Width in pixels, 1 to 2^31-1 in a file the decoder accepts.
    public var width: Int
    /// Height in pixels, 1 to 2^31-1 in a file the decoder accepts.
    public var height: Int
    /// Bits per sample, or per palette index for indexed images: 1, 2, 4, 8 or 16.
    public var bitDepth: Int
    /// Which samples each stored pixel holds; with ``PNGHeader/bitDepth`` it fixes the scanline
    /// layout.
    public var colorType: PNGColorType
    /// Whether the scanlines are stored in Adam7 interlaced order.
    public var interlaced: Bool
    /// Whether a tRNS chunk precedes the image data (a palette alpha table or colour key).
    public var hasTransparencyChunk: Bool

    /// A header of your own, for tests or descriptions; ``PNGDecoder`` builds these from IHDR and
    /// validates them there.
    public init(width: Int, height: Int, bitDepth: Int, colorType: PNGColorType, interlaced: Bool,
                hasTransparencyChunk: Bool = false) {
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colorType = colorType
        self.interlaced = interlaced
        self.hasTransparencyChunk = hasTransparencyChunk
    }

    /// Channels as the file describes the colour: grey 1, grey+alpha 2, RGB 3, RGBA 4;
    /// indexed 3 (palette entries are RGB), or 4 when a tRNS chunk gives the palette alpha.
    /// A colour key (tRNS on grey or RGB) does not change the count.
    public var channels: Int {
        switch colorType {
        case .grey: return 1
        case .greyAlpha: return 2
        case .rgb: return 3
        case .rgba: return 4
        case .indexed: return hasTransparencyChunk ? 4 : 3
        }
    }

    /// Bits per stored pixel in a scanline.
    var bitsPerPixel: Int { colorType.samplesPerPixel &* bitDepth }

    /// Bytes per complete pixel, rounded up to 1: the distance filters look back (PNG spec §9.2).
    var filterStride: Int { max(1, bitsPerPixel &>> 3) }

    /// Bytes in one scanline of `pixels` pixels, without the filter-type byte.
    func rowBytes(pixels: Int) -> Int {
        // width <= 2^31-1 and bitsPerPixel <= 64, so this cannot overflow a 64-bit Int.
        (pixels &* bitsPerPixel &+ 7) &>> 3
    }
}
