/// Caps a decoder checks against the header before it allocates anything, so a small file
/// that promises a huge image fails fast with `LimitExceeded` instead of exhausting memory.
public struct DecodeLimits: Hashable, Sendable {
    /// Largest accepted width in pixels.
    public var maxWidth: Int
    /// Largest accepted height in pixels.
    public var maxHeight: Int
    /// Largest accepted `width * height`.
    public var maxPixels: Int
    /// Largest total number of bytes the decoder may allocate for one image (pixels plus
    /// its working buffers, such as decompressed scanlines).
    public var maxBytes: Int

    /// Caps of your own; any argument left out takes its value in ``DecodeLimits/default`` (2^20
    /// pixels per side, 2^28 pixels, 2^31 bytes).
    public init(maxWidth: Int = 1 << 20, maxHeight: Int = 1 << 20, maxPixels: Int = 1 << 28,
                maxBytes: Int = 1 << 31) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.maxPixels = maxPixels
        self.maxBytes = maxBytes
    }

    /// 2^20 pixels per side, 2^28 pixels (a 16384x16384 image) and 2 GiB of allocation: room
    /// for any real photograph, but a 260 KB PNG bomb may still make one decode commit over a
    /// gigabyte. Use `.server` for untrusted uploads.
    public static let `default` = DecodeLimits()

    /// For services decoding untrusted uploads: 16384 pixels per side, 50 megapixels (a
    /// 12-megapixel phone photo four times over) and 256 MiB of allocation per decode, so
    /// that a handful of concurrent hostile requests cannot exhaust a small container.
    public static let server = DecodeLimits(maxWidth: 16384, maxHeight: 16384, maxPixels: 50_000_000,
                                            maxBytes: 256 << 20)

    /// No caps beyond what memory addressing allows. For trusted input only.
    public static let unlimited = DecodeLimits(maxWidth: .max, maxHeight: .max, maxPixels: .max, maxBytes: .max)

    /// Throws unless an image of `width x height` with `bytesPerPixel` bytes of output per
    /// pixel, plus `extraBytes` of working memory, fits every cap.
    public func check(width: Int, height: Int, bytesPerPixel: Int, extraBytes: Int = 0) throws(LimitExceeded) {
        if width > maxWidth { throw LimitExceeded(cap: .width, requested: width, limit: maxWidth) }
        if height > maxHeight { throw LimitExceeded(cap: .height, requested: height, limit: maxHeight) }
        let (pixels, o1) = max(width, 0).multipliedReportingOverflow(by: max(height, 0))
        if o1 || pixels > maxPixels {
            throw LimitExceeded(cap: .pixels, requested: o1 ? .max : pixels, limit: maxPixels)
        }
        let (bytes, o2) = pixels.multipliedReportingOverflow(by: max(bytesPerPixel, 0))
        let (total, o3) = bytes.addingReportingOverflow(max(extraBytes, 0))
        if o2 || o3 || total > maxBytes {
            throw LimitExceeded(cap: .bytes, requested: (o2 || o3) ? .max : total, limit: maxBytes)
        }
    }
}

/// A decode refused because the image would exceed a `DecodeLimits` cap.
public struct LimitExceeded: Error, Hashable, Sendable, CustomStringConvertible {
    /// The four caps of `DecodeLimits`.
    public enum Cap: String, Hashable, Sendable {
        /// One case per cap: `width` is ``DecodeLimits/maxWidth``, `height`
        /// ``DecodeLimits/maxHeight``, `pixels` ``DecodeLimits/maxPixels`` and `bytes`
        /// ``DecodeLimits/maxBytes``; the raw value names it in ``LimitExceeded/description``.
        case width, height, pixels, bytes
    }

    /// Which cap was exceeded.
    public var cap: Cap
    /// What the input asked for (`Int.max` when the request itself overflows).
    public var requested: Int
    /// The cap in force.
    public var limit: Int

    /// A refusal of `requested` against `limit` for `cap`, as
    /// ``DecodeLimits/check(width:height:bytesPerPixel:extraBytes:)`` throws it; pass `Int.max` as
    /// `requested` when the request overflowed.
    public init(cap: Cap, requested: Int, limit: Int) {
        self.cap = cap
        self.requested = requested
        self.limit = limit
    }

    /// A sentence saying which cap was exceeded, what the input asked for and what the limit is,
    /// for logs and error responses.
    public var description: String {
        let asked = requested == .max ? "more than Int.max" : String(requested)
        return "\(cap.rawValue) \(asked) exceeds the limit of \(limit)"
    }
}
