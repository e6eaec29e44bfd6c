import RasterCore

/// The table and frame segments (T.81 B.2.2, B.2.4): SOF, DHT, DQT, DRI, and the scan
/// header SOS with the set-up its first occurrence triggers.
extension DecoderState {
    @inline(__always)
    func u8(_ i: Int) -> Int { Int(base[i]) }
    @inline(__always)
    func u16(_ i: Int) -> Int { Int(base[i]) << 8 | Int(base[i + 1]) }

    /// SOF0/1/2 (B.2.2): precision, size, components and their sampling.
    mutating func readSOF(_ marker: UInt8, range: Range<Int>) throws(JPEGError) {
        guard frame == nil else { throw .corruptSegment(marker: marker, reason: "a second frame header") }
        guard range.count >= 6 else { throw .corruptSegment(marker: marker, reason: "shorter than 6 bytes") }
        let p = range.lowerBound
        let precision = u8(p)
        let height = u16(p + 1), width = u16(p + 3), n = u8(p + 5)
        guard precision == 8 else { throw .unsupported(.precision(precision)) }
        guard range.count == 6 + 3 * n else {
            throw .corruptSegment(marker: marker, reason: "length does not match \(n) components")
        }
        guard n == 1 || n == 3 || n == 4 else {
            if n == 0 { throw .corruptSegment(marker: marker, reason: "no components") }
            throw .unsupported(.componentCount(n))
        }
        guard width > 0 else { throw .corruptSegment(marker: marker, reason: "width 0") }
        guard height > 0 else { throw .unsupported(.definedNumberOfLines) }
        var components: [FrameComponent] = []
        for i in 0..<n {
            let q = p + 6 + 3 * i
            let h = u8(q + 1) >> 4, v = u8(q + 1) & 15, tq = u8(q + 2)
            guard (1...4).contains(h), (1...4).contains(v) else {
                throw .corruptSegment(marker: marker, reason: "sampling factor \(h)x\(v) outside 1...4")
            }
            guard tq <= 3 else { throw .corruptSegment(marker: marker, reason: "quantisation table \(tq) above 3") }
            let id = base[q]
            if components.contains(where: { $0.id == id }) {
                throw .corruptSegment(marker: marker, reason: "component id \(id) appears twice")
            }
            components.append(FrameComponent(id: id, h: h, v: v, quantTable: tq))
        }
        process = marker == JPEGMarker.sof2 ? .progressive : (marker == JPEGMarker.sof1 ? .extendedHuffman : .baseline)
        var layout = FrameLayout(width: width, height: height, process: process, components: components)
        layout.setScale(options.scale)
        frame = layout
        componentQuant = [[Int32]?](repeating: nil, count: n)
        coefBits = [[Int]](repeating: [Int](repeating: -1, count: 64), count: n)
        do {
            try options.limits.check(width: width, height: height, bytesPerPixel: 0)
        } catch {
            throw .limitExceeded(error)
        }
    }

    /// DHT (B.2.4.2): one or more tables.
    mutating func readDHT(range: Range<Int>) throws(JPEGError) {
        var p = range.lowerBound
        while p < range.upperBound {
            guard p + 17 <= range.upperBound else { throw .corruptSegment(marker: JPEGMarker.dht, reason: "table header cut short") }
            let tc = u8(p) >> 4, th = u8(p) & 15
            guard tc <= 1, th <= 3 else {
                throw .corruptSegment(marker: JPEGMarker.dht, reason: "table class \(tc) or slot \(th) out of range")
            }
            var counts: [Int] = []
            for i in 0..<16 { counts.append(u8(p + 1 + i)) }
            let total = counts.reduce(0, +)
            p += 17
            guard total <= 256, p + total <= range.upperBound else {
                throw .corruptSegment(marker: JPEGMarker.dht, reason: "\(total) symbols do not fit the segment")
            }
            let symbols = [UInt8](UnsafeBufferPointer(start: base + p, count: total))
            p += total
            guard let table = HuffmanTable(counts: counts, symbols: symbols, isDC: tc == 0) else {
                throw .corruptSegment(marker: JPEGMarker.dht, reason: "the code lengths do not form a valid Huffman code")
            }
            if tc == 0 { huffman.dc[th] = table } else { huffman.ac[th] = table }
        }
    }

    /// DQT (B.2.4.1): 8- or 16-bit tables, stored zig-zag, kept in natural order.
    mutating func readDQT(range: Range<Int>) throws(JPEGError) {
        var p = range.lowerBound
        while p < range.upperBound {
            let pq = u8(p) >> 4, tq = u8(p) & 15
            guard pq <= 1, tq <= 3 else {
                throw .corruptSegment(marker: JPEGMarker.dqt, reason: "precision \(pq) or slot \(tq) out of range")
            }
            let size = pq == 0 ? 64 : 128
            guard p + 1 + size <= range.upperBound else { throw .corruptSegment(marker: JPEGMarker.dqt, reason: "table cut short") }
            var table = [Int32](repeating: 0, count: 64)
            for k in 0..<64 {
                let value = pq == 0 ? u8(p + 1 + k) : u16(p + 1 + 2 * k)
                table[ZigZag.naturalOrder[k]] = Int32(value)
            }
            quant[tq] = table
            p += 1 + size
        }
    }

