/// Progressive scans (T.81 G.1.2, libjpeg's jdphuff.c): DC first and refinement scans
/// (interleaved or not), AC first and refinement scans (always one component) with EOB
/// runs. All of them add to the whole-image coefficient buffer.
extension DecoderState {
    mutating func decodeProgressiveScan(_ scan: ScanHeader) throws(JPEGError) {
        guard let frame, let coefficients else { return }
        let n = scan.components.count
        let single = n == 1
        let c0 = frame.components[scan.components[0]]
        let mcusPerRow = single ? c0.widthInBlocks : frame.mcusX
        let mcuRows = single ? c0.heightInBlocks : frame.mcusY
        var walker = ScanWalker(scanNumber: scanCount, mcusPerRow: mcusPerRow, mcuRows: mcuRows,
                                restartInterval: restartInterval, lenient: options.lenient)
        walker.tolerateEarlyMarker = true
        var reader = EntropyReader(base: base, end: count, pos: pos)
        let isDC = scan.ss == 0
        let refine = scan.ah != 0
        if !isDC && c0.blockSize == 1 {
            // DCT scale 1/8 of this component (an AC scan has one component, readScan checks
            // it): its 1x1 IDCT reads only the DC, so the AC terms are never needed. The
            // scan's entropy-coded data is passed over to the next marker that is not RSTn
            // (see docs/jpeg.md: damage inside such a scan is not seen at this scale).
            pos = Self.entropySegmentEnd(base, count, from: pos)
            return
        }
        let dcTables: [HuffmanTable?] = scan.dcTable.map { $0 <= 3 ? huffman.dc[$0] : nil }
        let acTable: HuffmanTable? = scan.acTable[0] <= 3 ? huffman.ac[scan.acTable[0]] : nil
        eobRun = 0
        var warningsLocal = warnings
        defer { warnings = warningsLocal }
        let ss = scan.ss, se = scan.se, al = scan.al
        let restarts = restartInterval > 0

        if !isDC {
            // AC scans have one component (readScan checks it): its blocks in raster order,
            // widthInBlocks x heightInBlocks of them, each with its non-zero mask.
            guard let table = acTable else {
                // readScan requires the table, so this is not reached; damage all the same.
                try walker.check(.badCode, mcu: 0, reader, &warningsLocal)
                return
            }
            let masks = nonzeroMasks(frame)
            let ci = scan.components[0]
            let blockBase = coefficientOffsets[ci] / 64
            let lookup = table.lookup
            var eob = 0
            try withExtendedLifetime(table) { () throws(JPEGError) in
            try ZigZag.paddedNaturalOrder.withUnsafeBufferPointer { (zzb) throws(JPEGError) in
                let zz = zzb.baseAddress!
                var mcu = 0
                for row in 0..<mcuRows {
                    // Block (row, column) of the component is block blockBase + row *
                    // blocksPerLine + column of the buffer: rows < heightInBlocks <=
                    // blocksPerColumn and columns < widthInBlocks <= blocksPerLine.
                    let first = blockBase &+ row &* c0.blocksPerLine
                    for column in 0..<mcusPerRow {
                        if restarts, try walker.restartIfDue(mcu, &reader, &warningsLocal) { eob = 0 }
                        if walker.skipping { mcu &+= 1; continue }
                        let index = first &+ column
                        let block = coefficients + index &* 64
                        let ok = refine
                            ? Self.acRefine(&reader, lookup, block, &masks[index], ss, se, al, &eob, zz)
                            : Self.acFirst(&reader, lookup, block, &masks[index], ss, se, al, &eob, zz)
                        if !ok || reader.overran {
                            try walker.check(ok ? .ok : .badCode, mcu: mcu, reader, &warningsLocal)
                        }
                        mcu &+= 1
                    }
                }
            }}
            pos = reader.pos
            return
        }

        // DC scans: the blocks of each MCU as slots (component, block row and column).
        // Positions in coefficients (Int16 units): a block is coefficientStrides[ci] of them.
        var slotComponent: [Int] = []
        var slotOffset: [Int] = []      // the slot's block in the first MCU
        var slotStep: [Int] = []        // per MCU column
        var slotRowStep: [Int] = []     // per MCU row
        for (i, ci) in scan.components.enumerated() {
            let c = frame.components[ci]
            let perBlock = coefficientStrides[ci]
            let bw = single ? 1 : c.h, bh = single ? 1 : c.v
            for by in 0..<bh {
                for bx in 0..<bw {
                    slotComponent.append(i)
                    slotOffset.append(coefficientOffsets[ci] + (by * c.blocksPerLine + bx) * perBlock)
                    slotStep.append(bw * perBlock)
                    slotRowStep.append(bh * c.blocksPerLine * perBlock)
                }
            }
        }
        // A refinement scan reads no Huffman codes: `lookups` stays empty and is not read.
        var lookups: [HuffmanLookup] = []
        for i in 0..<n where !refine {
            if let table = dcTables[i] {
                lookups.append(table.lookup)
            } else {
                // readScan requires the tables of a DC first scan; damage all the same.
                try walker.check(.badCode, mcu: 0, reader, &warningsLocal)
                return
            }
        }
        let slots = slotComponent.count
        let bitValue = Int16(truncatingIfNeeded: 1 << al)
        try withExtendedLifetime(dcTables) { () throws(JPEGError) in
        try lookups.withUnsafeBufferPointer { (lb) throws(JPEGError) in
        try slotComponent.withUnsafeBufferPointer { (sc) throws(JPEGError) in
        try slotOffset.withUnsafeBufferPointer { (so) throws(JPEGError) in
        try slotStep.withUnsafeBufferPointer { (st) throws(JPEGError) in
        try slotRowStep.withUnsafeBufferPointer { (rs) throws(JPEGError) in
        try withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { (pb) throws(JPEGError) in
            let predictors = pb.baseAddress!
            predictors.initialize(repeating: 0, count: n)
            var mcu = 0
            for mcuRow in 0..<mcuRows {
                for mcuColumn in 0..<mcusPerRow {
                    if restarts, try walker.restartIfDue(mcu, &reader, &warningsLocal) {
                        for i in 0..<n { predictors[i] = 0 }
                    }
                    if walker.skipping { mcu &+= 1; continue }
                    // After a bad code the rest of that component's blocks in the MCU are
                    // still read (as before), the later components' are not.
                    var ok = true
                    var failed = -1
                    for s in 0..<slots {
                        let i = sc[s]
                        if !ok && i != failed { break }
                        // Inside the component's blocks: the MCU grid covers blocksPerLine x
                        // blocksPerColumn blocks (a single-component scan stays within
                        // widthInBlocks x heightInBlocks).
                        let block = coefficients + (so[s] &+ mcuRow &* rs[s] &+ mcuColumn &* st[s])
                        if refine {
                            // G.1.2.1: one correction bit per block.
                            if reader.bit() != 0 { block[0] |= bitValue }
                        } else {
                            var predictor = predictors[i]
                            if Self.decodeDC(&reader, lb[i], &predictor) {
                                predictors[i] = predictor
                                block[0] = Int16(truncatingIfNeeded: predictor &<< Int32(al))
                            } else if ok {
                                ok = false
                                failed = i
                            }
                        }
                    }
                    if !ok || reader.overran {
                        try walker.check(ok ? .ok : .badCode, mcu: mcu, reader, &warningsLocal)
                    }
                    mcu &+= 1
                }
            }
        }}}}}}}
        pos = reader.pos
    }

