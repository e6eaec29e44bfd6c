/// Baseline and extended sequential scans (T.81 F.2): each block's DC difference and AC
/// run/size codes. A scan with every component of the frame is decoded straight through
/// the IDCT into the output stage, one row group at a time; other sequential scans fill
/// the coefficient buffer, rendered at EOI.
extension DecoderState {
    mutating func decodeSequentialScan(_ scan: ScanHeader) throws(JPEGError) {
        guard let frame, let stage else { return }
        // The streaming path has its raster (nil on the buffered path, which renders at EOI).
        let output = self.output
        let n = scan.components.count
        // Tables were checked to exist when the scan header was read.
        var dcTables: [HuffmanTable] = []
        var acTables: [HuffmanTable] = []
        for i in 0..<n {
            guard let dc = huffman.dc[scan.dcTable[i]], let ac = huffman.ac[scan.acTable[i]] else {
                throw .missingTable(kind: "Huffman", index: scan.dcTable[i])
            }
            dcTables.append(dc)
            acTables.append(ac)
        }
        for ci in scan.components { componentsDone.insert(ci) }
        let streaming = coefficients == nil
        let single = n == 1
        let c0 = frame.components[scan.components[0]]
        let mcusPerRow = single ? c0.widthInBlocks : frame.mcusX
        let mcuRows = single ? c0.heightInBlocks : frame.mcusY
        var walker = ScanWalker(scanNumber: scanCount, mcusPerRow: mcusPerRow, mcuRows: mcuRows,
                                restartInterval: restartInterval, lenient: options.lenient)
        var reader = EntropyReader(base: base, end: count, pos: pos)
        var predictors = [Int32](repeating: 0, count: n)
        // Per scan component: its frame index, sampling, and quantisation table.
        let comps = scan.components.map { frame.components[$0] }
        let quants = scan.components.map { componentQuant[$0] ?? [Int32](repeating: 0, count: 64) }
        let zz = ZigZag.paddedNaturalOrder
        let coefficientBase = coefficients
        let offsets = coefficientOffsets
        var warningsLocal = warnings
        defer { warnings = warningsLocal }

        try zz.withUnsafeBufferPointer { (zzb) throws(JPEGError) in
        try withUnsafeTemporaryAllocation(of: Int16.self, capacity: 64) { (tb) throws(JPEGError) in
        try withUnsafeTemporaryAllocation(of: Int32.self, capacity: 64) { (wsb) throws(JPEGError) in
            let zzp = zzb.baseAddress!
            let temp = tb.baseAddress!
            let ws = wsb.baseAddress!
            var mcu = 0
            var lastGroup = -1
            for mcuRow in 0..<mcuRows {
                // Streaming a single-component scan: block row mcuRow belongs to row group
                // mcuRow / v; emit a group once the next one starts.
                let group = single ? mcuRow / c0.v : mcuRow
                if streaming && group != lastGroup {
                    if lastGroup >= 1, let output { stage.emit(group: lastGroup - 1, into: output) }
                    lastGroup = group
                }
                for mcuColumn in 0..<mcusPerRow {
                    if try walker.restartIfDue(mcu, &reader, &warningsLocal) {
                        for i in 0..<n { predictors[i] = 0 }
                    }
                    var outcome = ScanWalker.Outcome.ok
                    for i in 0..<n {
                        let c = comps[i]
                        let ci = scan.components[i]
                        let (bw, bh) = single ? (1, 1) : (c.h, c.v)
                        for by in 0..<bh {
                            for bx in 0..<bw {
                                let blockRow = single ? mcuRow : mcuRow * c.v + by
                                let blockColumn = single ? mcuColumn : mcuColumn * c.h + bx
                                let block: UnsafeMutablePointer<Int16>
                                if streaming {
                                    block = temp
                                    block.initialize(repeating: 0, count: 64)
                                } else {
                                    block = coefficientBase! + offsets[ci] + (blockRow * c.blocksPerLine + blockColumn) * 64
                                }
                                if !walker.skipping && outcome == .ok {
                                    if !Self.decodeBlock(&reader, dcTables[i], acTables[i], &predictors[i], block, zzp) {
                                        outcome = .badCode
                                    }
                                }
                                if streaming {
                                    let groupRow = single ? blockRow % c.v : by
                                    let dst = stage.blockOutput(ci, group: group, blockRow: groupRow, blockColumn: blockColumn)
                                    quants[i].withUnsafeBufferPointer { q in
                                        BlockIDCT.run(size: c.blockSize, block, q.baseAddress!, dst, stage.planes[ci].stride, ws)
                                    }
                                }
                            }
                        }
                    }
                    if !walker.skipping { try walker.check(outcome, mcu: mcu, reader, &warningsLocal) }
                    mcu += 1
                }
            }
            if streaming, let output {
                if lastGroup >= 1 { stage.emit(group: lastGroup - 1, into: output) }
                stage.emit(group: max(lastGroup, 0), into: output)
            }
        }}}
        if streaming { streamedAll = true }
        pos = reader.pos
    }

    /// One block of a sequential scan (T.81 F.2.2.1, F.2.2.2) into `block` (zeroed, natural
    /// order). False when a code matches nothing.
    @inline(__always)
    static func decodeBlock(_ r: inout EntropyReader, _ dc: HuffmanTable, _ ac: HuffmanTable,
                            _ predictor: inout Int32, _ block: UnsafeMutablePointer<Int16>,
                            _ zz: UnsafePointer<Int>) -> Bool {
        let s = r.decode(dc)
        if s < 0 { return false }
        predictor = predictor &+ r.receiveExtend(s)
        block[0] = Int16(truncatingIfNeeded: predictor)
        var k = 1
        while k < 64 {
            let rs = r.decode(ac)
            if rs < 0 { return false }
            let run = rs >> 4, size = rs & 15
            if size != 0 {
                // k + run <= 63 + 15: paddedNaturalOrder has 80 entries.
                k &+= run
                block[zz[k]] = Int16(truncatingIfNeeded: r.receiveExtend(size))
                k &+= 1
            } else {
                if run != 15 { break }
                k &+= 16
            }
        }
        return true
    }
}
