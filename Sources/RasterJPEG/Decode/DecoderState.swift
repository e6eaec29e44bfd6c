import RasterCore

/// One decode: the input, the tables defined so far, the frame and the working buffers.
/// The marker loop (`run`) follows T.81 annex B: SOI, then segments in any order, each scan
/// after its tables, EOI. Segment readers live in SegmentReaders.swift and
/// MetadataReader.swift, entropy decoding in SequentialScan.swift and ProgressiveScan.swift.
struct DecoderState: ~Copyable {
    let base: UnsafePointer<UInt8>
    let count: Int
    var pos = 0
    let options: JPEGDecodeOptions
    /// Stop after the frame header and the metadata before the first scan (set for the
    /// first phase of a decode and for `probe`); the next `run` resumes at that scan.
    var headerOnly: Bool
    /// True when `run` stopped at an SOS it has not read yet.
    var pendingScan = false

    /// Quantisation tables 0...3 in natural order, as Int32 for the IDCT.
    var quant: [[Int32]?] = [nil, nil, nil, nil]
    /// Each component's table as it stood at the first scan that contained the component
    /// (libjpeg latches them then: a later DQT may reuse the slot for another component).
    var componentQuant: [[Int32]?] = []
    /// Per component, the Al of the last progressive scan that covered each zig-zag
    /// position, -1 before any did (libjpeg's `coef_bits`, for block smoothing).
    var coefBits: [[Int]] = []
    /// The header as it stood at the first scan (what `probe` reports).
    var firstScanHeader: JPEGHeader?
    var huffman = HuffmanSlots()
    var restartInterval = 0
    var frame: FrameLayout?
    var process: JPEGHeader.Process = .baseline
    var sawJFIF = false
    var metadata = JPEGMetadata()
    var metadataBytes = 0
    var iccChunks: [Int: [UInt8]] = [:]
    var iccChunkCount = 0
    var iccBroken = false
    var warnings: [JPEGWarning] = []
    var scanCount = 0
    /// Progressive scans so far that advanced no coefficient (see `readScan`'s work bound).
    var idleScans = 0
    /// Most such scans a file may have; real encoders write none.
    static let maxIdleScans = 100

    // Decoding buffers, made at the first scan once the limits allow them.
    var stage: OutputStage?
    /// Whole-image coefficients (progressive, or sequential spread over several scans).
    var coefficients: UnsafeMutablePointer<Int16>?
    var coefficientOffsets: [Int] = []
    /// Coefficients per block of each component's region: 64, or 1 for a progressive
    /// component at DCT scale 1/8 (its 1x1 IDCT reads only the DC, and its AC scans are
    /// passed over unread), which keeps a 12-megapixel thumbnail's luma at 2 bytes a block
    /// instead of 128. Every region starts at a multiple of 64.
    var coefficientStrides: [Int] = []
    /// Per coefficient block, the zig-zag positions of its non-zero AC terms (progressive
    /// AC scans; see `nonzeroMasks`).
    var nonzeroMaskStorage: UnsafeMutablePointer<UInt64>?
    /// The final raster's storage, lent by `JPEGDecoder.decode` for the second phase (the
    /// decoder writes every byte of it; it is never owned or freed here).
    var output: UnsafeMutablePointer<UInt8>?
    var outputCount = 0
    /// Row groups already written to `output` by the streaming (single-scan) path.
    var streamedAll = false
    /// Components whose data some scan has delivered (sequential multi-scan files).
    var componentsDone: Set<Int> = []
    /// DC predictor and EOB run state of the current scan.
    var eobRun = 0

    init(base: UnsafePointer<UInt8>, count: Int, options: JPEGDecodeOptions, headerOnly: Bool) {
        self.base = base
        self.count = count
        self.options = options
        self.headerOnly = headerOnly
    }

    deinit {
        coefficients?.deallocate()
        nonzeroMaskStorage?.deallocate()
    }

    // MARK: - Marker loop

    /// Reads the next marker code, skipping bytes that are not a marker as libjpeg's
    /// `next_marker` does (it tolerates junk between segments, which real files have).
    /// Returns nil at the end of the input.
    mutating func nextMarker() -> UInt8? {
        while pos < count {
            if base[pos] != 0xFF { pos += 1; continue }
            var p = pos + 1
            while p < count && base[p] == 0xFF { p += 1 }
            guard p < count else { pos = count; return nil }
            let code = base[p]
            pos = p + 1
            if code != 0 { return code }
        }
        return nil
    }

    /// The payload range of the segment whose length field starts at `pos`; advances past it.
    mutating func segment(_ marker: UInt8) throws(JPEGError) -> Range<Int> {
        guard pos + 2 <= count else { throw .truncated(context: "inside the length of a \(markerName(marker)) segment") }
        let length = Int(base[pos]) << 8 | Int(base[pos + 1])
        guard length >= 2 else { throw .corruptSegment(marker: marker, reason: "length \(length) is below 2") }
        guard pos + length <= count else { throw .truncated(context: "inside a \(markerName(marker)) segment") }
        let range = (pos + 2)..<(pos + length)
        pos += length
        return range
    }

