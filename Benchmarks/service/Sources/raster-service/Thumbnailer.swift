import NIOPosix
import Raster

/// The Raster calls behind `POST /thumbnail`, in the order a reader expects:
/// read the header, reserve its memory, read the rest, decode (a JPEG at the smallest DCT
/// scale that still covers the target), turn upright, fit with lanczos3, encode.
struct Thumbnailer: Sendable {
    let budget: MemoryBudget
    let budgetWait: Duration
    let limits: DecodeLimits
    /// Decoding, resizing and encoding run on NIO's pool for blocking work (one thread a
    /// core), not on Swift's cooperative pool: with every core busy decoding, /healthz and
    /// the connections' I/O still get a thread.
    let pool: NIOThreadPool

    /// Reads the request body's header, reserves what the thumbnail will need (body
    /// included), reads the rest, then makes the thumbnail.
    func thumbnail(of body: inout BodyReader, size: Int, format: ImageFormat,
                   quality: Int) async throws -> [UInt8] {
        let info = try await body.readHeader()
        let plan = try ThumbnailPlan(info, size: size, limits: limits)
        let cost = plan.memoryCost(bodyBytes: body.expectedSize)
        guard cost <= budget.capacity else {  // waiting could never help: 413
            throw LimitExceeded(cap: .bytes, requested: cost, limit: budget.capacity)
        }
        // Held until this function returns, however it returns: a decode that throws
        // gives the bytes back as surely as one that succeeds.
        let reservation = try await budget.reserve(cost, timeout: budgetWait)
        defer { reservation.release() }
        let bytes = try await body.readAll().readableBytesView
        return try await pool.runIfActive { [limits] in
            let image = try makeThumbnail(bytes, plan: plan, limits: limits)
            return try Codecs.encode(image, as: format, options: EncodeOptions(jpeg: JPEGEncodeOptions(quality: quality)))
        }
    }
}

/// The thumbnail itself, from the whole body. (When the library grows a one-call thumbnail
/// path, this function becomes that call.)
func makeThumbnail<Bytes: Collection<UInt8>>(_ bytes: Bytes, plan: ThumbnailPlan,
                                             limits: DecodeLimits) throws -> RGBA8Image {
    let decoded = try Codecs.decode(bytes, options: DecodeOptions(limits: limits, jpegScale: plan.jpegScale))
    let upright = decoded.image.narrowed().oriented(decoded.metadata.orientation)
    if upright.width == plan.width && upright.height == plan.height { return upright }
    return try upright.resized(width: plan.width, height: plan.height, filter: .lanczos3, limits: limits)
}

/// What a thumbnail of an image will be, decided from its header alone: the output size,
/// the JPEG scale to decode at, and the memory it takes at its peak.
struct ThumbnailPlan: Sendable {
    let info: ImageInfo
    /// The output size: the upright image fitted inside `size x size`, never enlarged.
    let width: Int, height: Int
    /// The smallest decode that still covers the output (shrink-on-load), for JPEG.
    let jpegScale: JPEGScale

    /// Throws `LimitExceeded` (413) for an image over `limits`, before anything is allocated.
    init(_ info: ImageInfo, size: Int, limits: DecodeLimits) throws(LimitExceeded) {
        try limits.check(width: info.width, height: info.height, bytesPerPixel: 4)
        self.info = info
        // The box is square, so fitting the stored or the upright orientation gives the
        // same two sides, only swapped.
        let (w, h) = fittedSize(width: info.width, height: info.height, inside: size)
        (width, height) = info.orientation.swapsDimensions ? (h, w) : (w, h)
        var scale = JPEGScale.full
        if info.format == .jpeg {
            for candidate in [JPEGScale.eighth, .quarter, .half]
            where candidate.scaled(info.width) >= w && candidate.scaled(info.height) >= h {
                scale = candidate
                break
            }
        }
        jpegScale = scale
    }

    /// Bytes held at the peak, an upper bound: the decoder's output and working buffers,
    /// the upright copy, the resizer's row pass (one float4 per source row and output
    /// column), the output and its encoding, and the request body.
    /// `limits.check` in `init` bounds width x height (50 megapixels with `.server`), so
    /// none of these products can overflow.
    func memoryCost(bodyBytes: Int) -> Int {
        let (w, h) = (info.width, info.height)
        var decoded: Int
        switch info.format {
        case .png:
            let wide = info.bitDepth > 8
            // The inflated scanlines: a filter byte and the packed samples of each row
            // (an indexed file stores one sample a pixel, so its channel count overstates).
            let row = (w * max(info.channels, 1) * max(info.bitDepth, 1) + 7) / 8 + 1
            decoded = w * h * (wide ? 8 : 4) + row * h  // raster + inflated scanlines
            if wide { decoded += w * h * 4 }                     // the 8-bit copy
        case .jpeg:
            let (sw, sh) = (jpegScale.scaled(w), jpegScale.scaled(h))
            decoded = sw * sh * 4 + (w + 32) * 32 * 4            // raster + row-group planes
            if info.isProgressive { decoded += (w + 32) * (h + 32) * 2 * max(info.channels, 1) }
        }
        let (dw, dh) = info.format == .jpeg ? (jpegScale.scaled(w), jpegScale.scaled(h)) : (w, h)
        let upright = info.orientation == .up ? 0 : dw * dh * 4
        let resize = max(dw, dh) * max(width, height) * 16 + width * height * 4
        let output = width * height * 8
        return decoded + upright + resize + output + bodyBytes + (64 << 10)
    }
}

/// The largest size inside `box x box` with the image's aspect ratio, never enlarged:
/// the long side becomes `box`, the short side rounds to nearest and is at least 1.
func fittedSize(width: Int, height: Int, inside box: Int) -> (Int, Int) {
    guard width > box || height > box else { return (width, height) }
    // width, height <= the limits' maxWidth/maxHeight (16384 with .server) and box <= 4096,
    // so the products stay far below Int.max.
    if width >= height {
        return (box, max(1, (height * box * 2 + width) / (2 * width)))
    }
    return (max(1, (width * box * 2 + height) / (2 * height)), box)
}
