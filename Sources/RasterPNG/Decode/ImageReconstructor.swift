import RasterCore
import RasterDeflate

/// Inflates the IDAT stream, reverses the filters scanline by scanline, and expands each
/// scanline straight into the output raster (PNG spec §13.x "Decoder behaviour").
struct ImageReconstructor {
    let header: PNGHeader
    let layout: ImageLayout
    let state: ChunkState

    /// Inflates the concatenated IDAT payloads into a buffer of exactly `expected` bytes;
    /// a stream with more data stops as soon as it overflows the buffer, so a
    /// decompression bomb costs no more than the image it claims to be.
    static func inflate(_ file: UnsafeRawBufferPointer, ranges: [Range<Int>], expected: Int) throws(PNGError) -> [UInt8] {
        // Several IDAT chunks are joined into one buffer; a single one is read in place.
        var joined: UnsafeMutableRawBufferPointer?
        defer { joined?.deallocate() }
        if ranges.count > 1 {
            let total = ranges.reduce(0) { $0 &+ $1.count }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: total, alignment: 16)
            var at = 0
            for r in ranges {
                UnsafeMutableRawBufferPointer(rebasing: buffer[at ..< at &+ r.count])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: file[r]))
                at &+= r.count
            }
            joined = buffer
        }
        var failure: DeflateError?
        var written = 0
        let out = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
            let destination = UnsafeMutableRawBufferPointer(buffer)
            do throws(DeflateError) {
                let source = joined.map { UnsafeRawBufferPointer($0) }
                    ?? UnsafeRawBufferPointer(rebasing: file[ranges.first ?? (0 ..< 0)])
                written = try Zlib.decompress(source, into: destination)
            } catch {
                failure = error
            }
            // Bytes are trivial values, so reporting the full capacity is safe; the array is
            // discarded below unless every byte was written.
            initialized = expected
        }
        if let failure {
            if case .outputLimitExceeded = failure { throw .imageDataTooLong(expected: expected) }
            throw .corruptImageData(failure)
        }
        guard written == expected else { throw .imageDataTooShort(expected: expected, actual: written) }
        return out
    }

    /// Unfilters `filtered` in place and builds the raster. The buffer is taken over
    /// (`consuming`) so unfiltering it in place does not trigger a copy-on-write.
    ///
    /// `PNGDecoder` has already passed `width x height` through `DecodeLimits.check` with 8
    /// bytes per pixel, which refuses any size whose byte count overflows `Int`; so
    /// `width * height * 4` samples cannot overflow here, and the images are built with
    /// RasterCore's package-level initialisers that skip that check.
    func reconstruct(_ filtered: consuming [UInt8]) throws(PNGError) -> DecodedImage {
        let count = header.width &* header.height &* 4
        let width = header.width
        if header.bitDepth == 16 {
            let kind = kind16()
            let samples: [UInt16] = try fillSamples(count: count, &filtered) { (out, row, pass, y) throws(PNGError) in
                let start = ((pass.yStart &+ y &* pass.yStep) &* width &+ pass.xStart) &* 4
                RowExpander.expand16(kind, row, pass.width, out + start, pass.xStep &* 4)
            }
            return .rgba16(RGBA16Image(width: header.width, height: header.height, validatedSamples: samples))
        }
        let table = lookupTable()
        let kind = kind8()
        let checkIndex = header.colorType == .indexed && state.paletteCount < 1 << header.bitDepth
        let paletteCount = state.paletteCount
        let samples: [UInt8] = try table.withUnsafeBufferPointer { (lut) throws(PNGError) -> [UInt8] in
            guard let lutBase = lut.baseAddress else { return [] }
            return try fillSamples(count: count, &filtered) { (out, row, pass, y) throws(PNGError) in
                let start = ((pass.yStart &+ y &* pass.yStep) &* width &+ pass.xStart) &* 4
                let dst = UnsafeMutableRawPointer(out + start)
                let largest: UInt8
                if pass.xStep == 1 {
                    largest = RowExpander.expand8(kind, row, pass.width, dst, 4, lutBase)
                } else {
                    largest = RowExpander.expand8(kind, row, pass.width, dst, pass.xStep &* 4, lutBase)
                }
                if checkIndex && Int(largest) >= paletteCount {
                    throw .paletteIndexOutOfRange(index: Int(largest), paletteCount: paletteCount)
                }
            }
        }
        return .rgba8(RGBA8Image(width: header.width, height: header.height, validatedSamples: samples))
    }

    /// An array of `count` samples written row by row by `expand` (handed the array's base,
    /// the unfiltered row, its pass and its row index in the pass). Every pixel of every pass
    /// is written exactly once (Adam7's passes tile the image), so no byte is left
    /// uninitialised when no row throws; when one does, the array is discarded.
    private func fillSamples<Sample: FixedWidthInteger>(
        count: Int, _ filtered: inout [UInt8],
        _ expand: (UnsafeMutablePointer<Sample>, UnsafePointer<UInt8>, PassLayout, Int) throws(PNGError) -> Void
    ) throws(PNGError) -> [Sample] {
        var failure: PNGError?
        let samples = [Sample](unsafeUninitializedCapacity: count) { out, initialized in
            if let base = out.baseAddress {
                do throws(PNGError) {
                    try forEachRow(&filtered) { (row, pass, y) throws(PNGError) in try expand(base, row, pass, y) }
                } catch {
                    failure = error
                }
            }
            initialized = count
        }
        if let failure { throw failure }
        return samples
    }

    /// Unfilters every scanline of every pass in place, handing each to `body` right away
    /// while it is still in cache. The first row of each pass uses a zero previous row.
    private func forEachRow(_ filtered: inout [UInt8],
                            _ body: (UnsafePointer<UInt8>, PassLayout, Int) throws(PNGError) -> Void) throws(PNGError) {
        let bpp = header.filterStride
        let widest = layout.passes.reduce(0) { max($0, $1.rowBytes) }
        let zeros = [UInt8](repeating: 0, count: widest)
        try zeros.withUnsafeBufferPointer { (zero) throws(PNGError) in
            guard let zeroBase = zero.baseAddress else { return }
            try filtered.withUnsafeMutableBufferPointer { (data) throws(PNGError) in
                guard let base = data.baseAddress else { return }
                for pass in layout.passes where pass.width > 0 && pass.height > 0 {
                    var prev = zeroBase
                    var offset = pass.offset
                    for y in 0 ..< pass.height {
                        // The layout sums to data.count, so every row lies inside the buffer.
                        let row = base + (offset &+ 1)
                        try Unfilter.apply(type: base[offset], row: row, prev: prev, count: pass.rowBytes, bpp: bpp)
                        try body(UnsafePointer(row), pass, y)
                        prev = UnsafePointer(row)
                        offset &+= pass.rowBytes &+ 1
                    }
                }
            }
        }
    }

    private func kind8() -> RowExpander.Kind8 {
        switch header.colorType {
        case .grey, .indexed: return .lookup(depth: header.bitDepth)
        case .greyAlpha: return .greyAlpha
        case .rgba: return .rgba
        case .rgb:
            // A key outside 0...255 can never match an 8-bit sample.
            if let key = state.colorKey, key.r <= 255, key.g <= 255, key.b <= 255 {
                return .rgbKeyed(UInt32(key.r) | UInt32(key.g) << 8 | UInt32(key.b) << 16)
            }
            return .rgb
        }
    }

    private func kind16() -> RowExpander.Kind16 {
        switch header.colorType {
        case .grey:
            if let key = state.colorKey { return .greyKeyed(key.r) }
            return .grey
        case .rgb:
            if let key = state.colorKey { return .rgbKeyed(key.r, key.g, key.b) }
            return .rgb
        case .greyAlpha: return .greyAlpha
        case .rgba, .indexed: return .rgba
        }
    }

    /// The 256-entry RGBA table for grey and indexed samples, each entry laid out as the
    /// bytes r, g, b, a in memory. Grey of depth d scales by bit replication (v * 255 /
    /// (2^d - 1), exact for d = 1, 2, 4, 8); the tRNS key is compared with the raw sample.
    private func lookupTable() -> [UInt32] {
        var table = [UInt32](repeating: 0, count: 256)
        @inline(__always) func pack(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8) -> UInt32 {
            UInt32(littleEndian: UInt32(r) | UInt32(g) << 8 | UInt32(b) << 16 | UInt32(a) << 24)
        }
        switch header.colorType {
        case .indexed:
            for i in 0 ..< state.paletteCount {
                let alpha = i < state.paletteAlpha.count ? state.paletteAlpha[i] : 255
                table[i] = pack(state.palette[i * 3], state.palette[i * 3 + 1], state.palette[i * 3 + 2], alpha)
            }
        case .grey:
            let levels = 1 << header.bitDepth
            let scale = 255 / (levels - 1)
            for v in 0 ..< levels {
                let g = UInt8(truncatingIfNeeded: v * scale)
                let transparent = state.colorKey.map { Int($0.r) == v } ?? false
                table[v] = pack(g, g, g, transparent ? 0 : 255)
            }
        default:
            break
        }
        return table
    }
}
