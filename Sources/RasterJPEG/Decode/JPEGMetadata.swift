import RasterCore

/// The metadata segments of a JPEG, as stored.
public struct JPEGMetadata: Hashable, Sendable {
    /// The JFIF APP0 segment's fields.
    public struct JFIF: Hashable, Sendable {
        public var majorVersion: UInt8
        public var minorVersion: UInt8
        /// 0: no units (aspect ratio only), 1: dots per inch, 2: dots per centimetre.
        public var densityUnits: UInt8
        public var xDensity: Int
        public var yDensity: Int
    }

    /// The Adobe APP14 segment's fields.
    public struct Adobe: Hashable, Sendable {
        public var version: Int
        /// 0: no transform (RGB or CMYK), 1: YCbCr, 2: YCCK.
        public var transform: UInt8
    }

    public var jfif: JFIF?
    /// The TIFF block of the first APP1 "Exif\0\0" segment (starting at its byte-order mark).
    public var exif: [UInt8]?
    /// The orientation tag (0x0112) of IFD0 in `exif`; `.up` without it.
    public var orientation: Orientation = .up
    /// The ICC profile reassembled from its APP2 "ICC_PROFILE" chunks in sequence order;
    /// nil without chunks, or when they are inconsistent (a warning says so).
    public var iccProfile: [UInt8]?
    /// COM segment payloads in file order.
    public var comments: [[UInt8]] = []
    public var adobe: Adobe?

    public init() {}
}
