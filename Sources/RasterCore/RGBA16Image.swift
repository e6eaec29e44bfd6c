/// An image of straight 16-bit RGBA pixels, row-major, four `UInt16` channels per pixel in
/// native byte order. Keeps 16-bit PNG data lossless; `narrowed()` gives the 8-bit image.
public struct RGBA16Image: Hashable, Sendable {
    /// Width in pixels, zero or more.
    public let width: Int
    /// Height in pixels, zero or more.
    public let height: Int
    /// `width * height * 4` channel values in R, G, B, A order.
    public var samples: [UInt16] { storage }
    @usableFromInline internal var storage: [UInt16]

    /// Samples from one row to the next (`width * 4`; rows have no padding).
    @inlinable public var rowStride: Int { width &* 4 }
    /// The image's own rectangle, at the origin: the area ``RGBA16Image/cropped(to:)`` clips to.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }
    /// True when the image has no pixels (zero width or height), as when
    /// ``RGBA16Image/cropped(to:)`` misses the image.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// An image filled with one colour (transparent black by default); throws ``ImageError`` for a
    /// negative size or one whose sample count overflows `Int`.
    public init(width: Int, height: Int, fill: RGBA16 = .transparent) throws(ImageError) {
        let count = try checkedElementCount(width: width, height: height, channels: 4)
        self.width = width
        self.height = height
        var storage = [UInt16](repeating: 0, count: count)
        if fill != .transparent {
            var i = 0
            while i < count {
                storage[i] = fill.r; storage[i + 1] = fill.g; storage[i + 2] = fill.b; storage[i + 3] = fill.a
                i += 4
            }
        }
        self.storage = storage
    }

    /// Wraps existing samples; their count must be exactly `width * height * 4`.
    public init(width: Int, height: Int, samples: [UInt16]) throws(ImageError) {
        let count = try checkedElementCount(width: width, height: height, channels: 4)
        guard samples.count == count else { throw .bufferSizeMismatch(expected: count, actual: samples.count) }
        self.width = width
        self.height = height
        self.storage = samples
    }

    /// An exact widening of an 8-bit image (`v * 257` per channel).
    public init(_ image: RGBA8Image) {
        width = image.width
        height = image.height
        storage = image.samples.map { UInt16($0) &* 257 }
    }

    /// The pixel at `(x, y)`, or transparent black outside the image.
    public subscript(x: Int, y: Int) -> RGBA16 {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .transparent }
            let i = (y &* width &+ x) &* 4
            return RGBA16(r: storage[i], g: storage[i + 1], b: storage[i + 2], a: storage[i + 3])
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            let i = (y &* width &+ x) &* 4
            storage[i] = newValue.r
            storage[i + 1] = newValue.g
            storage[i + 2] = newValue.b
            storage[i + 3] = newValue.a
        }
    }

    /// Calls `body` with read access to all `width * height * 4` samples, for fast loops; the
    /// buffer is valid only during the call.
    @inlinable
    public func withUnsafeSamples<R, E: Error>(_ body: (UnsafeBufferPointer<UInt16>) throws(E) -> R) throws(E) -> R {
        try storage.withUnsafeBufferPointer { (buf) throws(E) -> R in try body(buf) }
    }

    /// Calls `body` with write access to all samples, for fast loops; the buffer's size cannot
    /// change and it is valid only during the call.
    @inlinable
    public mutating func withUnsafeMutableSamples<R, E: Error>(_ body: (UnsafeMutableBufferPointer<UInt16>) throws(E) -> R) throws(E) -> R {
        try storage.withUnsafeMutableBufferPointer { (buf) throws(E) -> R in try body(buf) }
    }

    /// The part of the image inside `rect`, clipped to the image.
    public func cropped(to rect: Rect) -> RGBA16Image {
        let r = rect.intersection(bounds)
        var out = [UInt16]()
        out.reserveCapacity(max(r.width, 0) * max(r.height, 0) * 4)
        if !r.isEmpty {
            for row in r.y ..< r.y + r.height {
                let from = (row * width + r.x) * 4
                out.append(contentsOf: storage[from ..< from + r.width * 4])
            }
        }
        return RGBA16Image(validatedWidth: r.isEmpty ? 0 : r.width, height: r.isEmpty ? 0 : r.height, samples: out)
    }

    /// Every channel rounded to the nearest 8-bit value (`round(v * 255 / 65535)`).
    public func narrowed() -> RGBA8Image {
        let count = samples.count
        let result = try? RGBA8Image(width: width, height: height) { dst in
            storage.withUnsafeBufferPointer { src in
                for i in 0 ..< count { dst[i] = RGBA16.narrow(src[i]) }
            }
        }
        // The size was validated when this image was made, so construction cannot fail.
        return result ?? RGBA8Image(validatedWidth: 0, height: 0)
    }

    init(validatedWidth width: Int, height: Int, samples: [UInt16]) {
        self.width = width
        self.height = height
        self.storage = samples
    }

    /// For Raster's own decoders, which have checked the size against `DecodeLimits` (so
    /// `width * height * 4` does not overflow) and built exactly that many samples. Not
    /// public: a caller outside the package goes through the checking initialisers.
    package init(width: Int, height: Int, validatedSamples samples: [UInt16]) {
        self.width = width
        self.height = height
        self.storage = samples
    }
}
