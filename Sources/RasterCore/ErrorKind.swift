/// The kind of failure behind any error Raster throws, so that a caller (a service mapping
/// errors to HTTP statuses, say) needs one `switch` over six cases instead of a list of
/// codec-specific cases.
///
/// The set is closed on purpose: new codecs add detail cases to their own error types, never
/// a new kind, so an exhaustive `switch` over `ErrorKind` keeps compiling as Raster grows.
public enum ErrorKind: String, Hashable, Sendable, CaseIterable {
    /// The input is malformed: a bad signature, marker, checksum, code or value.
    case corrupt
    /// The input ends before the image is complete.
    case truncated
    /// The input is valid, but uses a feature Raster does not implement (for example
    /// arithmetic-coded or 12-bit JPEG).
    case unsupported
    /// The image is valid but larger than the caller's `DecodeLimits` allow.
    case limitExceeded
    /// The memory the call needs is not available from the caller's memory budget now.
    case budgetExceeded
    /// The caller's own argument is wrong (a negative size, an out-of-range option, an
    /// image or metadata the target format cannot store).
    case invalidArgument
}

/// An error that says which `ErrorKind` of failure it is. Every error type Raster throws
/// conforms, so code that only needs the kind can ask any of them the same question.
public protocol RasterFailure: Error, Sendable, CustomStringConvertible {
    /// Which kind of failure this is.
    var kind: ErrorKind { get }
}

extension ImageError: RasterFailure {
    /// Constructing an image with a bad size is always the caller's argument.
    public var kind: ErrorKind { .invalidArgument }
}

extension LimitExceeded: RasterFailure {
    /// Always ``ErrorKind/limitExceeded``.
    public var kind: ErrorKind { .limitExceeded }
}