    /// DRI (B.2.4.4).
    mutating func readDRI(range: Range<Int>) throws(JPEGError) {
        guard range.count == 2 else { throw .corruptSegment(marker: JPEGMarker.dri, reason: "length is not 4") }
        restartInterval = u16(range.lowerBound)
    }

    /// SOS (B.2.3): which components, tables and spectral band; then the scan's data.
    mutating func readScan(range: Range<Int>) throws(JPEGError) {
        guard let frame else { return }
        let p = range.lowerBound
        guard range.count >= 1 else { throw .corruptSegment(marker: JPEGMarker.sos, reason: "empty") }
        let n = u8(p)
        guard n >= 1, n <= 4, range.count == 4 + 2 * n else {
            throw .corruptSegment(marker: JPEGMarker.sos, reason: "length does not match \(n) components")
        }
        var scan = ScanHeader()
        for i in 0..<n {
            let id = base[p + 1 + 2 * i]
            guard let ci = frame.components.firstIndex(where: { $0.id == id }) else {
                throw .corruptSegment(marker: JPEGMarker.sos, reason: "component id \(id) is not in the frame")
            }
            guard !scan.components.contains(ci) else {
                throw .corruptSegment(marker: JPEGMarker.sos, reason: "component id \(id) appears twice")
            }
            scan.components.append(ci)
            scan.dcTable.append(u8(p + 2 + 2 * i) >> 4)
            scan.acTable.append(u8(p + 2 + 2 * i) & 15)
        }
        let q = p + 1 + 2 * n
        scan.ss = u8(q)
        scan.se = u8(q + 1)
        scan.ah = u8(q + 2) >> 4
        scan.al = u8(q + 2) & 15
        if n > 1 {
            let blocks = scan.components.reduce(0) { $0 + frame.components[$1].h * frame.components[$1].v }
            guard blocks <= 10 else {
                throw .corruptSegment(marker: JPEGMarker.sos, reason: "an MCU of \(blocks) blocks (at most 10 are allowed)")
            }
        }
        if frame.process == .progressive {
            // jdphuff.c start_pass_phuff_decoder's checks (T.81 G.1.1.1.1).
            var bad = false
            if scan.ss == 0 {
                if scan.se != 0 { bad = true }
            } else if scan.ss > scan.se || scan.se > 63 || n != 1 {
                bad = true
            }
            if scan.ah != 0 && scan.al != scan.ah - 1 { bad = true }
            if scan.al > 13 { bad = true }
            if bad {
                throw .corruptSegment(marker: JPEGMarker.sos,
                                      reason: "invalid progression Ss=\(scan.ss) Se=\(scan.se) Ah=\(scan.ah) Al=\(scan.al)")
            }
        } else {
            scan.ss = 0
            scan.se = 63
        }
        // Tables the scan needs must exist now (DHT/DQT may come between scans).
        for (i, ci) in scan.components.enumerated() {
            let c = frame.components[ci]
            if componentQuant[ci] == nil {
                guard let table = quant[c.quantTable] else { throw .missingTable(kind: "quantisation", index: c.quantTable) }
                componentQuant[ci] = table
            }
            let needsDC = scan.ss == 0 && scan.ah == 0
            let needsAC = scan.se > 0
            if needsDC {
                guard scan.dcTable[i] <= 3, huffman.dc[scan.dcTable[i]] != nil else {
                    throw .missingTable(kind: "DC Huffman", index: scan.dcTable[i])
                }
            }
            if needsAC {
                guard scan.acTable[i] <= 3, huffman.ac[scan.acTable[i]] != nil else {
                    throw .missingTable(kind: "AC Huffman", index: scan.acTable[i])
                }
            }
        }
        if frame.process == .progressive {
            // Work bound (issue 14): every progressive scan walks all blocks of its components,
            // so a small file repeating a 2-byte scan thousands of times costs scans x blocks.
            // A scan "advances" when it is the first for some coefficient it covers (Ah = 0 and
            // coefBits = -1) or refines one exactly one bit further (Ah = coefBits). Each
            // (component, coefficient) advances at most 14 times (a first scan leaves Al <= 13,
            // each refinement lowers it by 1 to 0), so advancing scans are at most 14 * 64 per
            // component; scans that advance nothing (libjpeg warns "bogus progression" and
            // decodes them) are capped, which makes the total work linear in the image size.
            let advances = scan.components.contains { ci in
                (scan.ss...scan.se).contains { k in scan.ah == 0 ? coefBits[ci][k] == -1 : coefBits[ci][k] == scan.ah }
            }
            if !advances {
                idleScans += 1
                guard idleScans <= Self.maxIdleScans else {
                    throw .corruptSegment(marker: JPEGMarker.sos,
                                          reason: "more than \(Self.maxIdleScans) progressive scans that refine nothing")
                }
            }
        }
        scanCount += 1
        if firstScanHeader == nil { firstScanHeader = header }
        if frame.process == .progressive {
            for ci in scan.components { for k in scan.ss...scan.se { coefBits[ci][k] = scan.al } }
        }
        try prepareBuffers(firstScan: scan)
        if frame.process == .progressive {
            try decodeProgressiveScan(scan)
        } else {
            try decodeSequentialScan(scan)
        }
    }

