/// Ancillary information from a PNG, as plain values. None of it changes decoded pixels:
/// the decoder applies no gamma or colour management.
public struct PNGMetadata: Hashable, Sendable {
    /// gAMA: image gamma times 100000 (45455 means 1/2.2).
    public var gamma: UInt32?
    /// cHRM: white point and primaries.
    public var chromaticities: PNGChromaticities?
    /// sRGB: rendering intent 0 (perceptual) to 3 (absolute colorimetric).
    public var sRGBIntent: UInt8?
    /// iCCP: the embedded ICC profile, inflated.
    public var iccProfile: PNGICCProfile?
    /// pHYs: pixel size or aspect ratio.
    public var physicalDimensions: PNGPhysicalDimensions?
    /// tIME: last modification time.
    public var modificationTime: PNGTime?
    /// bKGD: suggested background, in the file's own sample scale.
    public var background: PNGBackground?
    /// tEXt, zTXt and iTXt entries in file order.
    public var text: [PNGTextEntry]

    /// Metadata of your own, typically for ``PNGEncodeOptions/metadata``; every field left out is
    /// absent.
    public init(gamma: UInt32? = nil, chromaticities: PNGChromaticities? = nil, sRGBIntent: UInt8? = nil,
                iccProfile: PNGICCProfile? = nil, physicalDimensions: PNGPhysicalDimensions? = nil,
                modificationTime: PNGTime? = nil, background: PNGBackground? = nil, text: [PNGTextEntry] = []) {
        self.gamma = gamma
        self.chromaticities = chromaticities
        self.sRGBIntent = sRGBIntent
        self.iccProfile = iccProfile
        self.physicalDimensions = physicalDimensions
        self.modificationTime = modificationTime
        self.background = background
        self.text = text
    }

    /// True when no metadata is present.
    public var isEmpty: Bool { self == PNGMetadata() }
}

/// cHRM values, each a CIE coordinate times 100000 (PNG spec §11.3.3.1).
public struct PNGChromaticities: Hashable, Sendable {
    /// The white point's CIE 1931 x and y, each times 100000 (D65 is 31270, 32900).
    public var whiteX: UInt32, whiteY: UInt32
    /// The red primary's CIE 1931 x and y, each times 100000 (sRGB's is 64000, 33000).
    public var redX: UInt32, redY: UInt32
    /// The green primary's CIE 1931 x and y, each times 100000 (sRGB's is 30000, 60000).
    public var greenX: UInt32, greenY: UInt32
    /// The blue primary's CIE 1931 x and y, each times 100000 (sRGB's is 15000, 6000).
    public var blueX: UInt32, blueY: UInt32

    /// Chromaticities as cHRM stores them: every argument a CIE 1931 x or y coordinate times
    /// 100000.
    public init(whiteX: UInt32, whiteY: UInt32, redX: UInt32, redY: UInt32,
                greenX: UInt32, greenY: UInt32, blueX: UInt32, blueY: UInt32) {
        self.whiteX = whiteX; self.whiteY = whiteY
        self.redX = redX; self.redY = redY
        self.greenX = greenX; self.greenY = greenY
        self.blueX = blueX; self.blueY = blueY
    }
}

/// An embedded ICC profile (iCCP, PNG spec §11.3.3.3).
public struct PNGICCProfile: Hashable, Sendable {
    /// The profile name, 1 to 79 Latin-1 characters.
    public var name: String
    /// The uncompressed profile bytes.
    public var profile: [UInt8]

    /// A profile to embed: `name` of 1 to 79 Latin-1 characters and the uncompressed profile bytes,
    /// which the encoder compresses into iCCP.
    public init(name: String, profile: [UInt8]) {
        self.name = name
        self.profile = profile
    }
}

