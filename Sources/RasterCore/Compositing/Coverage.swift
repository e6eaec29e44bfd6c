/// How much of the source reaches each destination pixel: the result is
/// `m * op(src, dst) + (1 - m) * dst` (premultiplied, then rounded once), with `m` the
/// coverage as a fraction of 255.
public enum Coverage: Hashable, Sendable {
    /// The same coverage everywhere, e.g. `.opacity(128)` for a 50% watermark.
    case opacity(UInt8)
    /// A coverage per pixel, positioned with the source: mask pixel `(x, y)` covers source
    /// pixel `(x, y)` when drawing an image, and pixel `(rect.x + x, rect.y + y)` when filling
    /// a rectangle. Pixels the mask does not reach are not drawn at all.
    case mask(CoverageMask)
}

extension Coverage {
    /// Full coverage: the operator's result replaces the destination pixel (the default of
    /// `draw` and `fill`; the same as `.opacity(255)`).
    public static let full = Coverage.opacity(255)

    /// The kernels' view of a coverage: a per-pixel mask or a constant opacity, and the
    /// source area left after a mask clips it.
    static func resolve(_ coverage: Coverage, within area: Rect) -> (mask: CoverageMask?, opacity: UInt32, limit: Rect) {
        switch coverage {
        case let .opacity(value): return (nil, UInt32(value), area)
        case let .mask(m): return (m, 255, area.intersection(m.bounds))
        }
    }
}

/// A single-channel 8-bit coverage (alpha) mask, row-major with no padding.
public struct CoverageMask: Hashable, Sendable {
    /// Width in pixels, zero or more.
    public let width: Int
    /// Height in pixels, zero or more.
    public let height: Int
    /// `width * height` coverage values, 0 (none) through 255 (full).
    public let values: [UInt8]

    /// The mask's own rectangle, at the origin; drawing through the mask leaves every pixel outside
    /// it untouched.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// A mask of one value everywhere.
    public init(width: Int, height: Int, fill: UInt8 = 255) throws(ImageError) {
        let count = try checkedElementCount(width: width, height: height, channels: 1)
        self.width = width
        self.height = height
        self.values = [UInt8](repeating: fill, count: count)
    }

    /// Wraps coverage values; their count must be exactly `width * height`.
    public init(width: Int, height: Int, values: [UInt8]) throws(ImageError) {
        let count = try checkedElementCount(width: width, height: height, channels: 1)
        guard values.count == count else { throw .bufferSizeMismatch(expected: count, actual: values.count) }
        self.width = width
        self.height = height
        self.values = values
    }

    /// The alpha channel of an image, as a mask of the same size.
    public init(alphaOf image: RGBA8Image) {
        width = image.width
        height = image.height
        var out = [UInt8]()
        out.reserveCapacity(image.width * image.height)
        image.withUnsafeSamples { bytes in
            var i = 3
            while i < bytes.count {
                out.append(bytes[i])
                i += 4
            }
        }
        values = out
    }

    /// The coverage at `(x, y)`, or 0 outside the mask.
    public subscript(x: Int, y: Int) -> UInt8 {
        guard x >= 0, y >= 0, x < width, y < height else { return 0 }
        return values[y &* width &+ x]
    }
}
