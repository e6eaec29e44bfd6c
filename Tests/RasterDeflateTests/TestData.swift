import RasterDeflate
import RasterTestSupport

/// Byte generators shared by the deflate tests.
struct SplitMix64Bytes {
    var rng: SplitMix64
    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func bytes(_ n: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(n)
        while out.count < n {
            let v = rng.next()
            for k in 0..<8 where out.count < n { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
        }
        return out
    }

    /// Text-like bytes: words from a small vocabulary, so matches and skewed literals abound.
    mutating func text(_ n: Int) -> [UInt8] {
        let words = ["the ", "raster ", "deflate ", "of ", "and ", "pixel ", "stream ", "huffman ",
                     "zlib ", "code ", "length ", "distance ", "block ", "\n", "image ", "a "]
        var out = [UInt8]()
        out.reserveCapacity(n + 16)
        while out.count < n { out += Array(words[Int(rng.next() % UInt64(words.count))].utf8) }
        return Array(out[0..<n])
    }
}

func hexBytes(_ s: String) -> [UInt8] {
    var out = [UInt8]()
    var it = s.utf8.makeIterator()
    func nib(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : (c | 32) - 87 }
    while let hi = it.next(), let lo = it.next() { out.append(nib(hi) << 4 | nib(lo)) }
    return out
}

/// Zlib.decompress(_:into:) into a fresh buffer of `capacity` bytes.
func inflateInto(_ z: [UInt8], capacity: Int, format: InflateFormat = .zlib) throws -> (Int, [UInt8]) {
    var buf = [UInt8](repeating: 0, count: capacity)
    let n = try z.withUnsafeBytes { src in
        try buf.withUnsafeMutableBytes { dst in
            switch format {
            case .zlib: return try Zlib.decompress(src, into: dst)
            case .gzip: return try Gzip.decompress(src, into: dst)
            case .raw: return try Deflate.decompress(src, into: dst)
            }
        }
    }
    return (n, buf)
}

/// Writes hand-made DEFLATE streams: fields LSB first, Huffman codes MSB first (RFC 1951 §3.1.1).
struct StreamBuilder {
    var bytes: [UInt8] = []
    var acc: UInt32 = 0
    var n = 0

    mutating func bits(_ value: Int, _ count: Int) {
        for i in 0..<count {
            acc |= UInt32((value >> i) & 1) << n
            n += 1
            if n == 8 { bytes.append(UInt8(acc)); acc = 0; n = 0 }
        }
    }

    mutating func code(_ value: Int, _ count: Int) {
        for i in stride(from: count - 1, through: 0, by: -1) { bits((value >> i) & 1, 1) }
    }

    /// §3.2.6 fixed code for a literal/length symbol.
    mutating func fixedLitLen(_ s: Int) {
        if s < 144 { code(0x30 + s, 8) } else if s < 256 { code(0x190 + s - 144, 9) }
        else if s < 280 { code(s - 256, 7) } else { code(0xC0 + s - 280, 8) }
    }

    mutating func finish() -> [UInt8] {
        if n > 0 { bytes.append(UInt8(acc)); acc = 0; n = 0 }
        return bytes
    }

    /// `raw` wrapped as zlib with a correct Adler-32 of `content`.
    static func zlib(_ raw: [UInt8], content: [UInt8]) -> [UInt8] {
        let a = Adler32.checksum(content)
        return [0x78, 0x9C] + raw + [UInt8(a >> 24), UInt8((a >> 16) & 0xFF), UInt8((a >> 8) & 0xFF), UInt8(a & 0xFF)]
    }
}

/// Inflates `z` by feeding `step` bytes at a time.
func inflateIncrementally(_ z: [UInt8], format: InflateFormat, step: Int, limit: Int = .max) throws(DeflateError) -> [UInt8] {
    var inf = Inflater(format: format, outputLimit: limit)
    var out = [UInt8]()
    var i = 0
    while i < z.count {
        let j = min(z.count, i + step)
        try inf.feed(z[i..<j]) { out += $0 }
        i = j
    }
    try inf.finish { out += $0 }
    return out
}
