import NIOPosix
import Raster

/// The Raster calls behind `POST /thumbnail`, in the order a reader expects:
/// probe the header, reserve its memory, decode, fit, encode.
///
/// When the library's thumbnail path lands on main (JPEG shrink-on-load, EXIF orientation,
/// lanczos3 fit), `fitted(_:inside:)` and the decode above it become one library call;
/// nothing else here changes.
struct Thumbnailer: Sendable {
    let budget: MemoryBudget
    let budgetWait: Duration
    let limits: DecodeLimits
    /// Decoding, resizing and encoding run on NIO's pool for blocking work (one thread a
    /// core), not on Swift's cooperative pool: with every core busy decoding, /healthz and
    /// the connections' I/O still get a thread.
    let pool: NIOThreadPool

    /// `bytes` is the request body as it arrived (Raster reads any contiguous collection
    /// in place, so the body is never copied).
    func thumbnail<Bytes: Collection<UInt8> & Sendable>(of bytes: Bytes, size: Int, format: ImageFormat,
                                                        quality: Int) async throws -> [UInt8] {
        let info = try Codecs.probe(bytes)
        let cost = try memoryCost(info, size: size, bodyBytes: bytes.count)
        // Held until this function returns, however it returns: a decode that throws
        // gives the bytes back as surely as one that succeeds.
        let reservation = try await budget.reserve(cost, timeout: budgetWait)
        defer { reservation.release() }
        return try await pool.runIfActive { [self] in
            let decoded = try Codecs.decode(bytes, limits: limits)
            let small = fitted(decoded, inside: size)
            return try encode(small, as: format, quality: quality)
        }
    }

    /// The image scaled with lanczos3 to fit inside `size x size`, never enlarged.
    func fitted(_ decoded: DecodedImage, inside size: Int) -> RGBA8Image {
        let image = decoded.rgba8
        let (w, h) = fittedSize(width: image.width, height: image.height, inside: size)
        if w == image.width && h == image.height { return image }
        return resizeLanczos3(image, width: w, height: h)
    }

    /// Bytes a thumbnail of `info` needs at its peak, checked against the decode limits
    /// and the whole budget first (an image over either is 413: waiting cannot help).
    /// The decoder holds the pixels (8 bytes each at 16 bits, plus the narrowed 8-bit copy)
    /// and the inflated scanlines; the resize holds its row pass; then the output. The
    /// request body is held until the response is sent, so it counts too.
    func memoryCost(_ info: ImageInfo, size: Int, bodyBytes: Int) throws(LimitExceeded) -> Int {
        let wide = info.bitDepth > 8
        let stored = (info.width * info.channels * max(info.bitDepth, 1) + 7) / 8 + 1
        let scanlines = stored * info.height  // limits.check below keeps these in range
        try limits.check(width: info.width, height: info.height, bytesPerPixel: wide ? 12 : 4,
                         extraBytes: scanlines)
        let (outW, outH) = fittedSize(width: info.width, height: info.height, inside: size)
        // Passing limits.check bounds width*height*12 + scanlines by maxBytes (an Int), and
        // outW <= width, outH <= height, so none of these sums can overflow.
        let pixels = info.width * info.height * (wide ? 12 : 4)
        let resize = info.height * outW * 16 + outW * outH * 8
        let cost = pixels + scanlines + resize + bodyBytes + (64 << 10)  // bodyBytes <= 32 MiB
        guard cost <= budget.capacity else {
            throw LimitExceeded(cap: .bytes, requested: cost, limit: budget.capacity)
        }
        return cost
    }
}

/// The largest size inside `box x box` with the image's aspect ratio, never enlarged:
/// the long side becomes `box`, the short side rounds to nearest and is at least 1.
func fittedSize(width: Int, height: Int, inside box: Int) -> (Int, Int) {
    guard width > box || height > box else { return (width, height) }
    // width, height <= DecodeLimits' maxWidth/maxHeight (2^20) and box <= 4096, so the
    // products stay far below Int.max.
    if width >= height {
        return (box, max(1, (height * box * 2 + width) / (2 * width)))
    }
    return (max(1, (width * box * 2 + height) / (2 * height)), box)
}

/// Encodes the service's output. JPEG quality is passed on once the JPEG encoder lands
/// (main's `Codecs.encode` takes no options yet, and has no JPEG encoder).
func encode(_ image: RGBA8Image, as format: ImageFormat, quality: Int) throws -> [UInt8] {
    do {
        return try Codecs.encode(.rgba8(image), as: format)
    } catch RasterError.unsupportedFormat(let f) {
        throw ServiceError.cannotEncode(f)
    }
}