    /// The non-zero masks of the coefficient buffer's blocks, made (all clear) at the first
    /// AC scan: bit k of a block's mask is set when its coefficient at zig-zag position k
    /// (1...63) is non-zero. Only progressive AC scans write AC coefficients, and a
    /// refinement never makes a non-zero coefficient zero, so the masks follow the buffer.
    /// The limits check counts them (8 bytes per block beside the 128 of coefficients).
    mutating func nonzeroMasks(_ frame: FrameLayout) -> UnsafeMutablePointer<UInt64> {
        if let masks = nonzeroMaskStorage { return masks }
        let total = frame.totalBlocks
        let masks = UnsafeMutablePointer<UInt64>.allocate(capacity: total)
        masks.initialize(repeating: 0, count: total)
        nonzeroMaskStorage = masks
        return masks
    }

    /// Where the entropy-coded segment starting at `from` ends: the index of the FF that
    /// begins the first marker other than RSTn (FF 00 is a stuffed data byte, and any
    /// number of FF fill bytes may precede a marker code), or `count` when the input ends
    /// first.
    static func entropySegmentEnd(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int) -> Int {
        var p = start
        while p < count {
            // Eight bytes at a time while none of them is FF; p + 8 <= count keeps the
            // word load inside the input.
            while p &+ 8 <= count {
                let word = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
                let inverted = ~word
                if (inverted &- 0x0101_0101_0101_0101) & ~inverted & 0x8080_8080_8080_8080 != 0 { break }
                p &+= 8
            }
            while p < count && base[p] != 0xFF { p &+= 1 }
            guard p < count else { return count }
            var q = p &+ 1
            while q < count && base[q] == 0xFF { q &+= 1 }
            guard q < count else { return count }
            let code = base[q]
            if code != 0 && !JPEGMarker.isRestart(code) { return q &- 1 }
            p = q &+ 1
        }
        return count
    }

