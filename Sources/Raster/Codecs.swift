/// Format-sniffing entry points: decode whatever bytes arrive, probe headers, encode.
public enum Codecs {
    /// Reads the header only; never decodes pixel data.
    public static func probe<C: Collection<UInt8>>(_ bytes: C) throws(RasterError) -> ImageInfo {
        switch ImageFormat.detect(bytes) {
        case .png?:
            let header: PNGHeader
            do { header = try PNGDecoder.probe(bytes) } catch { throw .png(error) }
            return ImageInfo(format: .png, width: header.width, height: header.height,
                             channels: header.channels, bitDepth: header.bitDepth)
        case .jpeg?:
            throw .unsupportedFormat(.jpeg)
        case nil:
            throw .unknownFormat
        }
    }

    /// Decodes a complete image or throws; never returns a partial image. 16-bit PNGs
    /// decode to `.rgba16`; everything else to `.rgba8`.
    public static func decode<C: Collection<UInt8>>(_ bytes: C, limits: DecodeLimits = .default)
        throws(RasterError) -> DecodedImage {
        switch ImageFormat.detect(bytes) {
        case .png?:
            let image: PNGImage
            do { image = try PNGDecoder.decode(bytes, options: PNGDecodeOptions(limits: limits)) } catch {
                throw .png(error)
            }
            return image.pixels
        case .jpeg?:
            throw .unsupportedFormat(.jpeg)
        case nil:
            throw .unknownFormat
        }
    }

    /// Encodes at default settings: PNG losslessly (a 16-bit image stays 16-bit).
    public static func encode(_ image: DecodedImage, as format: ImageFormat) throws(RasterError) -> [UInt8] {
        switch format {
        case .png:
            do { return try PNGEncoder.encode(image) } catch {
                throw .png(error)
            }
        case .jpeg:
            throw .unsupportedFormat(.jpeg)
        }
    }
}
