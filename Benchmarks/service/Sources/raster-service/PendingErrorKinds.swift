import Raster

// TEMPORARY, delete when main's `RasterError` conforms to `RasterFailure` (the lead's
// front-door rewrite): until then `errorKind(of:)` asks this function. It is not reached
// once the conformance lands, because `as? any RasterFailure` answers first.
func pendingKind(of error: RasterError) -> ErrorKind {
    switch error {
    case .unknownFormat, .unsupportedFormat: return .unsupported
    case let .png(png):
        switch png {
        case .truncated, .imageDataTooShort: return .truncated
        case let .limitExceeded(limit): return limit.kind
        case .unencodable: return .invalidArgument
        default: return .corrupt
        }
    }
}