    /// Zig-zag positions a ... b (0 <= a, b <= 63) as mask bits; empty when a > b.
    @inline(__always)
    static func band(_ a: Int, _ b: Int) -> UInt64 {
        if a > b { return 0 }
        let high: UInt64 = b == 63 ? ~0 : (1 << UInt64(b &+ 1)) &- 1
        return high & ~((1 << UInt64(a)) &- 1)
    }

    /// AC first scan of one block (G.1.2.2; jdphuff.c decode_mcu_AC_first).
    @inline(__always)
    static func acFirst(_ r: inout EntropyReader, _ table: HuffmanLookup, _ block: UnsafeMutablePointer<Int16>,
                        _ mask: inout UInt64,
                        _ ss: Int, _ se: Int, _ al: Int, _ eob: inout Int, _ zz: UnsafePointer<Int>) -> Bool {
        if eob > 0 { eob &-= 1; return true }
        var k = ss
        while k <= se {
            let rs = r.decode(table)
            if rs < 0 { return false }
            let run = rs >> 4, size = rs & 15
            if size != 0 {
                k &+= run
                // k <= 63 + 15: the padded table keeps the write inside the block, at the
                // last coefficient (zig-zag 63) past the end.
                let value = Int16(truncatingIfNeeded: r.receiveExtend(size) &<< Int32(al))
                block[zz[k]] = value
                // A bogus repeated first scan may overwrite a non-zero coefficient.
                let bit: UInt64 = 1 << UInt64(min(k, 63))
                mask = value != 0 ? mask | bit : mask & ~bit
            } else if run == 15 {
                k &+= 15
            } else {
                eob = 1 << run
                if run != 0 { eob &+= r.bits(run) }
                eob &-= 1
                break
            }
            k &+= 1
        }
        return true
    }

    /// AC refinement scan of one block (G.1.2.3; jdphuff.c decode_mcu_AC_refine): new
    /// coefficients of magnitude 1 << al, and one correction bit for each coefficient
    /// already non-zero that the run passes over. The block's non-zero mask finds those
    /// coefficients (and the zero ones a run counts) without visiting every position.
    @inline(__always)
    static func acRefine(_ r: inout EntropyReader, _ table: HuffmanLookup, _ block: UnsafeMutablePointer<Int16>,
                         _ mask: inout UInt64,
                         _ ss: Int, _ se: Int, _ al: Int, _ eob: inout Int, _ zz: UnsafePointer<Int>) -> Bool {
        let p1 = Int16(truncatingIfNeeded: 1 << al)
        let m1 = Int16(truncatingIfNeeded: -1 << al)
        var k = ss
        let bandEnd = band(0, se)
        /// Correction bits for the non-zero coefficients among `bits`, in zig-zag order.
        @inline(__always) func correct(_ bits: UInt64, _ r: inout EntropyReader) {
            var m = bits
            while m != 0 {
                let coef = block + zz[m.trailingZeroBitCount]
                m &= m &- 1
                if r.bit() != 0 && (coef.pointee & p1) == 0 {
                    coef.pointee = coef.pointee >= 0 ? coef.pointee &+ p1 : coef.pointee &+ m1
                }
            }
        }
        if eob == 0 {
            while k <= se {
                let rs = r.decode(table)
                if rs < 0 { return false }
                var run = rs >> 4
                let size = rs & 15
                var value: Int16 = 0
                if size != 0 {
                    // size must be 1 here; libjpeg only warns otherwise and reads one bit.
                    value = r.bit() != 0 ? p1 : m1
                } else if run != 15 {
                    eob = 1 << run
                    if run != 0 { eob &+= r.bits(run) }
                    break
                }
                // Skip `run` zero coefficients, correcting the non-zero ones passed: the
                // target is the (run + 1)-th zero position from k, or Se + 1 when the band
                // has fewer zeros left.
                let from = band(k, 63) & bandEnd
                var zeros = ~mask & from
                while run > 0 && zeros != 0 { zeros &= zeros &- 1; run &-= 1 }
                let target = zeros == 0 ? se &+ 1 : zeros.trailingZeroBitCount
                correct(mask & from & ~band(target, 63), &r)
                k = target
                // When the run passes Se (corrupt data), k is Se + 1 <= 64 and libjpeg still
                // stores the value, at jpeg_natural_order[64], the last coefficient; the
                // padded table does the same.
                if value != 0 {
                    block[zz[k]] = value
                    mask |= 1 << UInt64(min(k, 63))
                }
                k &+= 1
            }
        }
        if eob > 0 {
            if k <= se { correct(mask & band(k, se), &r) }
            eob &-= 1
        }
        return true
    }
}