/// pHYs (PNG spec §11.3.5.3).
public struct PNGPhysicalDimensions: Hashable, Sendable {
    /// Pixels per unit horizontally: per metre when ``PNGPhysicalDimensions/unitIsMetre`` is true
    /// (2835 is 72 dpi), otherwise meaningful only as a ratio to
    /// ``PNGPhysicalDimensions/pixelsPerUnitY``.
    public var pixelsPerUnitX: UInt32
    /// Pixels per unit vertically: per metre when ``PNGPhysicalDimensions/unitIsMetre`` is true
    /// (2835 is 72 dpi), otherwise meaningful only as a ratio to
    /// ``PNGPhysicalDimensions/pixelsPerUnitX``.
    public var pixelsPerUnitY: UInt32
    /// True when the unit is the metre; false when only the aspect ratio is known.
    public var unitIsMetre: Bool

    /// Pixel density (per metre) or, with `unitIsMetre` false, only the pixel aspect ratio, as pHYs
    /// stores them.
    public init(pixelsPerUnitX: UInt32, pixelsPerUnitY: UInt32, unitIsMetre: Bool) {
        self.pixelsPerUnitX = pixelsPerUnitX
        self.pixelsPerUnitY = pixelsPerUnitY
        self.unitIsMetre = unitIsMetre
    }
}

/// tIME, in UTC (PNG spec §11.3.6.1).
public struct PNGTime: Hashable, Sendable {
    /// The full year, such as 2024 (not an offset from 1900).
    public var year: UInt16
    /// Month 1 to 12, day 1 to 31, hour 0 to 23, minute 0 to 59 and second 0 to 60 (60 for a leap
    /// second), in UTC; the decoder drops a tIME outside these ranges, the encoder writes what it
    /// is given.
    public var month: UInt8, day: UInt8, hour: UInt8, minute: UInt8, second: UInt8

    /// A UTC timestamp as tIME stores it; convert from local time first, since PNG records no time
    /// zone.
    public init(year: UInt16, month: UInt8, day: UInt8, hour: UInt8, minute: UInt8, second: UInt8) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
    }
}

/// bKGD (PNG spec §11.3.5.1), in the scale of the decoded pixels: 0 to 255 for a file
/// decoded to `RGBA8Image`, 0 to 65535 for one decoded to `RGBA16Image`. The decoder scales
/// 1-, 2- and 4-bit grey as it scales the pixels and resolves a palette index to its colour,
/// so the value means the same colour as the pixels do. The encoder takes it in the scale of
/// the image it is given and writes it in the form and depth it chose, or throws
/// `PNGEncodeError.backgroundNotRepresentable` when that form cannot hold it exactly.
public enum PNGBackground: Hashable, Sendable {
    /// A grey level, for grey and grey+alpha images: 0 to 255 or 0 to 65535, in the decoded pixels'
    /// scale.
    case grey(UInt16)
    /// A colour, for RGB and RGBA images and (resolved from the palette) indexed ones, each channel
    /// in the decoded pixels' scale.
    case rgb(r: UInt16, g: UInt16, b: UInt16)
}

/// One text entry (PNG spec §11.3.4).
public struct PNGTextEntry: Hashable, Sendable {
    /// Which chunk carries the entry.
    public enum Kind: Hashable, Sendable {
        /// tEXt: Latin-1, uncompressed.
        case plain
        /// zTXt: Latin-1, compressed.
        case compressed
        /// iTXt: UTF-8, with language tag and translated keyword, optionally compressed.
        case international(compressed: Bool)
    }

    /// 1 to 79 Latin-1 characters, such as "Title" or "Author".
    public var keyword: String
    /// The text itself; Latin-1 in tEXt and zTXt (the encoder throws for other characters), any
    /// Unicode in iTXt.
    public var text: String
    /// Which chunk carries the entry, and so its character set and whether it is compressed.
    public var kind: Kind
    /// iTXt only: an RFC 3066 language tag, possibly empty.
    public var languageTag: String
    /// iTXt only: the keyword translated to the language, possibly empty.
    public var translatedKeyword: String

    /// A text entry to write; a plain tEXt by default, with the iTXt-only fields empty.
    public init(keyword: String, text: String, kind: Kind = .plain, languageTag: String = "",
                translatedKeyword: String = "") {
        self.keyword = keyword
        self.text = text
        self.kind = kind
        self.languageTag = languageTag
        self.translatedKeyword = translatedKeyword
    }
}