    /// Runs the marker loop to EOI (or, for `headerOnly`, to the first SOS).
    mutating func run() throws(JPEGError) {
        if pendingScan {
            pendingScan = false
            try readScan(range: try segment(JPEGMarker.sos))
        } else {
            guard count >= 2, base[0] == 0xFF, base[1] == JPEGMarker.soi else { throw .notJPEG }
            pos = 2
        }
        while true {
            guard let marker = nextMarker() else {
                try finishAtEndOfInput()
                return
            }
            switch marker {
            case JPEGMarker.sof0, JPEGMarker.sof1, JPEGMarker.sof2:
                try readSOF(marker, range: try segment(marker))
            case 0xC3, 0xC7, 0xCB, 0xCF:
                throw .unsupported(marker >= 0xC8 ? .arithmetic : (marker == 0xC3 ? .lossless : .hierarchical))
            case 0xC5, 0xC6:
                throw .unsupported(.hierarchical)
            case 0xC9, 0xCA, 0xCD, 0xCE, JPEGMarker.dac:
                throw .unsupported(.arithmetic)
            case JPEGMarker.dhp, JPEGMarker.exp:
                throw .unsupported(.hierarchical)
            case JPEGMarker.dht:
                try readDHT(range: try segment(marker))
            case JPEGMarker.dqt:
                try readDQT(range: try segment(marker))
            case JPEGMarker.dri:
                try readDRI(range: try segment(marker))
            case JPEGMarker.sos:
                guard frame != nil else { throw .corruptSegment(marker: marker, reason: "SOS before any SOF") }
                if headerOnly {
                    pendingScan = true
                    return
                }
                let range = try segment(marker)
                try readScan(range: range)
            case JPEGMarker.eoi:
                if headerOnly {
                    // EOI before the first SOS: the file is complete but holds no image.
                    throw .corruptSegment(marker: marker, reason: frame == nil ? "EOI before any frame" : "the image has no scan")
                }
                try finishAtEOI()
                return
            case JPEGMarker.soi:
                throw .corruptMarker(offset: pos - 2, reason: "a second SOI")
            case 0xE0...0xEF, JPEGMarker.com:
                try readMetadataSegment(marker, range: try segment(marker))
            case 0xD0...0xD7, JPEGMarker.tem:
                continue            // stray RSTn or TEM outside a scan: libjpeg ignores them too
            default:
                _ = try segment(marker)   // DNL, JPGn and reserved markers carry a length we can skip
            }
        }
    }

    /// The input ended without EOI.
    mutating func finishAtEndOfInput() throws(JPEGError) {
        guard frame != nil else {
            throw .truncated(context: "before the frame header (SOF)")
        }
        if headerOnly { throw .truncated(context: "before the first scan") }
        guard scanCount > 0 else {
            throw .truncated(context: "before the first scan")
        }
        if !isImageComplete {
            if !options.lenient { throw .truncated(context: "before every scan of the image was read") }
            warnings.append(.truncatedFile(context: "after scan \(scanCount)"))
        }
        try finishAtEOI()
    }

    /// A sequential image is complete once each component's scan was read; a progressive
    /// one cannot tell, so it counts as complete only at EOI.
    var isImageComplete: Bool {
        guard let frame else { return false }
        if frame.process == .progressive { return false }
        return streamedAll || componentsDone.count == frame.components.count
    }

    mutating func finishAtEOI() throws(JPEGError) {
        if headerOnly { return }
        guard frame != nil, scanCount > 0 else {
            throw .corruptSegment(marker: JPEGMarker.eoi, reason: "the image has no scan")
        }
        if !streamedAll { renderFromCoefficients() }
    }

