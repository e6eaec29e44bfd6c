/// The container formats Raster reads and writes.
public enum ImageFormat: String, Hashable, Sendable, CaseIterable {
    /// PNG (ISO/IEC 15948), decoded and encoded at 8 or 16 bits per sample.
    case png
    /// JPEG, recognised by its SOI marker so that ``Codecs`` can name it, but not yet decoded or
    /// encoded: both fail with ``ErrorKind/unsupported``.
    case jpeg

    /// The format whose signature starts `bytes`, or nil for anything else.
    ///
    /// Only the first bytes are compared (`\x89PNG`, or SOI `FF D8`), so a PNG whose
    /// signature was mangled in transfer (CR/LF conversion) reaches the PNG decoder, which
    /// then names the exact problem instead of "unknown format".
    public static func detect<C: Collection<UInt8>>(_ bytes: C) -> ImageFormat? {
        let head = Array(bytes.prefix(4))
        if head == [0x89, 0x50, 0x4E, 0x47] { return .png }
        if head.count >= 2, head[0] == 0xFF, head[1] == 0xD8 { return .jpeg }
        return nil
    }
}

/// What a header says about an image, read without decoding pixels.
public struct ImageInfo: Hashable, Sendable {
    /// The container format the header was read from.
    public var format: ImageFormat
    /// Width in pixels, as the header states it.
    public var width: Int
    /// Height in pixels, as the header states it.
    public var height: Int
    /// Channels as stored in the file (1 grey, 2 grey+alpha, 3 colour, 4 colour+alpha;
    /// an indexed PNG counts 3, or 4 when it carries tRNS).
    public var channels: Int
    /// Bits per stored sample (for indexed PNGs, bits per palette index).
    public var bitDepth: Int
    /// True for a progressive JPEG (and an interlaced PNG): the file arrives in passes.
    public var isProgressive: Bool
    /// How the stored pixels must be turned to stand upright (EXIF, JPEG only; `.up` else).
    /// `width` and `height` are the stored size, before this is applied.
    public var orientation: Orientation

    /// A header's facts; `isProgressive` and `orientation` default to a plain upright file.
    public init(format: ImageFormat, width: Int, height: Int, channels: Int, bitDepth: Int,
                isProgressive: Bool = false, orientation: Orientation = .up) {
        self.format = format
        self.width = width
        self.height = height
        self.channels = channels
        self.bitDepth = bitDepth
        self.isProgressive = isProgressive
        self.orientation = orientation
    }
}

extension ImageInfo {
    /// The facts of a PNG header.
    init(png header: PNGHeader) {
        self.init(format: .png, width: header.width, height: header.height,
                  channels: header.channels, bitDepth: header.bitDepth, isProgressive: header.interlaced)
    }

    /// The facts of a JPEG header (all JPEG that Raster reads has 8-bit samples).
    init(jpeg header: JPEGHeader) {
        self.init(format: .jpeg, width: header.width, height: header.height,
                  channels: header.componentCount, bitDepth: 8, isProgressive: header.isProgressive,
                  orientation: header.orientation)
    }
}
