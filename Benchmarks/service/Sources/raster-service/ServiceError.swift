import Raster

/// Failures of the HTTP layer itself (the image codecs have their own errors). Each says
/// its `ErrorKind`, so `errorResponse(for:)` maps them like any Raster error.
enum ServiceError: RasterFailure {
    /// A query parameter is missing its form or out of range.
    case badQuery(String)
    /// The request has no body.
    case emptyBody
    /// The body is larger than the service accepts.
    case bodyTooLarge(limit: Int)
    /// The --watermark file could not be read (at start-up).
    case unreadableFile(String)

    var kind: ErrorKind {
        switch self {
        case .badQuery: return .invalidArgument
        case .emptyBody: return .truncated
        case .bodyTooLarge: return .limitExceeded
        case .unreadableFile: return .invalidArgument
        }
    }

    var description: String {
        switch self {
        case let .badQuery(what): return "bad query: \(what)"
        case .emptyBody: return "empty body: send the image as the request body"
        case let .bodyTooLarge(limit): return "body larger than \(limit) bytes"
        case let .unreadableFile(path): return "cannot read \(path)"
        }
    }
}
