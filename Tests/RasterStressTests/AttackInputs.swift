import Raster

/// Builders for hostile inputs, made in code so no bomb is committed. Mirrors
/// Benchmarks/attack/make_attacks.py (which makes the full-size ones for the peak-RSS run).
enum AttackInputs {
    // MARK: PNG

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func be32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * $0)) } }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(data.count) + body + be32(Int(CRC32.checksum(body)))
    }

    static func ihdr(width: Int, height: Int) -> [UInt8] {
        chunk("IHDR", be32(width) + be32(height) + [8, 6, 0, 0, 0])
    }

    static func png(width: Int, height: Int, idat: [[UInt8]], extra: [UInt8] = []) -> [UInt8] {
        var out: [UInt8] = signature + ihdr(width: width, height: height)
        out += extra
        for piece in idat { out += chunk("IDAT", piece) }
        return out + chunk("IEND", [])
    }

    /// A zlib stream of `count` zero bytes built directly, without running a compressor:
    /// one fixed-Huffman block of a literal 0 then matches of length 258 at distance 1
    /// (12 bits each), then shorter matches or literals for the rest. About 1/1376 of the
    /// output in size, so 1 GiB of zeros costs 780 KB of input.
    static func zeros(_ count: Int, breakChecksum: Bool = false) -> [UInt8] {
        var w = BitSink()
        w.put(1, 1); w.put(1, 2)                // BFINAL, fixed Huffman
        var left = count
        func literalZero() { w.code(0b0011_0000, 8) }  // literal 0: codes 0x30 + value, 8 bits
        if left > 0 { literalZero(); left -= 1 }
        while left >= 258 { w.code(0b1100_0101, 8); w.code(0, 5); left -= 258 }  // length 258 = code 285, distance 1
        while left > 0 { literalZero(); left -= 1 }
        w.code(0, 7)                            // end of block (256)
        // Adler-32 of n zeros: a = 1, b = n mod 65521.
        let adler = (count % 65521) << 16 | 1
        let body: [UInt8] = [0x78, 0x01] + w.bytes()
        return body + be32(breakChecksum ? adler ^ 0xFF : adler)
    }

    /// zlib stream of the unfiltered rows of a `width x height` RGBA image of zeros.
    static func imageData(width: Int, height: Int) -> [UInt8] { zeros((width * 4 + 1) * height) }

    struct BitSink {
        var out: [UInt8] = []
        var acc: UInt64 = 0
        var n = 0
        /// `count` bits of `value`, least significant first (header fields, extra bits).
        mutating func put(_ value: Int, _ count: Int) {
            acc |= UInt64(value) << UInt64(n)
            n += count
            while n >= 8 { out.append(UInt8(truncatingIfNeeded: acc)); acc >>= 8; n -= 8 }
        }
        /// A Huffman code, most significant bit first, as RFC 1951 packs codes.
        mutating func code(_ value: Int, _ count: Int) {
            for i in stride(from: count - 1, through: 0, by: -1) { put(value >> i & 1, 1) }
        }
        func bytes() -> [UInt8] { n > 0 ? out + [UInt8(truncatingIfNeeded: acc)] : out }
    }

    // MARK: JPEG (one grey component, quantisation 1, two-code Huffman tables)

    static func be16(_ v: Int) -> [UInt8] { [UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)] }

    static func jpegTables(progressiveAC: Bool) -> [UInt8] {
        var dqt: [UInt8] = [0xFF, 0xDB] + be16(67)
        dqt += [0] + [UInt8](repeating: 1, count: 64)
        let counts: [UInt8] = [0, 2] + [UInt8](repeating: 0, count: 14)
        let dc: [UInt8] = [0x00] + counts + [0, 1]
        // Progressive AC: code 00 is EOB14 (an end-of-band run of 2^14 + 14 extra bits).
        let ac: [UInt8] = [0x10] + counts + (progressiveAC ? [0xE0, 0x00] : [0x00, 0x01])
        let dht: [UInt8] = [0xFF, 0xC4] + be16(2 + dc.count + ac.count)
        return dqt + dht + dc + ac
    }

    static func sof(_ marker: UInt8, width: Int, height: Int) -> [UInt8] {
        let head: [UInt8] = [0xFF, marker] + be16(11) + [8]
        return head + be16(height) + be16(width) + [1, 1, 0x11, 0]
    }

    static func sos(_ ss: UInt8, _ se: UInt8, _ ah: UInt8, _ al: UInt8) -> [UInt8] {
        let head: [UInt8] = [0xFF, 0xDA] + be16(8)
        return head + [1, 1, 0x00, ss, se, ah << 4 | al]
    }

    static let soi: [UInt8] = [0xFF, 0xD8]
    static let eoi: [UInt8] = [0xFF, 0xD9]

    /// SOF declaring `width x height`, then the end of the file: no scan at all.
    static func jpegHeaderOnly(width: Int, height: Int) -> [UInt8] {
        let tables: [UInt8] = soi + jpegTables(progressiveAC: false)
        return tables + sof(0xC0, width: width, height: height) + eoi
    }

    /// A `side x side` grey baseline with restart interval 1 whose scan is `markers` restart markers.
    static func jpegRestarts(side: Int, markers: Int) -> [UInt8] {
        var out: [UInt8] = soi + jpegTables(progressiveAC: false)
        out += sof(0xC0, width: side, height: side)
        out += [0xFF, 0xDD] + be16(4) + be16(1)
        out += sos(0, 63, 0, 0)
        for i in 0..<markers { out += [0xFF, UInt8(0xD0 + i & 7)] }
        return out + eoi
    }

    /// A `side x side` grey progressive file: a DC scan, then `scans` AC scans that each end
    /// every block with one end-of-band run. `side / 8` squared must be at most 2^14 + 2^14 - 1.
    static func jpegManyScans(side: Int, scans: Int) -> [UInt8] {
        let blocks = (side / 8) * (side / 8)
        let dc: [UInt8] = sos(0, 0, 0, 0) + [UInt8](repeating: 0, count: (blocks * 2 + 7) / 8)
        let run = blocks - (1 << 14)   // EOB14 then 14 bits: 2^14 + run
        let ac: [UInt8] = sos(1, 63, 0, 0) + [UInt8(run >> 8 & 0x3F), UInt8(run & 0xFF)]
        var out: [UInt8] = soi + jpegTables(progressiveAC: true)
        out += sof(0xC2, width: side, height: side)
        out += dc
        for _ in 0..<scans { out += ac }
        return out + eoi
    }
}
