import Hummingbird
import NIOPosix
import Raster

/// The handlers: parse the query, read the body, call Raster, answer. Every failure goes
/// through `errorResponse(for:)`.
struct ImageService: Sendable {
    static let maxBodyBytes = 32 << 20

    let budget: MemoryBudget
    let thumbnailer: Thumbnailer
    let watermarkImage: RGBA8Image
    let metrics = Metrics()

    init(options: Options) throws {
        budget = MemoryBudget(bytes: options.budgetBytes)
        // Raster's caps for untrusted uploads (16384 a side, 50 megapixels, 256 MiB a
        // decode), and never more bytes than the whole budget.
        var limits = DecodeLimits.server
        limits.maxBytes = min(limits.maxBytes, options.budgetBytes)
        thumbnailer = Thumbnailer(budget: budget, budgetWait: options.budgetWait, limits: limits,
                                  pool: NIOThreadPool.singleton)
        if let path = options.watermarkPath {
            guard let bytes = readFile(path) else { throw ServiceError.unreadableFile(path) }
            watermarkImage = try Codecs.decode(bytes).image.narrowed()
        } else {
            watermarkImage = try defaultWatermark()
        }
    }

    func thumbnail(_ request: Request) async -> Response {
        await respond { () async throws -> Response in
            let query = request.uri.queryParameters
            let size = try intParameter(query["size"], default: 256, in: 1 ... 4096, name: "size")
            let quality = try intParameter(query["quality"], default: 85, in: 1 ... 100, name: "quality")
            let format = try formatParameter(query["format"])
            var body = try BodyReader(request, limit: Self.maxBodyBytes)
            let bytes = try await thumbnailer.thumbnail(of: &body, size: size, format: format, quality: quality)
            return imageResponse(bytes, format: format)
        }
    }

    func watermark(_ request: Request) async -> Response {
        await respond { () async throws -> Response in
            let query = request.uri.queryParameters
            let x = try intParameter(query["x"], default: 0, in: -(1 << 20) ... 1 << 20, name: "x")
            let y = try intParameter(query["y"], default: 0, in: -(1 << 20) ... 1 << 20, name: "y")
            let opacity = try opacityParameter(query["opacity"])
            let format = try formatParameter(query["format"])
            var body = try BodyReader(request, limit: Self.maxBodyBytes)
            let info = try await body.readHeader()
            // Decoded pixels, the PNG scanlines and the encoder's copy: 12 bytes a pixel.
            try thumbnailer.limits.check(width: info.width, height: info.height, bytesPerPixel: 12)
            let cost = info.width * info.height * 12 + body.expectedSize + (64 << 10)
            guard cost <= budget.capacity else {
                throw LimitExceeded(cap: .bytes, requested: cost, limit: budget.capacity)
            }
            let reservation = try await budget.reserve(cost, timeout: thumbnailer.budgetWait)
            defer { reservation.release() }
            let bytes = try await body.readAll().readableBytesView
            let (limits, mark) = (thumbnailer.limits, watermarkImage)
            let output = try await thumbnailer.pool.runIfActive {
                var image = try Codecs.decode(bytes, options: DecodeOptions(limits: limits)).image.narrowed()
                image.draw(mark, at: Point(x: x, y: y), operator: .srcOver, coverage: .opacity(opacity))
                return try Codecs.encode(image, as: format)
            }
            return imageResponse(output, format: format)
        }
    }

    func metricsResponse() -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.render(budget: budget))))
    }

    /// Runs a handler body, turns any error into its response, and counts the outcome.
    private func respond(_ body: () async throws -> Response) async -> Response {
        metrics.started()
        let response: Response
        do { response = try await body() } catch { response = errorResponse(for: error) }
        metrics.finished(response.status)
        return response
    }

}

private func imageResponse(_ bytes: [UInt8], format: ImageFormat) -> Response {
    let type = format == .png ? "image/png" : "image/jpeg"
    return Response(status: .ok, headers: [.contentType: type],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
}

private func intParameter(_ text: Substring?, default value: Int, in range: ClosedRange<Int>,
                          name: String) throws(ServiceError) -> Int {
    guard let text else { return value }
    guard let n = Int(text), range.contains(n) else {
        throw .badQuery("\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound)")
    }
    return n
}

private func formatParameter(_ text: Substring?) throws(ServiceError) -> ImageFormat {
    switch text {
    case nil, "png": return .png
    case "jpeg", "jpg": return .jpeg
    default: throw .badQuery("format must be jpeg or png")
    }
}

/// Opacity as a fraction in [0, 1], to the nearest of 256 coverage steps.
private func opacityParameter(_ text: Substring?) throws(ServiceError) -> UInt8 {
    guard let text else { return 128 }
    guard let a = Double(text), a >= 0, a <= 1 else { throw .badQuery("opacity must be a number in 0...1") }
    return UInt8((a * 255).rounded())
}

/// A 96x32 mark of diagonal stripes, used when no --watermark file is given.
private func defaultWatermark() throws -> RGBA8Image {
    var mark = try RGBA8Image(width: 96, height: 32, fill: RGBA8(r: 255, g: 255, b: 255, a: 160))
    for y in 0 ..< 32 {
        for x in stride(from: (y / 4) % 8, to: 96, by: 8) {
            mark.fill(Rect(x: x, y: y, width: 4, height: 1), with: RGBA8(r: 20, g: 20, b: 20, a: 200), operator: .src)
        }
    }
    return mark
}
