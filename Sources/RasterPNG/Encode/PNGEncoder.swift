import RasterCore
import RasterDeflate

/// Writes PNG files. Decoding the output gives back exactly the pixels that were encoded.
public enum PNGEncoder {
    /// Encodes an 8-bit image, by default in the smallest exact colour type and depth.
    /// Throws `PNGEncodeError` for a zero width or height, or metadata PNG cannot hold.
    public static func encode(_ image: RGBA8Image, options: PNGEncodeOptions = PNGEncodeOptions()) throws(PNGEncodeError) -> [UInt8] {
        let plan = EncodingPlan.choose(for: image, reduce: options.reduceColorType)
        let header = try makeHeader(image.width, image.height, plan, options)
        let width = image.width
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: max(width, 1))
        defer { scratch.deallocate() }
        let scanlines: Scanlines
        if plan.colorType == .indexed {
            scanlines = plan.indexPlane.withUnsafeBufferPointer { plane in
                buildScanlines(header, plan, options.filter) { dst, pass, y in
                    guard let base = plane.baseAddress else { return }
                    let first = (pass.yStart &+ y &* pass.yStep) &* width &+ pass.xStart
                    ScanlinePacker.packIndices(plan, base + first, pass.width, pass.xStep, dst, scratch)
                }
            }
        } else {
            scanlines = image.withUnsafeSamples { bytes in
                buildScanlines(header, plan, options.filter) { dst, pass, y in
                    guard let base = bytes.baseAddress else { return }
                    let first = ((pass.yStart &+ y &* pass.yStep) &* width &+ pass.xStart) &* 4
                    ScanlinePacker.pack8(plan, UnsafeRawPointer(base + first), pass.width, pass.xStep &* 4, dst, scratch)
                }
            }
        }
        return try assemble(header, plan, scanlines, options)
    }

    /// Encodes a 16-bit image at 16 bits per sample; grey and opaque images drop the
    /// channels they do not need.
    public static func encode(_ image: RGBA16Image, options: PNGEncodeOptions = PNGEncodeOptions()) throws(PNGEncodeError) -> [UInt8] {
        let plan = EncodingPlan.choose(for: image, reduce: options.reduceColorType)
        let header = try makeHeader(image.width, image.height, plan, options)
        let width = image.width
        let scanlines = image.withUnsafeSamples { samples in
            buildScanlines(header, plan, options.filter) { dst, pass, y in
                guard let base = samples.baseAddress else { return }
                let first = ((pass.yStart &+ y &* pass.yStep) &* width &+ pass.xStart) &* 4
                ScanlinePacker.pack16(plan, base + first, pass.width, pass.xStep &* 4, dst)
            }
        }
        return try assemble(header, plan, scanlines, options)
    }

    /// Encodes decoded pixels at their own precision.
    public static func encode(_ pixels: DecodedImage, options: PNGEncodeOptions = PNGEncodeOptions()) throws(PNGEncodeError) -> [UInt8] {
        switch pixels {
        case let .rgba8(image): return try encode(image, options: options)
        case let .rgba16(image): return try encode(image, options: options)
        }
    }

    private static func makeHeader(_ width: Int, _ height: Int, _ plan: EncodingPlan,
                                   _ options: PNGEncodeOptions) throws(PNGEncodeError) -> PNGHeader {
        guard width > 0, height > 0 else { throw .invalidDimensions(width: width, height: height) }
        guard width <= 0x7FFF_FFFF, height <= 0x7FFF_FFFF else {
            throw .invalidDimensions(width: width, height: height)
        }
        guard (0 ... 9).contains(options.compressionLevel) else {
            throw .invalidCompressionLevel(options.compressionLevel)
        }
        return PNGHeader(width: width, height: height, bitDepth: plan.bitDepth, colorType: plan.colorType,
                         interlaced: options.interlaced, hasTransparencyChunk: false)
    }

    /// Packs and filters every scanline of every pass into the byte stream that gets
    /// compressed: a filter-type byte, then the filtered row (PNG spec §7.3, §9).
    private static func buildScanlines(_ header: PNGHeader, _ plan: EncodingPlan,
                                       _ strategy: PNGEncodeOptions.FilterStrategy,
                                       _ pack: (UnsafeMutablePointer<UInt8>, PassLayout, Int) -> Void) -> Scanlines {
        let layout = ImageLayout(header: header)
        let total = layout.filteredSize
        let widest = layout.passes.reduce(0) { max($0, $1.rowBytes) }
        let bpp = header.filterStride
        // libpng leaves indexed and sub-byte images unfiltered: their bytes are not
        // samples that neighbouring values predict well.
        let adaptive: Bool
        let fixedType: UInt8
        switch strategy {
        case .adaptive:
            adaptive = plan.colorType != .indexed && plan.bitDepth >= 8
            fixedType = 0
        case let .fixed(type):
            adaptive = false
            fixedType = type.rawValue
        }
        let rows = UnsafeMutablePointer<UInt8>.allocate(capacity: max(widest, 1) * 3)
        defer { rows.deallocate() }
        rows.initialize(repeating: 0, count: max(widest, 1) * 3)
        let zero = UnsafePointer(rows)
        var cur = rows + max(widest, 1)
        var prev = rows + 2 * max(widest, 1)
        // libpng compresses with Z_FILTERED exactly when its filter set is not just None.
        let filtered = adaptive || fixedType != 0
        let bytes = [UInt8](unsafeUninitializedCapacity: total) { out, initialized in
            guard let base = out.baseAddress else { initialized = 0; return }
            for pass in layout.passes where pass.width > 0 && pass.height > 0 {
                var above = zero
                var offset = pass.offset
                for y in 0 ..< pass.height {
                    pack(cur, pass, y)
                    let type = adaptive ? FilterSelector.choose(cur, above, pass.rowBytes, bpp) : fixedType
                    base[offset] = type
                    FilterSelector.apply(type, cur, above, pass.rowBytes, bpp, base + (offset &+ 1))
                    swap(&cur, &prev)
                    above = UnsafePointer(prev)
                    offset &+= pass.rowBytes &+ 1
                }
            }
            initialized = total
        }
        return Scanlines(bytes: bytes, filtered: filtered)
    }

    /// The filtered image data and whether its rows may use filters other than None.
    private struct Scanlines {
        let bytes: [UInt8]
        let filtered: Bool
    }

    private static func assemble(_ header: PNGHeader, _ plan: EncodingPlan, _ scanlines: Scanlines,
                                 _ options: PNGEncodeOptions) throws(PNGEncodeError) -> [UInt8] {
        // Filtered rows are small residuals where 3-5 byte matches are mostly chance and cost
        // more than the literals they replace (libpng's reason for Z_FILTERED).
        let strategy = options.compressionStrategy ?? (scanlines.filtered ? .filtered : .default)
        // Unfiltered rows (palette and low-depth images, libpng's `.default` case) are
        // match-rich, and RasterDeflate's level 6 (libdeflate's search depth) wrote them up to
        // 1% larger than the zlib-style level 6 before it; level 7's deeper search is smaller
        // than that and still faster (docs/deflate.md, issue 15). Level 6 is the default.
        let level = options.compressionLevel == 6 && strategy == .default && !scanlines.filtered
            ? 7 : options.compressionLevel
        let compressed: [UInt8]
        do {
            compressed = try Zlib.compress(scanlines.bytes, level: level, strategy: strategy)
        } catch {
            throw .invalidCompressionLevel(options.compressionLevel)  // the only way compress fails; makeHeader checks it first
        }
        var w = ChunkWriter()
        w.bytes.reserveCapacity(compressed.count + 1024)
        var ihdr: [UInt8] = []
        ihdr.appendBE32(UInt32(truncatingIfNeeded: header.width))
        ihdr.appendBE32(UInt32(truncatingIfNeeded: header.height))
        ihdr.append(contentsOf: [UInt8(truncatingIfNeeded: header.bitDepth), header.colorType.rawValue, 0, 0,
                                 header.interlaced ? 1 : 0])
        w.write(ChunkType.IHDR, ihdr)
        let meta = MetadataWriter(metadata: options.metadata, level: options.compressionLevel)
        var plan = plan
        if let entry = meta.backgroundPaletteEntry(for: plan) { plan.palette.append(entry) }
        try meta.writeColorSpace(&w)
        if plan.colorType == .indexed {
            var plte: [UInt8] = []
            var alphas: [UInt8] = []
            for native in plan.palette {
                let v = native.littleEndian
                plte.append(contentsOf: [UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8),
                                         UInt8(truncatingIfNeeded: v >> 16)])
                alphas.append(UInt8(truncatingIfNeeded: v >> 24))
            }
            w.write(ChunkType.PLTE, plte)
            // Transparent entries come first, so tRNS ends at the last of them.
            while alphas.last == 255 { alphas.removeLast() }
            if !alphas.isEmpty { w.write(ChunkType.tRNS, alphas) }
        }
        try meta.writeBackground(&w, plan, sourceMax: header.bitDepth == 16 ? 65535 : 255)
        try meta.writeOthers(&w)
        w.writeImageData(compressed)
        w.write(ChunkType.IEND, [])
        return w.bytes
    }
}
