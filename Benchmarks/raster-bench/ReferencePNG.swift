#if canImport(RasterDeflate)
import Raster
import RasterDeflate

/// A deliberately plain PNG reader (non-interlaced, 8- and 16-bit samples, palettes of
/// 8-bit indices) used only to set up benchmarks and to cross-check the PNG decoder
/// under test. Slow and simple on purpose: it shares no code with RasterPNG.
enum ReferencePNG {
    /// The straight 8-bit RGBA pixels of `file`, or nil for a layout this reader skips.
    static func rgba8(_ file: CorpusFile) -> [UInt8]? {
        guard file.kind == .png, !file.interlaced, file.bitDepth == 8 || file.bitDepth == 16,
              !(file.colorType == 3 && file.bitDepth != 8) else { return nil }
        guard let filtered = try? Zlib.decompress(file.idat, outputLimit: file.filteredSize),
              filtered.count == file.filteredSize else { return nil }
        let channels: Int
        switch file.colorType {
        case 0, 3: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: return nil
        }
        let sampleBytes = file.bitDepth / 8
        let bpp = channels * sampleBytes
        let rowBytes = file.width * bpp
        var raw = [UInt8](repeating: 0, count: rowBytes * file.height)
        // Undo the per-row filters (PNG spec §9.2); `a` left, `b` above, `c` above-left.
        for y in 0 ..< file.height {
            let filter = filtered[y * (rowBytes + 1)]
            let src = y * (rowBytes + 1) + 1
            let dst = y * rowBytes
            for i in 0 ..< rowBytes {
                let a = i >= bpp ? Int(raw[dst + i - bpp]) : 0
                let b = y > 0 ? Int(raw[dst + i - rowBytes]) : 0
                let c = (i >= bpp && y > 0) ? Int(raw[dst + i - rowBytes - bpp]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
                default: return nil
                }
                raw[dst + i] = UInt8(truncatingIfNeeded: Int(filtered[src + i]) + predictor)
            }
        }
        let palette = chunk("PLTE", in: file.bytes) ?? []
        let trns = chunk("tRNS", in: file.bytes) ?? []
        var out = [UInt8](repeating: 0, count: file.pixels * 4)
        func sample(_ pixel: Int, _ channel: Int) -> UInt8 {
            let at = pixel * bpp + channel * sampleBytes
            guard sampleBytes == 2 else { return raw[at] }
            // 16 -> 8 bits rounding to nearest, as the contract specifies.
            let v = Int(raw[at]) << 8 | Int(raw[at + 1])
            return UInt8((v * 255 + 32767) / 65535)
        }
        for p in 0 ..< file.pixels {
            let o = p * 4
            switch file.colorType {
            case 0:
                let g = sample(p, 0)
                out[o] = g; out[o + 1] = g; out[o + 2] = g; out[o + 3] = 255
            case 2:
                out[o] = sample(p, 0); out[o + 1] = sample(p, 1); out[o + 2] = sample(p, 2); out[o + 3] = 255
            case 3:
                let index = Int(raw[p])
                guard index * 3 + 2 < palette.count else { return nil }
                out[o] = palette[index * 3]; out[o + 1] = palette[index * 3 + 1]; out[o + 2] = palette[index * 3 + 2]
                out[o + 3] = index < trns.count ? trns[index] : 255
            case 4:
                let g = sample(p, 0)
                out[o] = g; out[o + 1] = g; out[o + 2] = g; out[o + 3] = sample(p, 1)
            default:
                out[o] = sample(p, 0); out[o + 1] = sample(p, 1); out[o + 2] = sample(p, 2); out[o + 3] = sample(p, 3)
            }
        }
        // tRNS colour keys for grey and RGB images are not applied; the corpus has none.
        if file.colorType == 0 || file.colorType == 2, !trns.isEmpty { return nil }
        return out
    }

    /// The data of the first chunk of `type` (PNG spec §5.3).
    static func chunk(_ type: String, in bytes: [UInt8]) -> [UInt8]? {
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let name = String(decoding: bytes[offset + 4 ..< offset + 8], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { return nil }
            if name == type { return Array(bytes[offset + 8 ..< offset + 8 + length]) }
            offset += 12 + length
        }
        return nil
    }
}
#endif