    /// Allocates the output stage, the coefficient buffer (when needed) and, for the
    /// streaming path, the output raster, after checking all of them against the limits.
    ///
    /// Before any of that, a strict decode checks that the input can hold the first scan
    /// at all: every block of a scan costs at least one bit (a Huffman code is at least
    /// one bit long), so a file with fewer bits left than the scan has blocks is truncated,
    /// and a header promising a huge image over a few bytes fails here, before allocating.
    mutating func prepareBuffers(firstScan scan: ScanHeader) throws(JPEGError) {
        guard stage == nil, let frame else { return }
        let scanBlocks: Int
        if scan.components.count == 1 {
            let c = frame.components[scan.components[0]]
            scanBlocks = c.widthInBlocks * c.heightInBlocks
        } else {
            scanBlocks = frame.mcusX * frame.mcusY * scan.components.reduce(0) {
                $0 + frame.components[$1].h * frame.components[$1].v
            }
        }
        if !options.lenient && (count - pos) * 8 < scanBlocks {
            throw .truncated(context: "long before the end of the first scan (\(scanBlocks) blocks need at least \(scanBlocks / 8) bytes, \(count - pos) remain)")
        }
        let streaming = frame.process != .progressive && scan.components.count == frame.components.count
        // 128 bytes of coefficients per block, and for progressive AC scans an 8-byte
        // non-zero mask (ProgressiveScan.swift).
        let coefficientBytes = streaming ? 0 : frame.totalBlocks * (frame.process == .progressive ? 136 : 128)
        let working = OutputStage.workingBytes(for: frame) + coefficientBytes
        do {
            try options.limits.check(width: frame.outputWidth, height: frame.outputHeight, bytesPerPixel: 4,
                                     extraBytes: working)
        } catch {
            throw .limitExceeded(error)
        }
        if !streaming {
            var offsets: [Int] = [], strides: [Int] = []
            var total = 0
            for c in frame.components {
                // See coefficientStrides: one coefficient a block for a progressive component
                // at scale 1/8; regions rounded up to 64 so that AC scans index blocks by
                // offset / 64 (the buffer only shrinks: the limits check above stands).
                let stride = frame.process == .progressive && c.blockSize == 1 ? 1 : 64
                offsets.append(total)
                strides.append(stride)
                total += (c.blocksPerLine * c.blocksPerColumn * stride + 63) / 64 * 64
            }
            let buffer = UnsafeMutablePointer<Int16>.allocate(capacity: total)
            buffer.initialize(repeating: 0, count: total)
            coefficients = buffer
            coefficientOffsets = offsets
            coefficientStrides = strides
        }
        stage = OutputStage(frame: frame, colorSpace: colorSpace, adobeInverted: metadata.adobe != nil)
    }

    /// The output raster's size and the working memory the decode needs besides any
    /// coefficient buffer, checked against the limits before `JPEGDecoder.decode` reserves
    /// the raster (uninitialised: its pages are touched only as rows are written, after
    /// the first scan's own checks).
    func checkOutputLimits() throws(JPEGError) {
        guard let frame else { return }
        do {
            try options.limits.check(width: frame.outputWidth, height: frame.outputHeight, bytesPerPixel: 4,
                                     extraBytes: OutputStage.workingBytes(for: frame))
        } catch {
            throw .limitExceeded(error)
        }
    }

    /// libjpeg's choice of colour space (jdapimin.c `default_decompress_parms`).
    var colorSpace: JPEGHeader.ColorSpace {
        guard let frame else { return .yCbCr }
        switch frame.components.count {
        case 1: return .grayscale
        case 3:
            if sawJFIF { return .yCbCr }
            if let adobe = metadata.adobe { return adobe.transform == 0 ? .rgb : .yCbCr }
            let ids = frame.components.map(\.id)
            if ids == [82, 71, 66] { return .rgb }
            return .yCbCr
        default:
            if let adobe = metadata.adobe { return adobe.transform == 0 ? .cmyk : .ycck }
            return .cmyk
        }
    }
}

/// One scan's header.
struct ScanHeader {
    /// Frame component indices in scan order.
    var components: [Int] = []
    var dcTable: [Int] = []
    var acTable: [Int] = []
    var ss = 0, se = 63, ah = 0, al = 0
}
