/// The container formats Raster reads and writes.
public enum ImageFormat: String, Hashable, Sendable, CaseIterable {
    case png
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
    public var format: ImageFormat
    public var width: Int
    public var height: Int
    /// Channels as stored in the file (1 grey, 2 grey+alpha, 3 colour, 4 colour+alpha;
    /// an indexed PNG counts 3, or 4 when it carries tRNS).
    public var channels: Int
    /// Bits per stored sample (for indexed PNGs, bits per palette index).
    public var bitDepth: Int

    public init(format: ImageFormat, width: Int, height: Int, channels: Int, bitDepth: Int) {
        self.format = format
        self.width = width
        self.height = height
        self.channels = channels
        self.bitDepth = bitDepth
    }
}

extension ImageInfo {
    /// The facts of a PNG header.
    init(png header: PNGHeader) {
        self.init(format: .png, width: header.width, height: header.height,
                  channels: header.channels, bitDepth: header.bitDepth)
    }
}
