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
