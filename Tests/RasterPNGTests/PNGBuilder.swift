import RasterDeflate
import RasterPNG

/// Builds PNG byte streams chunk by chunk, so tests can make malformed files on purpose.
enum PNGBuilder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func chunk(_ type: String, _ data: [UInt8], corruptCRC: Bool = false) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        var out = be32(UInt32(data.count)) + typeBytes + data
        var crc = CRC32.checksum(typeBytes + data)
        if corruptCRC { crc ^= 0xDEAD_BEEF }
        out += be32(crc)
        return out
    }

    static func be32(_ v: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: v >> 24), UInt8(truncatingIfNeeded: v >> 16),
         UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
    }

    static func ihdr(width: UInt32, height: UInt32, depth: UInt8, colorType: UInt8, interlace: UInt8 = 0,
                     compression: UInt8 = 0, filter: UInt8 = 0) -> [UInt8] {
        chunk("IHDR", be32(width) + be32(height) + [depth, colorType, compression, filter, interlace])
    }

    static func idat(_ scanlines: [UInt8]) -> [UInt8] { chunk("IDAT", Zlib.compress(scanlines)) }
    static let iend = chunk("IEND", [])

    /// A valid 4x3 8-bit RGB image with the given extra chunks placed after IHDR.
    static func smallRGB(extra: [UInt8] = []) -> [UInt8] {
        signature + ihdr(width: 4, height: 3, depth: 8, colorType: 2) + extra + idat(rgbScanlines) + iend
    }

    /// A PNG of the given header whose rows are already filtered (each starts with its
    /// filter byte), with chunks `before` the image data (after IHDR) and `after` them.
    static func png(width: UInt32, height: UInt32, bitDepth: UInt8, colorType: UInt8, rows: [[UInt8]],
                    before: [[UInt8]] = [], after: [[UInt8]] = []) -> [UInt8] {
        signature + ihdr(width: width, height: height, depth: bitDepth, colorType: colorType)
            + before.joined() + after.joined() + idat(Array(rows.joined())) + iend
    }

    /// Filter byte 0 rows of 4 RGB pixels.
    static var rgbScanlines: [UInt8] {
        var rows: [UInt8] = []
        for y in 0 ..< 3 {
            rows.append(0)
            for x in 0 ..< 4 { rows += [UInt8(x * 40), UInt8(y * 60), 99] }
        }
        return rows
    }

    /// Splits a PNG into (type, data) pairs after the signature.
    static func chunks(of png: [UInt8]) -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        var i = 8
        while i + 12 <= png.count {
            let n = Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3])
            let type = String(decoding: png[(i + 4) ..< (i + 8)], as: UTF8.self)
            out.append((type, Array(png[(i + 8) ..< (i + 8 + n)])))
            i += 12 + n
        }
        return out
    }

    static func assemble(_ chunks: [(String, [UInt8])]) -> [UInt8] {
        chunks.reduce(signature) { $0 + chunk($1.0, $1.1) }
    }
}

/// The thrown PNGError, or nil when decoding succeeds.
func decodeError(_ bytes: [UInt8], _ options: PNGDecodeOptions = PNGDecodeOptions()) -> PNGError? {
    do {
        _ = try PNGDecoder.decode(bytes, options: options)
        return nil
    } catch {
        return error
    }
}
