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
        var header: [UInt8] = []
        var trailerSize = 0
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
            header = [cmf, flg]
            trailerSize = 4
        case .gzip:
            // RFC 1952 §2.3: no flags, MTIME 0, XFL 2 (best) / 4 (fastest), OS 255 (unknown).
            let xfl: UInt8 = level == 9 ? 2 : (level == 1 ? 4 : 0)
            header = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, xfl, 255]
            trailerSize = 8
        }
        // The stream is written straight into the result's storage (header, DEFLATE data up to
        // `bound`, trailer): no second copy of the output and no growth of the array, which for
        // a 12-megapixel image were 10-15% of level 1's time (page faults of the copies).
        let capacity = header.count + DeflateCompressor.bound(input.count) + trailerSize
        let stream = [UInt8](unsafeUninitializedCapacity: capacity) { buf, count in
            guard let base = buf.baseAddress else { count = 0; return }
            var at = 0
            for b in header { base[at] = b; at += 1 }
            at += DeflateCompressor.compress(input, level: level, strategy: strategy, output: base + at)
            var trailer: [UInt32] = []
            switch format {
            case .raw: break
            case .zlib: trailer = [Adler32.checksum(input).bigEndian]
            case .gzip: trailer = [CRC32.checksum(input).littleEndian, UInt32(truncatingIfNeeded: input.count).littleEndian]
            }
            for v in trailer {
                UnsafeMutableRawPointer(base + at).storeBytes(of: v, as: UInt32.self)
                at += 4
            }
            count = at
        }
        // A stream far smaller than its bound (a flat image) moves to storage of its own size,
        // so the result does not keep the input's size allocated; copying it costs little.
        if stream.count < capacity / 2 {
            return [UInt8](unsafeUninitializedCapacity: stream.count) { buf, count in
                stream.withUnsafeBufferPointer { src in
                    if let d = buf.baseAddress, let s = src.baseAddress { d.initialize(from: s, count: src.count) }
                }
                count = stream.count
            }
        }
        return stream
    }
}
