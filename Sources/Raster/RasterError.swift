/// The one error type of the format-independent entry points (`Codecs`).
///
/// A service maps it with one `switch` over `kind` (see `ErrorKind`); a caller who wants the
/// codec's own detail asks `png`, `pngEncode` (and, as codecs are added, their own
/// accessors). It is a struct, not an enum of codec cases, so that adding a codec adds an
/// accessor and never breaks a caller's exhaustive `switch`.
public struct RasterError: Error, Hashable, Sendable, CustomStringConvertible, RasterFailure {
    /// What the failure came from. Internal so that it can grow with the codecs.
    enum Source: Hashable, Sendable {
        case unknownFormat
        case unsupportedOperation(ImageFormat, String)
        case png(PNGError)
        case pngEncode(PNGEncodeError)
        case jpeg(JPEGError)
        case jpegEncode(JPEGEncodeError)
        case image(ImageError)
        case limit(LimitExceeded)
        case budget(BudgetExceeded)
    }

    let source: Source

    init(_ source: Source) { self.source = source }

    /// The bytes start with no signature Raster knows (neither PNG nor JPEG).
    public static let unknownFormat = RasterError(.unknownFormat)

    /// Which kind of failure this is; switch on it to map errors to statuses or retries.
    public var kind: ErrorKind {
        switch source {
        case .unknownFormat, .unsupportedOperation: return .unsupported
        case let .png(e): return e.kind
        case let .pngEncode(e): return e.kind
        case let .jpeg(e): return e.kind
        case let .jpegEncode(e): return e.kind
        case let .image(e): return e.kind
        case let .limit(e): return e.kind
        case let .budget(e): return e.kind
        }
    }

    /// The format the failing data or request was in, when it was recognised.
    public var format: ImageFormat? {
        switch source {
        case .unknownFormat, .image, .limit, .budget: return nil
        case let .unsupportedOperation(format, _): return format
        case .png, .pngEncode: return .png
        case .jpeg, .jpegEncode: return .jpeg
        }
    }

    /// The PNG decoder's own error, when the PNG decoder threw.
    public var png: PNGError? {
        if case let .png(e) = source { return e }
        return nil
    }

    /// The PNG encoder's own error, when the PNG encoder threw.
    public var pngEncode: PNGEncodeError? {
        if case let .pngEncode(e) = source { return e }
        return nil
    }

    /// The JPEG decoder's own error, when the JPEG decoder threw.
    public var jpeg: JPEGError? {
        if case let .jpeg(e) = source { return e }
        return nil
    }

    /// The JPEG encoder's own error, when the JPEG encoder threw.
    public var jpegEncode: JPEGEncodeError? {
        if case let .jpegEncode(e) = source { return e }
        return nil
    }

    /// The cap that was exceeded, for `.limitExceeded` failures from any codec.
    public var limitExceeded: LimitExceeded? {
        switch source {
        case let .limit(e): return e
        case let .png(.limitExceeded(e)): return e
        case let .jpeg(.limitExceeded(e)): return e
        default: return nil
        }
    }

    /// The budget refusal, for `.budgetExceeded` failures: how much was asked and how much
    /// was in use, to size a `Retry-After`.
    public var budgetExceeded: BudgetExceeded? {
        if case let .budget(e) = source { return e }
        return nil
    }

    /// The error this one wraps, for logging or for codec-specific handling.
    public var underlying: (any RasterFailure)? {
        switch source {
        case .unknownFormat, .unsupportedOperation: return nil
        case let .png(e): return e
        case let .pngEncode(e): return e
        case let .jpeg(e): return e
        case let .jpegEncode(e): return e
        case let .image(e): return e
        case let .limit(e): return e
        case let .budget(e): return e
        }
    }

    /// A sentence saying what went wrong, prefixed with the codec when one was involved (`png:
    /// ...`), for logs and error responses.
    public var description: String {
        switch source {
        case .unknownFormat:
            return "unknown image format: the data starts with neither a PNG nor a JPEG signature"
        case let .unsupportedOperation(format, what):
            return "\(format.rawValue): \(what) is not supported"
        case let .png(e): return "png: \(e)"
        case let .pngEncode(e): return "png: \(e)"
        case let .jpeg(e): return "jpeg: \(e)"
        case let .jpegEncode(e): return "jpeg: \(e)"
        case let .image(e): return e.description
        case let .limit(e): return "image too large: \(e)"
        case let .budget(e): return e.description
        }
    }
}
