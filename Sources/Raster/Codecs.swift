/// Format-sniffing entry points: decode whatever bytes arrive, probe headers, encode.
public enum Codecs {
    /// Reads the header only; never decodes pixel data.
    public static func probe<C: Collection<UInt8>>(_ bytes: C) throws -> ImageInfo {
        guard let format = ImageFormat.detect(bytes) else { throw RasterError.unknownFormat }
        throw RasterError.unsupportedFormat(format)
    }

    /// Decodes a complete image or throws; never returns a partial image.
    public static func decode<C: Collection<UInt8>>(_ bytes: C, limits: DecodeLimits = .default) throws -> DecodedImage {
        guard let format = ImageFormat.detect(bytes) else { throw RasterError.unknownFormat }
        _ = limits
        throw RasterError.unsupportedFormat(format)
    }
}
