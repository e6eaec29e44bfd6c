/// Thumbnails from bytes to bytes, the way a service makes them: probe the header, decode a
/// JPEG at the smallest DCT scale that still covers the target (shrink-on-load), turn the
/// picture upright by its EXIF orientation, fit it inside `size x size` with lanczos3 (never
/// enlarging), and encode.
///
/// The output size depends only on the upright source size and `size`, never on the scale
/// the decoder picked: the fit is computed from the full-size header.
public enum Thumbnail {
    /// Fits `bytes` (PNG or JPEG) inside `size x size` and encodes the result as `format`
    /// (JPEG at `quality`, default 85; PNG losslessly, 16-bit sources kept 16-bit).
    public static func make<C: Collection<UInt8>>(_ bytes: C, size: Int = 256, format: ImageFormat,
                                                   quality: Int = 85, options: DecodeOptions = .default)
        throws(ThumbnailError) -> [UInt8] {
        let picture = try image(bytes, size: size, options: options)
        var encodeOptions = EncodeOptions()
        encodeOptions.jpeg.quality = quality
        do { return try Codecs.encode(picture, as: format, options: encodeOptions) } catch {
            throw .encode(error)
        }
    }

    /// The fitted, upright image itself (for callers that encode on their own).
    public static func image<C: Collection<UInt8>>(_ bytes: C, size: Int = 256, options: DecodeOptions = .default)
        throws(ThumbnailError) -> DecodedImage {
        guard size > 0 else { throw .resample(.invalidSize(width: size, height: size)) }
        let info: ImageInfo
        do { info = try Codecs.probe(bytes) } catch { throw .decode(error) }
        let orientation = info.orientation
        let upright = orientation.swapsDimensions
            ? PixelSize(width: info.height, height: info.width) : PixelSize(width: info.width, height: info.height)
        let target: PixelSize
        if upright.width <= size && upright.height <= size {
            target = upright                         // never enlarged
        } else {
            do {
                target = try FitMode.contain.fittedSize(source: upright, target: FitTarget(width: size, height: size))
            } catch {
                throw .resample(error)
            }
        }
        var decodeOptions = options
        if info.format == .jpeg {
            // The decoded image must cover the target with a margin of 1.5 on both sides (the
            // target is at most the JPEG's own size, below 2^16, so the sums cannot overflow), so
            // the lanczos3 pass still has at least that much reduction to do: a DCT-scaled
            // decode is a block average, and reducing it by only 1.25 (1280x800 to 256x160 at
            // 1/4) left screenshot.jpg's thumbnail 1.2 dB PSNR below the peers', who decode
            // that one at 1/2. A 4000x3000 photo to 256x192 still decodes at 1/8 (500x375).
            let stored = orientation.swapsDimensions
                ? PixelSize(width: target.height, height: target.width) : target
            let margin = PixelSize(width: stored.width + (stored.width + 1) / 2,
                                   height: stored.height + (stored.height + 1) / 2)
            decodeOptions.jpegScale = shrinkOnLoad(stored: PixelSize(width: info.width, height: info.height),
                                                   target: margin)
        }
        let decoded: DecodedImage
        do { decoded = try Codecs.decode(bytes, options: decodeOptions).image } catch { throw .decode(error) }
        do {
            switch decoded {
            case let .rgba8(image):
                let upright = image.oriented(orientation)
                if upright.width == target.width && upright.height == target.height { return .rgba8(upright) }
                return .rgba8(try upright.resized(width: target.width, height: target.height, filter: .lanczos3,
                                                  limits: options.limits))
            case let .rgba16(image):
                let upright = image.oriented(orientation)
                if upright.width == target.width && upright.height == target.height { return .rgba16(upright) }
                return .rgba16(try upright.resized(width: target.width, height: target.height, filter: .lanczos3,
                                                   limits: options.limits))
            }
        } catch {
            throw .resample(error)
        }
    }

    /// The smallest DCT scale (1/8, 1/4, 1/2 or full) whose decoded size still covers
    /// `target` on both sides (as stored, before orientation), so the lanczos3 pass that
    /// follows only ever reduces. `image(_:size:options:)` asks it to cover 1.5 times the
    /// fitted size (see there).
    public static func shrinkOnLoad(stored: PixelSize, target: PixelSize) -> JPEGScale {
        for scale in [JPEGScale.eighth, .quarter, .half] {
            if scale.scaled(stored.width) >= target.width && scale.scaled(stored.height) >= target.height {
                return scale
            }
        }
        return .full
    }
}

/// Why a thumbnail could not be made: the input could not be decoded, the fit or resample
/// was refused, or the output could not be encoded.
public enum ThumbnailError: Error, Hashable, Sendable, CustomStringConvertible, RasterFailure {
    /// Probing or decoding the input failed.
    case decode(RasterError)
    /// The size was not positive, or the resample was over the limits.
    case resample(ResampleError)
    /// Encoding the result failed.
    case encode(RasterError)

    /// The kind of the failure underneath: the decoder's, the resampler's or the encoder's.
    public var kind: ErrorKind {
        switch self {
        case let .decode(e), let .encode(e): return e.kind
        case let .resample(e): return e.kind
        }
    }

    /// The underlying error's sentence, for logs and error responses.
    public var description: String {
        switch self {
        case let .decode(e): return String(describing: e)
        case let .resample(e): return String(describing: e)
        case let .encode(e): return String(describing: e)
        }
    }
}
