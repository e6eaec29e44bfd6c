/// Framing for the compressors: zlib/gzip headers and trailers around DEFLATE data.
enum FramedCompressor {
    static func compress<C: Collection<UInt8>>(_ data: C, level: Int, strategy: DeflateStrategy,
                                               format: InflateFormat) -> [UInt8] {
        if let r = data.withContiguousStorageIfAvailable({
            compress(UnsafeRawBufferPointer($0), level: level, strategy: strategy, format: format)
        }) {
            return r
        }
        return Array(data).withUnsafeBytes { compress($0, level: level, strategy: strategy, format: format) }
    }

    static func compress(_ input: UnsafeRawBufferPointer, level: Int, strategy: DeflateStrategy,
                         format: InflateFormat) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        switch format {
        case .raw: break
        case .zlib:
            // RFC 1950 §2.2: CM 8, CINFO 7 (32 KiB window); FLEVEL as zlib sets it (fastest
            // for the match-poor strategies); FCHECK last.
            let matchPoor = strategy == .huffmanOnly || strategy == .rle
            let flevel: UInt8 = level < 2 || matchPoor ? 0 : (level < 6 ? 1 : (level == 6 ? 2 : 3))
            let cmf: UInt8 = 0x78
            var flg = flevel << 6
            flg |= UInt8(31 - (UInt16(cmf) << 8 | UInt16(flg)) % 31)
            out.append(cmf)
            out.append(flg)
        case .gzip:
            // RFC 1952 §2.3: no flags, MTIME 0, XFL 2 (best) / 4 (fastest), OS 255 (unknown).
            let xfl: UInt8 = level == 9 ? 2 : (level == 1 ? 4 : 0)
            out += [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, xfl, 255]
        }
        let bound = DeflateCompressor.bound(input.count)
        let body = UnsafeMutablePointer<UInt8>.allocate(capacity: bound)
        defer { body.deallocate() }
        let written = DeflateCompressor.compress(input, level: level, strategy: strategy, output: body)
        out += UnsafeBufferPointer(start: body, count: written)
        switch format {
        case .raw: break
        case .zlib:
            let a = Adler32.checksum(input)
            out += [UInt8(a >> 24), UInt8((a >> 16) & 0xFF), UInt8((a >> 8) & 0xFF), UInt8(a & 0xFF)]
        case .gzip:
            let c = CRC32.checksum(input)
            let n = UInt32(truncatingIfNeeded: input.count)
            for v in [c, n] {
                out += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
            }
        }
        return out
    }
}
