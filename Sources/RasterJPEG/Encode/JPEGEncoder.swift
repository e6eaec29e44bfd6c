import RasterCore

/// Encodes 8-bit RGBA images as JPEG: baseline (sequential, SOF0) by default, progressive
/// (SOF2) on request, with output that matches libjpeg-turbo's `cjpeg` at the same settings
/// (same quantisation tables, DCT, downsampling and entropy coding; see docs/jpeg.md).
public enum JPEGEncoder {
    /// The JPEG file for `image`. Throws only for bad arguments (an empty or oversized
    /// image, an out-of-range option, metadata too large for its segments).
    public static func encode(_ image: RGBA8Image, options: JPEGEncodeOptions = .init()) throws(JPEGEncodeError) -> [UInt8] {
        try validate(image, options)
        let background: RGBA8?
        switch options.alpha {
        case let .flatten(onto: colour): background = colour
        case .drop: background = nil
        }
        let grayscale: Bool
        switch options.color {
        case .grayscale: grayscale = true
        case .ycbcr: grayscale = false
        case .automatic: grayscale = isGray(image, background: background)
        }
        let layout = EncoderFrameLayout(width: image.width, height: image.height, grayscale: grayscale,
                                 subsampling: options.subsampling)
        let tables = [QuantizationTable.scaled(QuantizationTable.annexKLuminance, quality: options.quality),
                      QuantizationTable.scaled(QuantizationTable.annexKChrominance, quality: options.quality)]
        var producer = CoefficientProducer(layout: layout,
                                           converter: ForwardColorConverter(background: background, grayscale: grayscale),
                                           tables: tables)

        // Headers: a generous first guess at the size; the buffer grows as needed.
        let out = OutputBuffer(capacity: image.width * image.height / 4 + 4096)
        MarkerWriter.marker(MarkerWriter.soi, to: out)
        MarkerWriter.jfif(to: out)
        if let exif = options.exif { MarkerWriter.exif(exif, to: out) }
        if let icc = options.iccProfile { MarkerWriter.icc(icc, to: out) }
        if let comment = options.comment { MarkerWriter.segment(MarkerWriter.com, payload: comment, to: out) }
        let slots = grayscale ? 1 : 2
        for slot in 0 ..< slots { MarkerWriter.quantizationTable(tables[slot], slot: slot, to: out) }
        MarkerWriter.frameHeader(layout, progressive: options.progressive, to: out)

        image.withUnsafeSamples { pixels in
            if options.progressive {
                var planes = CoefficientPlanes(layout: layout)
                planes.fill(with: &producer, pixels: pixels)
                var encoder = ProgressiveEncoder(layout: layout, planes: planes,
                                                 restartInterval: options.restartInterval)
                encoder.encodeAllScans(to: out)
            } else if options.optimizeHuffman {
                var planes = CoefficientPlanes(layout: layout)
                planes.fill(with: &producer, pixels: pixels)
                planes.withPointers { blocks in
                    var counter = SequentialScanEncoder(layout: layout, restartInterval: options.restartInterval)
                    for row in 0 ..< layout.mcuRows {
                        counter.count(blocks: blocks, mcuRowInBuffer: row)
                    }
                    let dc = (0 ..< slots).map { HuffmanTableSpec.optimal(frequencies: counter.dcCounts[$0]) }
                    let ac = (0 ..< slots).map { HuffmanTableSpec.optimal(frequencies: counter.acCounts[$0]) }
                    var encoder = SequentialScanEncoder(layout: layout, restartInterval: options.restartInterval)
                    encoder.setTables(dc: dc, ac: ac)
                    writeSequentialScanHeader(layout, dc: dc, ac: ac, restartInterval: options.restartInterval, to: out)
                    var writer = HuffmanBitWriter(output: out)
                    for row in 0 ..< layout.mcuRows {
                        encoder.encode(blocks: blocks, mcuRowInBuffer: row, writer: &writer)
                    }
                    writer.flush()
                }
            } else {
                let dc = [HuffmanTableSpec.standardDCLuminance, .standardDCChrominance]
                let ac = [HuffmanTableSpec.standardACLuminance, .standardACChrominance]
                writeSequentialScanHeader(layout, dc: Array(dc.prefix(slots)), ac: Array(ac.prefix(slots)),
                                          restartInterval: options.restartInterval, to: out)
                var encoder = SequentialScanEncoder(layout: layout, restartInterval: options.restartInterval)
                encoder.setTables(dc: dc, ac: ac)
                // One MCU row of coefficients at a time: produced, coded, overwritten.
                var strip = CoefficientPlanes(layout: layout, mcuRows: 1)
                var writer = HuffmanBitWriter(output: out)
                strip.withMutablePointers { output in
                    let blocks = output.map { UnsafePointer($0) }
                    for row in 0 ..< layout.mcuRows {
                        producer.produce(mcuRow: row, pixels: pixels, output: output, mcuRowInBuffer: 0)
                        encoder.encode(blocks: blocks, mcuRowInBuffer: 0, writer: &writer)
                    }
                }
                writer.flush()
            }
        }
        MarkerWriter.marker(MarkerWriter.eoi, to: out)
        return out.bytes()
    }

