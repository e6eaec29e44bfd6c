/// Converts a run of raster pixels to one scanline in the planned format (PNG spec §7.2):
/// samples big-endian, sub-byte samples packed from the most significant bit.
enum ScanlinePacker {
    /// 8-bit source: `count` pixels starting at `src`, `step` bytes apart.
    static func pack8(_ plan: EncodingPlan, _ src: UnsafeRawPointer, _ count: Int, _ step: Int,
                      _ dst: UnsafeMutablePointer<UInt8>, _ indices: UnsafeMutablePointer<UInt8>) {
        switch plan.colorType {
        case .rgba:
            if step == 4 {
                UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: count &* 4)
            } else {
                for x in 0 ..< count {
                    let v = src.loadUnaligned(fromByteOffset: x &* step, as: UInt32.self)
                    UnsafeMutableRawPointer(dst).storeBytes(of: v, toByteOffset: x &* 4, as: UInt32.self)
                }
            }
        case .rgb:
            for x in 0 ..< count {
                let s = src + x &* step, d = dst + x &* 3
                d[0] = s.load(fromByteOffset: 0, as: UInt8.self)
                d[1] = s.load(fromByteOffset: 1, as: UInt8.self)
                d[2] = s.load(fromByteOffset: 2, as: UInt8.self)
            }
        case .greyAlpha:
            for x in 0 ..< count {
                let s = src + x &* step
                dst[x &* 2] = s.load(fromByteOffset: 0, as: UInt8.self)
                dst[x &* 2 &+ 1] = s.load(fromByteOffset: 3, as: UInt8.self)
            }
        case .grey:
            // Exact grey levels of depth d are multiples of 255 / (2^d - 1), and for
            // those v >> (8 - d) is the d-bit sample.
            let shift = UInt8(8 &- plan.bitDepth)
            for x in 0 ..< count { indices[x] = src.load(fromByteOffset: x &* step, as: UInt8.self) &>> shift }
            packBits(indices, count, plan.bitDepth, dst)
        case .indexed:
            break  // packed from the index plane by `packIndices`
        }
    }

    /// Indexed: `count` palette indices from `src`, `step` apart.
    static func packIndices(_ plan: EncodingPlan, _ src: UnsafePointer<UInt8>, _ count: Int, _ step: Int,
                            _ dst: UnsafeMutablePointer<UInt8>, _ scratch: UnsafeMutablePointer<UInt8>) {
        if step == 1 {
            packBits(src, count, plan.bitDepth, dst)
            return
        }
        for x in 0 ..< count { scratch[x] = src[x &* step] }
        packBits(scratch, count, plan.bitDepth, dst)
    }

    /// Packs one-byte samples of `depth` bits (1, 2, 4 or 8) into bytes, high bits first.
    @inline(__always)
    static func packBits(_ samples: UnsafePointer<UInt8>, _ count: Int, _ depth: Int,
                         _ dst: UnsafeMutablePointer<UInt8>) {
        if depth == 8 {
            dst.update(from: samples, count: count)
            return
        }
        let perByte = 8 / depth
        var x = 0
        var o = 0
        while x < count {
            var byte: UInt8 = 0
            let n = min(perByte, count &- x)
            for k in 0 ..< n { byte = byte | samples[x &+ k] &<< UInt8(8 &- depth &* (k &+ 1)) }
            dst[o] = byte
            o &+= 1
            x &+= n
        }
    }

    /// 16-bit source: `count` pixels from `src`, `step` samples apart, written big-endian.
    static func pack16(_ plan: EncodingPlan, _ src: UnsafePointer<UInt16>, _ count: Int, _ step: Int,
                       _ dst: UnsafeMutablePointer<UInt8>) {
        let out = UnsafeMutableRawPointer(dst)
        @inline(__always) func put(_ v: UInt16, _ at: Int) {
            out.storeBytes(of: v.bigEndian, toByteOffset: at &* 2, as: UInt16.self)
        }
        switch plan.colorType {
        case .rgba, .indexed:
            for x in 0 ..< count {
                let s = src + x &* step, o = x &* 4
                put(s[0], o); put(s[1], o &+ 1); put(s[2], o &+ 2); put(s[3], o &+ 3)
            }
        case .rgb:
            for x in 0 ..< count {
                let s = src + x &* step, o = x &* 3
                put(s[0], o); put(s[1], o &+ 1); put(s[2], o &+ 2)
            }
        case .greyAlpha:
            for x in 0 ..< count {
                let s = src + x &* step
                put(s[0], x &* 2); put(s[3], x &* 2 &+ 1)
            }
        case .grey:
            for x in 0 ..< count { put(src[x &* step], x) }
        }
    }
}
