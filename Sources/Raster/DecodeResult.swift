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
    /// The bytes reserved from `DecodeOptions.budget` for this image, or nil without a
    /// budget. They return to the budget when the last copy of this result is dropped, or at
    /// `reservation?.release()`; keep the result while you work on its image. Not part of
    /// the result's equality.
    public var reservation: MemoryReservation?

    /// Assembles a result from its parts; ``Codecs/decode(_:options:)`` builds these, and tests or
    /// wrappers may build their own.
    public init(image: DecodedImage, info: ImageInfo, metadata: ImageMetadata, warnings: [DecodeWarning],
                reservation: MemoryReservation? = nil) {
        self.image = image
        self.info = info
        self.metadata = metadata
        self.warnings = warnings
        self.reservation = reservation
    }

    /// Equal when the image, header facts, metadata and warnings are; the reservation is
    /// bookkeeping, not content.
    public static func == (a: DecodeResult, b: DecodeResult) -> Bool {
        a.image == b.image && a.info == b.info && a.metadata == b.metadata && a.warnings == b.warnings
    }

    /// Hashes the same parts `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(image)
        hasher.combine(info)
        hasher.combine(metadata)
        hasher.combine(warnings)
    }

    /// The container format the bytes were in.
    public var format: ImageFormat { info.format }
}

/// Metadata from any format. The format's own complete record is in its field (`png`);
/// the common questions have accessors that work whatever the format was.
public struct ImageMetadata: Hashable, Sendable {
    /// Everything a PNG carried (text, gAMA/sRGB/iCCP, pHYs, tIME, bKGD), or nil.
    public var png: PNGMetadata?
    /// Everything a JPEG carried (JFIF, EXIF, ICC profile, comments, Adobe), or nil.
    public var jpeg: JPEGMetadata?

    /// Metadata from one codec's record (at most one is set).
    public init(png: PNGMetadata? = nil, jpeg: JPEGMetadata? = nil) {
        self.png = png
        self.jpeg = jpeg
    }

    /// The embedded ICC colour profile's bytes, if the file had one.
    public var iccProfile: [UInt8]? {
        png?.iccProfile?.profile ?? jpeg?.iccProfile
    }

    /// How the stored pixels must be turned to stand upright: the EXIF orientation of a
    /// JPEG, `.up` when the file records none. Decoding does not apply it.
    public var orientation: Orientation {
        jpeg?.orientation ?? .up
    }

    /// The EXIF block (TIFF header onwards) of a JPEG, if it had one.
    public var exif: [UInt8]? {
        jpeg?.exif
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
        case jpeg(JPEGWarning)
    }

    let source: Source

    init(_ source: Source) { self.source = source }

    /// The PNG decoder's own warning, when it came from the PNG decoder.
    public var png: PNGWarning? {
        if case let .png(w) = source { return w }
        return nil
    }

    /// The JPEG decoder's own warning, when it came from the JPEG decoder.
    public var jpeg: JPEGWarning? {
        if case let .jpeg(w) = source { return w }
        return nil
    }

    /// A sentence saying what the decoder dropped or repaired, prefixed with the codec (`png:
    /// ...`), for logs and responses.
    public var description: String {
        switch source {
        case let .png(w): return "png: \(w)"
        case let .jpeg(w): return "jpeg: \(w)"
        }
    }
}
