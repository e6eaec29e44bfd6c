import RasterCore

/// The colour type and bit depth the encoder writes, and the palette when indexed.
struct EncodingPlan {
    var colorType: PNGColorType
    var bitDepth: Int
    /// Palette colours as loaded from RGBA memory (so `.littleEndian` is r | g << 8 |
    /// b << 16 | a << 24 on any host), transparent ones first.
    var palette: [UInt32] = []
    /// For indexed plans: one palette index per pixel, row-major.
    var indexPlane: [UInt8] = []

    var samplesPerPixel: Int { colorType.samplesPerPixel }
    var bitsPerPixel: Int { samplesPerPixel &* bitDepth }
    var filterStride: Int { max(1, bitsPerPixel &>> 3) }

    /// The smallest exact representation of an 8-bit image (see `PNGEncodeOptions.reduceColorType`).
    static func choose(for image: RGBA8Image, reduce: Bool) -> EncodingPlan {
        guard reduce else { return EncodingPlan(colorType: .rgba, bitDepth: 8) }
        // One pass for the properties every pixel must share: alpha all 255, r = g = b,
        // and which grey levels occur (for the smallest exact grey depth).
        var alphaAnd: UInt32 = 0xFF00_0000
        var notGrey: UInt32 = 0
        var levels = [Bool](repeating: false, count: 256)
        image.withUnsafeSamples { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            let n = raw.count &>> 2
            for i in 0 ..< n {
                let v = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
                alphaAnd &= v
                notGrey |= (v ^ (v &>> 8)) & 0xFFFF
            }
            if notGrey == 0 {
                levels.withUnsafeMutableBufferPointer { seen in
                    for i in 0 ..< n { seen[Int(bytes[i &* 4])] = true }
                }
            }
        }
        let opaque = alphaAnd == 0xFF00_0000
        let grey = notGrey == 0
        var greyDepth = 8
        if grey {
            for depth in [1, 2, 4] {
                let step = 255 / ((1 << depth) - 1)
                if levels.indices.allSatisfy({ !levels[$0] || $0 % step == 0 }) {
                    greyDepth = depth
                    break
                }
            }
            if opaque && greyDepth < 8 { return EncodingPlan(colorType: .grey, bitDepth: greyDepth) }
            // A palette pays when it needs fewer bits per pixel than the direct form; opaque
            // 8-bit grey with more than 16 levels is as small direct and filters better.
            if opaque && levels.count(where: { $0 }) > 16 { return EncodingPlan(colorType: .grey, bitDepth: 8) }
        }
        var table = ColorTable()
        let pixelCount = image.width &* image.height
        var plane = [UInt8](unsafeUninitializedCapacity: pixelCount) { _, n in n = pixelCount }
        let fits = image.withUnsafeSamples { bytes in
            UnsafeRawBufferPointer(bytes).withMemoryRebound(to: UInt32.self) { pixels in
                plane.withUnsafeMutableBufferPointer { out in
                    guard let base = out.baseAddress else { return false }
                    return table.collect(pixels, indices: base)
                }
            }
        }
        if fits {
            var plan = EncodingPlan(colorType: .indexed, bitDepth: paletteDepth(table.colors.count))
            // Transparent entries first so tRNS can stop after the last of them (§11.3.2.1).
            let transparent = table.colors.indices.filter { table.colors[$0].littleEndian < 0xFF00_0000 }
            let opaqueEntries = table.colors.indices.filter { table.colors[$0].littleEndian >= 0xFF00_0000 }
            let order = transparent + opaqueEntries
            plan.palette = order.map { table.colors[$0] }
            if order != Array(table.colors.indices) {
                var remap = [UInt8](repeating: 0, count: 256)
                for (new, old) in order.enumerated() { remap[old] = UInt8(truncatingIfNeeded: new) }
                remap.withUnsafeBufferPointer { r in
                    plane.withUnsafeMutableBufferPointer { p in
                        for i in p.indices { p[i] = r[Int(p[i])] }
                    }
                }
            }
            plan.indexPlane = plane
            return plan
        }
        if grey { return EncodingPlan(colorType: opaque ? .grey : .greyAlpha, bitDepth: 8) }
        return EncodingPlan(colorType: opaque ? .rgb : .rgba, bitDepth: 8)
    }

    /// 16-bit images stay 16-bit; only alpha and colour are dropped when unused.
    static func choose(for image: RGBA16Image, reduce: Bool) -> EncodingPlan {
        guard reduce else { return EncodingPlan(colorType: .rgba, bitDepth: 16) }
        var alphaAnd: UInt16 = 0xFFFF
        var notGrey: UInt16 = 0
        image.withUnsafeSamples { s in
            let n = s.count &>> 2
            for i in 0 ..< n {
                let p = i &* 4
                notGrey |= (s[p] ^ s[p &+ 1]) | (s[p &+ 1] ^ s[p &+ 2])
                alphaAnd &= s[p &+ 3]
            }
        }
        let opaque = alphaAnd == 0xFFFF
        if notGrey == 0 { return EncodingPlan(colorType: opaque ? .grey : .greyAlpha, bitDepth: 16) }
        return EncodingPlan(colorType: opaque ? .rgb : .rgba, bitDepth: 16)
    }

    private static func paletteDepth(_ count: Int) -> Int {
        count <= 2 ? 1 : count <= 4 ? 2 : count <= 16 ? 4 : 8
    }
}