    /// DHT for each table the scan uses (DC then AC per slot, as jcmarker.c's
    /// write_scan_header), DRI when restarts are on, and SOS.
    private static func writeSequentialScanHeader(_ layout: EncoderFrameLayout, dc: [HuffmanTableSpec], ac: [HuffmanTableSpec],
                                                  restartInterval: Int, to out: OutputBuffer) {
        for slot in 0 ..< dc.count {
            MarkerWriter.huffmanTable(dc[slot], isAC: false, slot: slot, to: out)
            MarkerWriter.huffmanTable(ac[slot], isAC: true, slot: slot, to: out)
        }
        if restartInterval > 0 { MarkerWriter.restartInterval(restartInterval, to: out) }
        MarkerWriter.scanHeader(layout, components: Array(layout.components.indices), ss: 0, se: 63, ah: 0, al: 0, to: out)
    }

    private static func validate(_ image: RGBA8Image, _ options: JPEGEncodeOptions) throws(JPEGEncodeError) {
        guard !image.isEmpty else { throw .emptyImage }
        guard image.width <= 65535, image.height <= 65535 else {
            throw .imageTooLarge(width: image.width, height: image.height)
        }
        guard (1 ... 100).contains(options.quality) else { throw .invalidQuality(options.quality) }
        guard (0 ... 65535).contains(options.restartInterval) else {
            throw .invalidRestartInterval(options.restartInterval)
        }
        if let exif = options.exif, exif.count + (exif.starts(with: JPEGExif.prefix) ? 0 : 6) > MarkerWriter.maxPayload {
            throw .metadataTooLarge("EXIF block of \(exif.count) bytes (at most \(MarkerWriter.maxPayload - 6))")
        }
        if let icc = options.iccProfile, icc.count > 255 * MarkerWriter.iccChunk {
            throw .metadataTooLarge("ICC profile of \(icc.count) bytes (at most \(255 * MarkerWriter.iccChunk))")
        }
        if let comment = options.comment, comment.count > MarkerWriter.maxPayload {
            throw .metadataTooLarge("comment of \(comment.count) bytes (at most \(MarkerWriter.maxPayload))")
        }
    }

    /// True when every pixel, after the alpha handling, has R == G == B.
    static func isGray(_ image: RGBA8Image, background: RGBA8?) -> Bool {
        image.withUnsafeSamples { p in
            var i = 0
            while i < p.count {
                let a = p[i &+ 3]
                if let bg = background, a != 255 {
                    // Compare the colours the encoder will see (see ForwardColorConverter).
                    let alpha = UInt32(a), inverse = 255 &- UInt32(a)
                    func flat(_ c: UInt8, _ b: UInt8) -> UInt32 { (UInt32(c) &* alpha &+ UInt32(b) &* inverse &+ 127) / 255 }
                    let r = flat(p[i], bg.r)
                    if r != flat(p[i &+ 1], bg.g) || r != flat(p[i &+ 2], bg.b) { return false }
                } else if p[i] != p[i &+ 1] || p[i] != p[i &+ 2] {
                    return false
                }
                i &+= 4
            }
            return true
        }
    }
}
