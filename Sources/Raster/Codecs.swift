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
            do { return ImageInfo(jpeg: try JPEGDecoder.probe(bytes)) } catch { throw RasterError(.jpeg(error)) }
        case nil:
            throw .unknownFormat
        }
    }

    /// Decodes a complete image, with its metadata and warnings, or throws; never returns a
    /// partial image (unless `options.lenientJPEG` asks for a damaged JPEG's remains, and then
    /// the warnings say so). 16-bit PNGs decode to `.rgba16`; everything else to `.rgba8`.
    /// A JPEG is decoded at `options.jpegScale` and is not turned upright: apply
    /// `result.metadata.orientation` if you want it so.
    public static func decode<C: Collection<UInt8>>(_ bytes: C, options: DecodeOptions = .default)
        throws(RasterError) -> DecodeResult {
        var reservation: MemoryReservation?
        if let budget = options.budget {
            let need = try memoryNeeded(bytes, options)
            do { reservation = try budget.tryReserve(need) } catch { throw RasterError(.budget(error)) }
        }
        var result = try decodeWithin(bytes, options)
        result.reservation = reservation
        return result
    }

    /// Decodes as `decode(_:options:)` does, but when `options.budget` cannot give the bytes
    /// now, waits in line for up to `budgetTimeout` (FIFO, honouring task cancellation)
    /// before failing with `ErrorKind.budgetExceeded`. Without a budget it never waits.
    /// The size caps are checked before waiting: an over-limit file fails at once.
    public static func decode<C: Collection<UInt8>>(_ bytes: C, options: DecodeOptions = .default,
                                                    budgetTimeout: Duration) async throws(RasterError) -> DecodeResult {
        var reservation: MemoryReservation?
        if let budget = options.budget {
            let need = try memoryNeeded(bytes, options)
            do { reservation = try await budget.reserve(need, timeout: budgetTimeout) } catch {
                throw RasterError(.budget(error))
            }
        }
        var result = try decodeWithin(bytes, options)
        result.reservation = reservation
        return result
    }

    /// The bytes to reserve for decoding `bytes`, from its header, after checking the
    /// header against the caps (so an over-limit file is a limit error, never a budget one).
    private static func memoryNeeded<C: Collection<UInt8>>(_ bytes: C, _ options: DecodeOptions) throws(RasterError) -> Int {
        let info = try probe(bytes)
        do {
            try options.limits.check(width: info.width, height: info.height, bytesPerPixel: 4)
        } catch {
            throw RasterError(.limit(error))
        }
        return DecodeMemory.estimate(info, scale: options.jpegScale)
    }

    /// The decode itself, with no budget.
    private static func decodeWithin<C: Collection<UInt8>>(_ bytes: C, _ options: DecodeOptions)
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
            let jpeg: JPEGImage
            do {
                jpeg = try JPEGDecoder.decode(bytes, options: JPEGDecodeOptions(
                    limits: options.limits, scale: options.jpegScale, lenient: options.lenientJPEG,
                    metadataLimit: options.metadataLimit))
            } catch {
                throw RasterError(.jpeg(error))
            }
            return DecodeResult(image: .rgba8(jpeg.pixels), info: ImageInfo(jpeg: jpeg.header),
                                metadata: ImageMetadata(jpeg: jpeg.metadata),
                                warnings: jpeg.warnings.map { DecodeWarning(.jpeg($0)) })
        case nil:
            throw .unknownFormat
        }
    }

    /// Encodes `image` as `format` with `options` (defaults: PNG lossless, smallest exact
    /// colour type, a 16-bit image stays 16-bit; JPEG baseline quality 90, 4:2:0, alpha
    /// flattened onto white). A 16-bit image is rounded to 8 bits for JPEG.
    public static func encode(_ image: DecodedImage, as format: ImageFormat,
                              options: EncodeOptions = EncodeOptions()) throws(RasterError) -> [UInt8] {
        switch format {
        case .png:
            do { return try PNGEncoder.encode(image, options: options.png) } catch { throw RasterError(.pngEncode(error)) }
        case .jpeg:
            do { return try JPEGEncoder.encode(image.narrowed(), options: options.jpeg) } catch {
                throw RasterError(.jpegEncode(error))
            }
        }
    }

    /// Encodes an 8-bit image as `format` with `options`.
    public static func encode(_ image: RGBA8Image, as format: ImageFormat,
                              options: EncodeOptions = EncodeOptions()) throws(RasterError) -> [UInt8] {
        try encode(.rgba8(image), as: format, options: options)
    }
}

/// Encoder settings for `Codecs.encode`, one value per format; only the target format's
/// settings are used.
public struct EncodeOptions: Hashable, Sendable {
    /// Settings used when encoding PNG.
    public var png: PNGEncodeOptions
    /// Settings used when encoding JPEG.
    public var jpeg: JPEGEncodeOptions

    /// Settings from their parts; each format's defaults when left out.
    public init(png: PNGEncodeOptions = PNGEncodeOptions(), jpeg: JPEGEncodeOptions = JPEGEncodeOptions()) {
        self.png = png
        self.jpeg = jpeg
    }
}
