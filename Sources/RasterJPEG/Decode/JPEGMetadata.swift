import RasterCore

/// The metadata segments of a JPEG, as stored.
public struct JPEGMetadata: Hashable, Sendable {
    /// The JFIF APP0 segment's fields.
    public struct JFIF: Hashable, Sendable {
        /// JFIF version, major part (1 for every JFIF file in use).
        public var majorVersion: UInt8
        /// JFIF version, minor part (0 to 2).
        public var minorVersion: UInt8
        /// 0: no units (aspect ratio only), 1: dots per inch, 2: dots per centimetre.
        public var densityUnits: UInt8
        /// Horizontal pixel density, in the unit `densityUnits` names.
        public var xDensity: Int
        /// Vertical pixel density, in the unit `densityUnits` names.
        public var yDensity: Int
    }

    /// The Adobe APP14 segment's fields.
    public struct Adobe: Hashable, Sendable {
        /// The DCTEncode version Adobe wrote (100 or 101).
        public var version: Int
        /// 0: no transform (RGB or CMYK), 1: YCbCr, 2: YCCK.
        public var transform: UInt8
    }

    /// The JFIF APP0 segment, or nil when the file has none.
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
    /// The Adobe APP14 segment, or nil when the file has none; its transform decides how three- and four-component files are read.
    public var adobe: Adobe?

    /// Empty metadata: no segments kept, orientation `.up`.
    public init() {}
}
