/// An image of straight (non-premultiplied) 8-bit RGBA pixels, stored row-major with no
/// padding: pixel `(x, y)` starts at byte `(y * width + x) * 4`.
///
/// A value type: copies share storage until one is mutated (copy-on-write through the
/// standard library's array), so images can be passed between tasks without locks.
public struct RGBA8Image: Hashable, Sendable {
    /// Width in pixels, zero or more.
    public let width: Int
    /// Height in pixels, zero or more.
    public let height: Int
    @usableFromInline internal var storage: [UInt8]

    /// Samples from one row to the next (`width * 4`; rows have no padding).
    @inlinable public var rowStride: Int { width &* 4 }
    /// The image's own rectangle, at the origin.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }
    /// True when the image has no pixels (zero width or height), as when
    /// ``RGBA8Image/cropped(to:)`` misses the image.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// An image filled with one colour. Throws for negative or overflowing sizes.
    public init(width: Int, height: Int, fill: RGBA8 = .transparent) throws(ImageError) {
        let count = try checkedElementCount(width: width, height: height, channels: 4)
        self.width = width
        self.height = height
        if fill == .transparent {
            storage = [UInt8](repeating: 0, count: count)
        } else {
            var storage = [UInt8](repeating: 0, count: count)
            storage.withUnsafeMutableBufferPointer { buf in
                var i = 0
                while i < count {
                    buf[i] = fill.r; buf[i + 1] = fill.g; buf[i + 2] = fill.b; buf[i + 3] = fill.a
                    i += 4
                }
            }
            self.storage = storage
        }
    }

    /// Wraps existing RGBA samples; their count must be exactly `width * height * 4`.
    public init(width: Int, height: Int, samples: [UInt8]) throws(ImageError) {
        let count = try checkedElementCount(width: width, height: height, channels: 4)
        guard samples.count == count else { throw .bufferSizeMismatch(expected: count, actual: samples.count) }
        self.width = width
        self.height = height
        self.storage = samples
    }

    /// Builds an image and lets `body` write its bytes in place (they start zeroed).
    /// For decoders: check `DecodeLimits` before calling, since this allocates at once.
    public init(width: Int, height: Int,
                initializingWith body: (UnsafeMutableBufferPointer<UInt8>) throws(ImageError) -> Void) throws(ImageError) {
        let count = try checkedElementCount(width: width, height: height, channels: 4)
        var storage = [UInt8](repeating: 0, count: count)
        try storage.withUnsafeMutableBufferPointer { (buf) throws(ImageError) in try body(buf) }
        self.width = width
        self.height = height
        self.storage = storage
    }

    /// The pixel at `(x, y)`, or transparent black outside the image (as Go's `image.RGBA.At`).
    public subscript(x: Int, y: Int) -> RGBA8 {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .transparent }
            let i = (y &* width &+ x) &* 4
            return RGBA8(r: storage[i], g: storage[i + 1], b: storage[i + 2], a: storage[i + 3])
        }
        set {
            // Writes outside the image are ignored, so callers never have to pre-clip a point.
            guard x >= 0, y >= 0, x < width, y < height else { return }
            let i = (y &* width &+ x) &* 4
            storage[i] = newValue.r
            storage[i + 1] = newValue.g
            storage[i + 2] = newValue.b
            storage[i + 3] = newValue.a
        }
    }

    /// The samples, `width * height * 4` of them in R, G, B, A order .
    public var samples: [UInt8] { storage }

    /// Read access to all samples for fast loops.
    @inlinable
    public func withUnsafeSamples<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try storage.withUnsafeBufferPointer { (buf) throws(E) -> R in try body(buf) }
    }

    /// Write access to all samples for fast loops; the buffer's size cannot change.
    @inlinable
    public mutating func withUnsafeMutableSamples<R, E: Error>(_ body: (UnsafeMutableBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try storage.withUnsafeMutableBufferPointer { (buf) throws(E) -> R in try body(buf) }
    }

    /// The part of the image inside `rect`, clipped to the image; empty if they do not meet.
    public func cropped(to rect: Rect) -> RGBA8Image {
        let r = rect.intersection(bounds)
        var out = RGBA8Image(validatedWidth: r.width, height: r.height)
        if r.isEmpty { return out }
        let rowBytes = r.width * 4
        storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for row in 0 ..< r.height {
                    let from = ((r.y + row) * width + r.x) * 4
                    let to = row * rowBytes
                    for i in 0 ..< rowBytes { dst[to + i] = src[from + i] }
                }
            }
        }
        return out
    }

    /// A size that is known to be valid (non-negative and no larger than an existing image).
    @usableFromInline
    init(validatedWidth width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        self.storage = [UInt8](repeating: 0, count: self.width * self.height * 4)
    }

    /// For Raster's own decoders, which have checked the size against `DecodeLimits` (so
    /// `width * height * 4` does not overflow) and built exactly that many samples. Not
    /// public: a caller outside the package goes through the checking initialisers.
    package init(width: Int, height: Int, validatedSamples samples: [UInt8]) {
        self.width = width
        self.height = height
        self.storage = samples
    }
}
