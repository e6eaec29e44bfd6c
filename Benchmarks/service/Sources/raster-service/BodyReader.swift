import Hummingbird
import Raster

/// Reads a request body in two steps, so that a request waiting for memory budget holds
/// only the first bytes of its body, not all of it:
///
///     var body = try BodyReader(request)
///     let info = try await body.readHeader()     // first bytes: the image header
///     ... reserve info's cost + body.expectedSize from the budget (may wait) ...
///     let bytes = try await body.readAll()       // the rest, into one buffer
///
/// A body larger than `limit` is refused (413) as soon as its Content-Length says so, or
/// as soon as that many bytes arrive.
struct BodyReader {
    /// Bytes read before giving up on finding the header in a prefix (JPEG's SOF can follow
    /// large EXIF or ICC segments); such a body is read whole before the reservation.
    static let headerWindow = 256 << 10

    let limit: Int
    /// The Content-Length the client declared, if any.
    let declaredLength: Int?
    private var parts: RequestBody.AsyncIterator
    private var buffer = ByteBuffer()
    private var ended = false

    init(_ request: Request, limit: Int) throws(ServiceError) {
        self.limit = limit
        declaredLength = request.headers[.contentLength].flatMap { Int($0) }
        if let declared = declaredLength, declared > limit { throw .bodyTooLarge(limit: limit) }
        parts = request.body.makeAsyncIterator()
    }

    /// What the whole body will hold: the declared length, or the limit when none was sent
    /// (a chunked upload is reserved at its worst case).
    var expectedSize: Int { declaredLength ?? limit }

    /// Reads until the image header can be read, and returns it; throws Raster's error for
    /// a body that is no image (after reading it whole, so the error names the real problem).
    mutating func readHeader() async throws -> ImageInfo {
        while !ended, buffer.readableBytes < Self.headerWindow {
            try await readPart()
            if let info = try? Codecs.probe(buffer.readableBytesView) { return info }
        }
        _ = try await readAll()
        return try Codecs.probe(buffer.readableBytesView)
    }

    /// Reads the rest of the body and returns all of it.
    mutating func readAll() async throws -> ByteBuffer {
        if let declared = declaredLength { buffer.reserveCapacity(declared) }  // one allocation
        while !ended { try await readPart() }
        guard buffer.readableBytes > 0 else { throw ServiceError.emptyBody }
        return buffer
    }

    private mutating func readPart() async throws {
        guard let part = try await parts.next() else {
            ended = true
            if buffer.readableBytes == 0 { throw ServiceError.emptyBody }
            return
        }
        guard part.readableBytes <= limit - buffer.readableBytes else {  // readable <= limit holds
            throw ServiceError.bodyTooLarge(limit: limit)
        }
        buffer.writeImmutableBuffer(part)
    }
}
