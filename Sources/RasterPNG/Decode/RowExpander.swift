/// Turns one unfiltered scanline into RGBA pixels, with one specialised loop per
/// (colour type, bit depth) so no per-pixel branching on the format is left.
///
/// `step` is the distance between output pixels (4 for 8-bit RGBA in a non-interlaced
/// image; Adam7 passes scatter with a larger step). Callers guarantee `src` holds the
/// scanline and `dst` has room for `count` pixels at that spacing.
enum RowExpander {
    /// How an 8-bit-or-less scanline maps to RGBA8.
    enum Kind8 {
        /// Grey 1-8 bits or indexed: each sample indexes a 256-entry RGBA table.
        case lookup(depth: Int)
        case greyAlpha
        case rgb
        /// RGB with a tRNS colour key, packed as r | g << 8 | b << 16.
        case rgbKeyed(UInt32)
        case rgba
    }

    /// Expands `count` pixels; returns the largest sample seen (only for `.lookup`, so the
    /// caller can check palette indices once per row).
    @inline(__always)
    static func expand8(_ kind: Kind8, _ src: UnsafePointer<UInt8>, _ count: Int, _ dst: UnsafeMutableRawPointer,
                        _ step: Int, _ table: UnsafePointer<UInt32>) -> UInt8 {
        switch kind {
        case let .lookup(depth):
            return lookup(src, count, dst, step, table, depth)
        case .greyAlpha:
            for x in 0 ..< count {
                let g = UInt32(src[x &* 2]), a = UInt32(src[x &* 2 &+ 1])
                let v = g | g &<< 8 | g &<< 16 | a &<< 24
                dst.storeBytes(of: v.littleEndian, toByteOffset: x &* step, as: UInt32.self)
            }
        case .rgb:
            for x in 0 ..< count {
                let s = src + x &* 3
                let v = UInt32(s[0]) | UInt32(s[1]) &<< 8 | UInt32(s[2]) &<< 16 | 0xFF00_0000
                dst.storeBytes(of: v.littleEndian, toByteOffset: x &* step, as: UInt32.self)
            }
        case let .rgbKeyed(key):
            for x in 0 ..< count {
                let s = src + x &* 3
                let rgb = UInt32(s[0]) | UInt32(s[1]) &<< 8 | UInt32(s[2]) &<< 16
                let v = rgb | (rgb == key ? 0 : 0xFF00_0000)
                dst.storeBytes(of: v.littleEndian, toByteOffset: x &* step, as: UInt32.self)
            }
        case .rgba:
            if step == 4 {
                dst.copyMemory(from: src, byteCount: count &* 4)
            } else {
                let raw = UnsafeRawPointer(src)
                for x in 0 ..< count {
                    let v = raw.loadUnaligned(fromByteOffset: x &* 4, as: UInt32.self)
                    dst.storeBytes(of: v, toByteOffset: x &* step, as: UInt32.self)
                }
            }
        }
        return 0
    }

    @inline(__always)
    private static func lookup(_ src: UnsafePointer<UInt8>, _ count: Int, _ dst: UnsafeMutableRawPointer,
                               _ step: Int, _ table: UnsafePointer<UInt32>, _ depth: Int) -> UInt8 {
        var largest: UInt8 = 0
        if depth == 8 {
            for x in 0 ..< count {
                let v = src[x]
                largest = max(largest, v)
                dst.storeBytes(of: table[Int(v)], toByteOffset: x &* step, as: UInt32.self)
            }
            return largest
        }
        // Samples are packed from the most significant bit (PNG spec §7.2).
        let perByte = 8 &>> (depth == 1 ? 0 : depth == 2 ? 1 : 2)
        let shift = UInt8(8 &- depth)
        var x = 0
        var i = 0
        var out = 0
        while x < count {
            var byte = src[i]
            i &+= 1
            let n = min(perByte, count &- x)
            for _ in 0 ..< n {
                let v = byte &>> shift
                byte = byte &<< UInt8(depth)
                largest = max(largest, v)
                dst.storeBytes(of: table[Int(v)], toByteOffset: out, as: UInt32.self)
                out &+= step
            }
            x &+= n
        }
        return largest
    }

    /// How a 16-bit scanline maps to RGBA16.
    enum Kind16 {
        case grey
        case greyKeyed(UInt16)
        case greyAlpha
        case rgb
        case rgbKeyed(UInt16, UInt16, UInt16)
        case rgba
    }

    /// Expands `count` 16-bit pixels (big-endian in the file) to native RGBA16, `step`
    /// samples apart.
    @inline(__always)
    static func expand16(_ kind: Kind16, _ src: UnsafePointer<UInt8>, _ count: Int,
                         _ dst: UnsafeMutablePointer<UInt16>, _ step: Int) {
        let raw = UnsafeRawPointer(src)
        @inline(__always) func sample(_ i: Int) -> UInt16 {
            UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: i &* 2, as: UInt16.self))
        }
        switch kind {
        case .grey:
            for x in 0 ..< count {
                let g = sample(x), d = dst + x &* step
                d[0] = g; d[1] = g; d[2] = g; d[3] = 0xFFFF
            }
        case let .greyKeyed(key):
            for x in 0 ..< count {
                let g = sample(x), d = dst + x &* step
                d[0] = g; d[1] = g; d[2] = g; d[3] = g == key ? 0 : 0xFFFF
            }
        case .greyAlpha:
            for x in 0 ..< count {
                let g = sample(x &* 2), d = dst + x &* step
                d[0] = g; d[1] = g; d[2] = g; d[3] = sample(x &* 2 &+ 1)
            }
        case .rgb:
            for x in 0 ..< count {
                let d = dst + x &* step
                d[0] = sample(x &* 3); d[1] = sample(x &* 3 &+ 1); d[2] = sample(x &* 3 &+ 2); d[3] = 0xFFFF
            }
        case let .rgbKeyed(kr, kg, kb):
            for x in 0 ..< count {
                let r = sample(x &* 3), g = sample(x &* 3 &+ 1), b = sample(x &* 3 &+ 2), d = dst + x &* step
                d[0] = r; d[1] = g; d[2] = b
                d[3] = (r == kr && g == kg && b == kb) ? 0 : 0xFFFF
            }
        case .rgba:
            for x in 0 ..< count {
                let d = dst + x &* step
                d[0] = sample(x &* 4); d[1] = sample(x &* 4 &+ 1); d[2] = sample(x &* 4 &+ 2); d[3] = sample(x &* 4 &+ 3)
            }
        }
    }
}
