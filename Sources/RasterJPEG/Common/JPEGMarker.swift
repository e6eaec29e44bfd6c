/// The second byte of a JPEG marker (the first is always 0xFF), as ITU T.81 table B.1
/// numbers them. Shared by the decoder and the encoder.
public enum JPEGMarker {
    /// Start of image.
    public static let soi: UInt8 = 0xD8
    /// End of image.
    public static let eoi: UInt8 = 0xD9
    /// Start of scan.
    public static let sos: UInt8 = 0xDA
    /// Define quantisation tables.
    public static let dqt: UInt8 = 0xDB
    /// Define number of lines (only legal after the first scan; rarely written).
    public static let dnl: UInt8 = 0xDC
    /// Define restart interval.
    public static let dri: UInt8 = 0xDD
    /// Define hierarchical progression.
    public static let dhp: UInt8 = 0xDE
    /// Expand reference components (hierarchical).
    public static let exp: UInt8 = 0xDF
    /// Define Huffman tables.
    public static let dht: UInt8 = 0xC4
    /// Define arithmetic coding conditioning.
    public static let dac: UInt8 = 0xCC
    /// Baseline DCT frame.
    public static let sof0: UInt8 = 0xC0
    /// Extended sequential DCT frame, Huffman coding.
    public static let sof1: UInt8 = 0xC1
    /// Progressive DCT frame, Huffman coding.
    public static let sof2: UInt8 = 0xC2
    /// Lossless frame, Huffman coding.
    public static let sof3: UInt8 = 0xC3
    /// First application segment (JFIF); APPn is `app0 + n`.
    public static let app0: UInt8 = 0xE0
    /// EXIF lives here.
    public static let app1: UInt8 = 0xE1
    /// ICC profiles live here.
    public static let app2: UInt8 = 0xE2
    /// Adobe's colour-transform segment.
    public static let app14: UInt8 = 0xEE
    /// Comment.
    public static let com: UInt8 = 0xFE
    /// First restart marker; RSTn is `rst0 + n` for n in 0...7.
    public static let rst0: UInt8 = 0xD0
    /// Temporary private use in arithmetic coding; stands alone (no length).
    public static let tem: UInt8 = 0x01

    /// True for RST0...RST7.
    @inlinable public static func isRestart(_ code: UInt8) -> Bool { code & 0xF8 == 0xD0 }

    /// True for the SOFn markers (0xC0...0xCF except DHT, JPG and DAC).
    @inlinable public static func isStartOfFrame(_ code: UInt8) -> Bool {
        code >= 0xC0 && code <= 0xCF && code != dht && code != 0xC8 && code != dac
    }

    /// True for markers that carry no length field (T.81 B.1.1.3: SOI, EOI, RSTn, TEM).
    @inlinable public static func standsAlone(_ code: UInt8) -> Bool {
        code == soi || code == eoi || isRestart(code) || code == tem
    }
}
