import RasterCore

/// Small edits to an EXIF block (the TIFF structure of APP1, EXIF 2.3 §4.5.4 and TIFF 6.0
/// §2), for writing a decoded file's metadata back: after `convert --orient` has turned the
/// pixels upright, the orientation tag must say 1 or viewers would turn them again.
///
/// Blocks are accepted with or without the 6-byte "Exif\0\0" prefix. Malformed blocks are
/// never an error here: they are returned unchanged (and written back as they came).
public enum JPEGExif {
    static let prefix: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]
    static let orientationTag = 0x0112

    /// The orientation IFD0 records, or nil when there is none or the block is malformed.
    public static func orientation(in exif: [UInt8]) -> Orientation? {
        guard let at = orientationValueOffset(exif) else { return nil }
        let (offset, bigEndian) = at
        let value = bigEndian ? Int(exif[offset]) << 8 | Int(exif[offset + 1])
                              : Int(exif[offset + 1]) << 8 | Int(exif[offset])
        return Orientation(rawValue: value)
    }

    /// `exif` with its orientation tag set to 1 (upright); unchanged when it has no such
    /// tag. Nothing else in the block moves, so offsets inside it stay valid.
    public static func resettingOrientation(_ exif: [UInt8]) -> [UInt8] {
        guard let (offset, bigEndian) = orientationValueOffset(exif) else { return exif }
        var copy = exif
        copy[offset] = bigEndian ? 0 : 1
        copy[offset + 1] = bigEndian ? 1 : 0
        return copy
    }

    /// Where the orientation entry's SHORT value sits, and the block's byte order. Every
    /// read is bounds-checked: the block comes from an untrusted file.
    static func orientationValueOffset(_ exif: [UInt8]) -> (Int, Bool)? {
        let base = exif.starts(with: prefix) ? prefix.count : 0
        guard exif.count >= base + 8 else { return nil }
        let bigEndian: Bool
        switch (exif[base], exif[base + 1]) {
        case (0x4D, 0x4D): bigEndian = true
        case (0x49, 0x49): bigEndian = false
        default: return nil
        }
        func u16(_ i: Int) -> Int? {
            guard i >= 0, i + 2 <= exif.count else { return nil }
            return bigEndian ? Int(exif[i]) << 8 | Int(exif[i + 1]) : Int(exif[i + 1]) << 8 | Int(exif[i])
        }
        func u32(_ i: Int) -> Int? {
            guard let hi = u16(bigEndian ? i : i + 2), let lo = u16(bigEndian ? i + 2 : i) else { return nil }
            return hi << 16 | lo
        }
        guard u16(base + 2) == 42, let ifdOffset = u32(base + 4) else { return nil }
        let ifd = base + ifdOffset
        guard let count = u16(ifd) else { return nil }
        for entry in 0 ..< count {
            let at = ifd + 2 + entry * 12
            guard let tag = u16(at), let type = u16(at + 2), let n = u32(at + 4) else { return nil }
            // SHORT (type 3), one value, stored in the first two bytes of the value field.
            if tag == orientationTag, type == 3, n == 1, at + 10 <= exif.count {
                return (at + 8, bigEndian)
            }
        }
        return nil
    }
}
