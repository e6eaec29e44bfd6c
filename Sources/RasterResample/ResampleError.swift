import RasterCore

/// Why a resize or fit was refused. Nothing is allocated before these checks pass.
public enum ResampleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A requested output side is zero or negative, or a fit names no side at all.
    case invalidSize(width: Int?, height: Int?)
    /// The source has no pixels, so there is nothing to sample.
    case emptySource(width: Int, height: Int)
    /// The output (or its working memory) is larger than the caller's limits allow.
    case limitExceeded(LimitExceeded)

    public var description: String {
        func side(_ v: Int?) -> String { v.map(String.init) ?? "" }
        switch self {
        case let .invalidSize(w, h):
            return "invalid target size \(side(w))x\(side(h)): sides must be positive and at least one given"
        case let .emptySource(w, h):
            return "cannot resample an empty \(w)x\(h) image"
        case let .limitExceeded(limit):
            return "resize output too large: \(limit.description)"
        }
    }
}

extension ResampleError: RasterFailure {
    public var kind: ErrorKind {
        switch self {
        case .invalidSize, .emptySource: return .invalidArgument
        case .limitExceeded: return .limitExceeded
        }
    }
}
