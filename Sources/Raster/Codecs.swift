/// The front door: decode whatever bytes arrive, probe headers, encode to a format.
///
/// Every call either returns a complete result or throws `RasterError`, whose `kind` says
/// what kind of failure it was.
public enum Codecs {
    /// Reads the header only; never decodes pixel data.
    public static func probe<C: Collection<UInt8>>(_ bytes: C) throws(RasterError) -> ImageInfo {
        switch ImageFormat.detect(bytes) {
        case .png?:
            let header: PNGHeader
            do { header = try PNGDecoder.probe(bytes) } catch { throw RasterError(.png(error)) }
            return ImageInfo(png: header)
        case .jpeg?:
            throw RasterError(.unsupportedOperation(.jpeg, "decoding"))
        case nil:
            throw .unknownFormat
        }
    }

    /// Decodes a complete image, with its metadata and warnings, or throws; never returns a
    /// partial image. 16-bit PNGs decode to `.rgba16`; everything else to `.rgba8`.
    public static func decode<C: Collection<UInt8>>(_ bytes: C, options: DecodeOptions = .default)
        throws(RasterError) -> DecodeResult {
        switch ImageFormat.detect(bytes) {
        case .png?:
            let png: PNGImage
            do {
                png = try PNGDecoder.decode(bytes, options: PNGDecodeOptions(limits: options.limits,
                                                                             metadataLimit: options.metadataLimit))
            } catch {
                throw RasterError(.png(error))
            }
            return DecodeResult(image: png.pixels, info: ImageInfo(png: png.header),
                                metadata: ImageMetadata(png: png.metadata),
                                warnings: png.warnings.map { DecodeWarning(.png($0)) })
        case .jpeg?:
            throw RasterError(.unsupportedOperation(.jpeg, "decoding"))
        case nil:
            throw .unknownFormat
        }
    }

    /// Encodes at the format's default settings: PNG losslessly (a 16-bit image stays 16-bit).
    public static func encode(_ image: DecodedImage, as format: ImageFormat) throws(RasterError) -> [UInt8] {
        switch format {
        case .png:
            do { return try PNGEncoder.encode(image) } catch { throw RasterError(.pngEncode(error)) }
        case .jpeg:
            throw RasterError(.unsupportedOperation(.jpeg, "encoding"))
        }
    }

    /// Encodes an 8-bit image at the format's default settings.
    public static func encode(_ image: RGBA8Image, as format: ImageFormat) throws(RasterError) -> [UInt8] {
        try encode(.rgba8(image), as: format)
    }
}
