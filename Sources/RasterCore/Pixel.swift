/// A straight (non-premultiplied) 8-bit RGBA colour.
public struct RGBA8: Hashable, Sendable {
    /// Red, 0 (none) to 255 (full), not multiplied by alpha.
    public var r: UInt8
    /// Green, 0 (none) to 255 (full), not multiplied by alpha.
    public var g: UInt8
    /// Blue, 0 (none) to 255 (full), not multiplied by alpha.
    public var b: UInt8
    /// Alpha, 0 (fully transparent) to 255 (opaque).
    public var a: UInt8

    /// A colour from its four channels; alpha defaults to 255, opaque.
    @inlinable
    public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }

    /// Transparent black, every channel 0: the default fill of a new ``RGBA8Image`` and what
    /// reading outside one returns.
    public static let transparent = RGBA8(r: 0, g: 0, b: 0, a: 0)
    /// Opaque black: red, green and blue 0, alpha 255.
    public static let black = RGBA8(r: 0, g: 0, b: 0)
    /// Opaque white: every channel 255.
    public static let white = RGBA8(r: 255, g: 255, b: 255)
}

/// A straight (non-premultiplied) 16-bit RGBA colour.
public struct RGBA16: Hashable, Sendable {
    /// Red, 0 (none) to 65535 (full), not multiplied by alpha.
    public var r: UInt16
    /// Green, 0 (none) to 65535 (full), not multiplied by alpha.
    public var g: UInt16
    /// Blue, 0 (none) to 65535 (full), not multiplied by alpha.
    public var b: UInt16
    /// Alpha, 0 (fully transparent) to 65535 (opaque).
    public var a: UInt16

    /// A colour from its four channels; alpha defaults to 65535, opaque.
    @inlinable
    public init(r: UInt16, g: UInt16, b: UInt16, a: UInt16 = 65535) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }

    /// Transparent black, every channel 0: the default fill of a new ``RGBA16Image`` and what
    /// reading outside one returns.
    public static let transparent = RGBA16(r: 0, g: 0, b: 0, a: 0)

    /// The nearest 8-bit colour, channel by channel (see `narrow(_:)`).
    @inlinable
    public func narrowed() -> RGBA8 {
        RGBA8(r: Self.narrow(r), g: Self.narrow(g), b: Self.narrow(b), a: Self.narrow(a))
    }

    /// The exact 16-bit equivalent of an 8-bit colour (`v * 257`).
    @inlinable
    public init(_ c: RGBA8) {
        self.init(r: UInt16(c.r) &* 257, g: UInt16(c.g) &* 257, b: UInt16(c.b) &* 257, a: UInt16(c.a) &* 257)
    }
}

extension RGBA16 {
    /// `round(v * 255 / 65535)`, ties away from zero, as the contract asks.
    ///
    /// `v * 255 / 65535 == v / 257`, and since 257 is odd, `v / 257` is never exactly halfway
    /// between two integers; so rounding to nearest is `floor((v + 128) / 257)`.
    @inlinable
    public static func narrow(_ v: UInt16) -> UInt8 {
        UInt8(truncatingIfNeeded: (UInt32(v) &+ 128) / 257)
    }
}