    /// IDCT, upsampling and colour conversion of the whole coefficient buffer, with
    /// libjpeg's block smoothing when a progressive image left low AC terms inexact.
    mutating func renderFromCoefficients() {
        guard let frame, let stage, let coefficients, let output else { return }
        let groups = frame.mcusY
        let zeros = [Int32](repeating: 0, count: 64)
        let smoothers = frame.components.indices.map { ci in
            BlockSmoothing(coefBits: coefBits.isEmpty ? [Int](repeating: 0, count: 64) : coefBits[ci],
                           quant: componentQuant[ci] ?? zeros)
        }
        let smoothing = frame.process == .progressive && smoothers.allSatisfy(\.isUsable)
            && smoothers.contains(where: \.isUseful)
        // Smoothing reads whole 64-coefficient blocks (and may re-estimate the DC, which a
        // 1x1 IDCT shows), so a DC-only region is spread into a 64-coefficient copy first
        // (only for files with missing or truncated scans; the limits check counted 128
        // bytes a block for every component).
        var expanded: [Int: UnsafeMutablePointer<Int16>] = [:]
        defer { for buffer in expanded.values { buffer.deallocate() } }
        for (ci, c) in frame.components.enumerated() where smoothing && coefficientStrides[ci] == 1 {
            let blocks = c.blocksPerLine * c.blocksPerColumn
            let copy = UnsafeMutablePointer<Int16>.allocate(capacity: blocks * 64)
            copy.initialize(repeating: 0, count: blocks * 64)
            let dcs = coefficients + coefficientOffsets[ci]
            for b in 0..<blocks { copy[b * 64] = dcs[b] }
            expanded[ci] = copy
        }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 64) { scratch in
            let ws = scratch.baseAddress!
            for g in 0..<groups {
                for (ci, c) in frame.components.enumerated() {
                    let q = componentQuant[ci] ?? zeros
                    let narrow = q.allSatisfy { $0 <= 32767 }
                    let compBase = expanded[ci] ?? coefficients + coefficientOffsets[ci]
                    let perBlock = expanded[ci] == nil ? coefficientStrides[ci] : 64
                    let stride = stage.planes[ci].stride
                    // Block rows of this group that hold image data (libjpeg IDCTs only these).
                    let rowsInGroup = g < groups - 1 ? c.v : (c.heightInBlocks - 1) % c.v + 1
                    q.withUnsafeBufferPointer { qb in
                        let qp = qb.baseAddress!
                        for by in 0..<rowsInGroup {
                            let row = g * c.v + by
                            if smoothing {
                                smoothers[ci].smoothRow(
                                    row: row, rowInGroup: by, blockRowsInGroup: rowsInGroup, group: g, lastGroup: groups - 1,
                                    widthInBlocks: c.widthInBlocks,
                                    blocks: { UnsafePointer(compBase + $0 * c.blocksPerLine * 64) }
                                ) { bx, block in
                                    let dst = stage.blockOutput(ci, group: g, blockRow: by, blockColumn: bx)
                                    BlockIDCT.run(size: c.blockSize, block, qp, dst, stride, ws, narrowQuant: narrow)
                                }
                            } else if c.blockSize == 1 {
                                // Scale 1/8: the 1x1 IDCT is DESCALE(dc * q0, 3); the block row's
                                // samples are contiguous in the plane (blockOutput of column bx
                                // is that of column 0 plus bx), widthInBlocks <= blocksPerLine.
                                let dst = stage.blockOutput(ci, group: g, blockRow: by, blockColumn: 0)
                                let q0 = qp[0]
                                var block = compBase + row * c.blocksPerLine * perBlock
                                for bx in 0..<c.widthInBlocks {
                                    dst[bx] = InverseDCT.rangeLimit((Int32(block[0]) &* q0 &+ 4) >> 3)
                                    block += perBlock
                                }
                            } else {
                                for bx in 0..<c.widthInBlocks {
                                    let block = compBase + (row * c.blocksPerLine + bx) * 64
                                    let dst = stage.blockOutput(ci, group: g, blockRow: by, blockColumn: bx)
                                    BlockIDCT.run(size: c.blockSize, block, qp, dst, stride, ws, narrowQuant: narrow)
                                }
                            }
                        }
                    }
                }
                if g > 0 { stage.emit(group: g - 1, into: output) }
            }
            stage.emit(group: groups - 1, into: output)
        }
    }
}

/// Dispatch to the IDCT of a component's output block size.
enum BlockIDCT {
    @inline(__always)
    static func run(size: Int, _ block: UnsafePointer<Int16>, _ q: UnsafePointer<Int32>,
                    _ dst: UnsafeMutablePointer<UInt8>, _ stride: Int, _ ws: UnsafeMutablePointer<Int32>,
                    narrowQuant: Bool) {
        if size == 8 {
            InverseDCT.islow(block, q, dst, stride, narrowQuant: narrowQuant)
            return
        }
        // A block with no AC terms gives its DC average everywhere in the 4x4 and 2x2
        // IDCTs too: their DC-only column and row shortcuts compose to
        // DESCALE(DESCALE'(dc) << 2, 5) = (dc + 4) >> 3, the 1x1 result.
        if size > 1 && InverseDCT.hasNoAC(block) {
            let value = InverseDCT.rangeLimit((Int32(block[0]) &* q[0] &+ 4) >> 3)
            for row in 0..<size {
                for column in 0..<size { dst[row &* stride &+ column] = value }
            }
            return
        }
        switch size {
        case 4: ReducedInverseDCT.idct4x4(block, q, dst, stride, ws)
        case 2: ReducedInverseDCT.idct2x2(block, q, dst, stride, ws)
        default: ReducedInverseDCT.idct1x1(block, q, dst, stride)
        }
    }
}
