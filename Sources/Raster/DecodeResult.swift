/// A decoded image together with what its file said: the format, the header's facts, the
/// metadata the codec read and the warnings about anything it had to drop.
public struct DecodeResult: Hashable, Sendable {
    /// The pixels, at the precision the file carried (16-bit PNG stays 16-bit).
    public var image: DecodedImage
    /// The header's facts (format, size, channels, bit depth).
    public var info: ImageInfo
    /// The metadata the codec read.
    public var metadata: ImageMetadata
    /// What the decoder dropped or repaired; empty for a clean file. The image is complete
    /// either way.
    public var warnings: [DecodeWarning]

    public init(image: DecodedImage, info: ImageInfo, metadata: ImageMetadata, warnings: [DecodeWarning]) {
        self.image = image
        self.info = info
        self.metadata = metadata
        self.warnings = warnings
    }

    /// The container format the bytes were in.
    public var format: ImageFormat { info.format }
}

/// Metadata from any format. The format's own complete record is in its field (`png`);
/// the common questions have accessors that work whatever the format was.
public struct ImageMetadata: Hashable, Sendable {
    /// Everything a PNG carried (text, gAMA/sRGB/iCCP, pHYs, tIME, bKGD), or nil.
    public var png: PNGMetadata?

    public init(png: PNGMetadata? = nil) {
        self.png = png
    }

    /// The embedded ICC colour profile's bytes, if the file had one.
    public var iccProfile: [UInt8]? {
        png?.iccProfile?.profile
    }

    /// How the stored pixels must be turned to stand upright. PNG records none, so `.up`.
    public var orientation: Orientation {
        .up
    }

    /// Text entries as keyword and text pairs, in file order (PNG tEXt, zTXt, iTXt).
    public var text: [(keyword: String, text: String)] {
        (png?.text ?? []).map { ($0.keyword, $0.text) }
    }
}

/// Something a decoder dropped or repaired while still returning a complete image.
public struct DecodeWarning: Hashable, Sendable, CustomStringConvertible {
    enum Source: Hashable, Sendable {
        case png(PNGWarning)
    }

    let source: Source

    init(_ source: Source) { self.source = source }

    /// The PNG decoder's own warning, when it came from the PNG decoder.
    public var png: PNGWarning? {
        if case let .png(w) = source { return w }
        return nil
    }

    public var description: String {
        switch source {
        case let .png(w): return "png: \(w)"
        }
    }
}
