/// Baseline and extended sequential scans (T.81 F.2): each block's DC difference and AC
/// run/size codes. A scan with every component of the frame is decoded straight through
/// the IDCT into the output stage, one row group at a time; other sequential scans fill
/// the coefficient buffer, rendered at EOI.
extension DecoderState {
    /// What the inner loop needs of one scan component, as plain values and pointers.
    struct ScanComponent {
        var dc: HuffmanLookup
        var ac: HuffmanLookup
        var quant: UnsafePointer<Int32>
        var h: Int, v: Int
        var blocksPerLine: Int
        var blockSize: Int
        /// Output plane: base, bytes per row, rows per group, rows in the ring.
        var plane: UnsafeMutablePointer<UInt8>
        var stride: Int
        var groupRows: Int
        var ringRows: Int
        /// Coefficient plane (buffered path).
        var coefficients: UnsafeMutablePointer<Int16>?
        var narrowQuant: Bool
        /// The AC table's skip table, for a streamed component at scale 1/8.
        var acSkip: UnsafePointer<UInt16>?
        /// Reduced2x2Sums' plan, for a streamed component with 2x2 blocks (4:2:0 chroma at
        /// scale 1/8).
        var plan2x2: UnsafePointer<Int32>?
        var predictor: Int32 = 0
    }

    mutating func decodeSequentialScan(_ scan: ScanHeader) throws(JPEGError) {
        guard let frame, let stage else { return }
        // The streaming path has its raster (nil on the buffered path, which renders at EOI).
        let output = self.output
        let n = scan.components.count
        for ci in scan.components { componentsDone.insert(ci) }
        let streaming = coefficients == nil
        let single = n == 1
        let c0 = frame.components[scan.components[0]]
        let mcusPerRow = single ? c0.widthInBlocks : frame.mcusX
        let mcuRows = single ? c0.heightInBlocks : frame.mcusY
        var walker = ScanWalker(scanNumber: scanCount, mcusPerRow: mcusPerRow, mcuRows: mcuRows,
                                restartInterval: restartInterval, lenient: options.lenient)
        var reader = EntropyReader(base: base, end: count, pos: pos)
        var warningsLocal = warnings
        defer { warnings = warningsLocal }

        // Tables and quantisers stay alive in `self` for the whole scan (the arrays below
        // are not mutated), so the plain pointers taken from them stay valid.
        var dcTables: [HuffmanTable] = []
        var acTables: [HuffmanTable] = []
        for i in 0..<n {
            // Td/Ta are 4-bit fields: a damaged SOS (found by fuzzing, with Ah != 0 in a
            // sequential frame, which skips readScan's check) can name tables 4...15.
            guard scan.dcTable[i] <= 3, scan.acTable[i] <= 3,
                  let dc = huffman.dc[scan.dcTable[i]], let ac = huffman.ac[scan.acTable[i]] else {
                throw .missingTable(kind: "Huffman", index: max(scan.dcTable[i], scan.acTable[i]))
            }
            dcTables.append(dc)
            acTables.append(ac)
        }
        let quantStorage = UnsafeMutablePointer<Int32>.allocate(capacity: n * 64)
        defer { quantStorage.deallocate() }
        let planStorage = UnsafeMutablePointer<Int32>.allocate(capacity: n * Reduced2x2Sums.planCount)
        defer { planStorage.deallocate() }
        var comps: [ScanComponent] = []
        for (i, ci) in scan.components.enumerated() {
            let c = frame.components[ci]
            let q = componentQuant[ci] ?? [Int32](repeating: 0, count: 64)
            (quantStorage + i * 64).initialize(from: q, count: 64)
            let plane = stage.planes[ci]
            let plan = planStorage + i * Reduced2x2Sums.planCount
            let reduced2x2 = streaming && c.blockSize == 2
            if reduced2x2 { Reduced2x2Sums.makePlan(quant: quantStorage + i * 64, into: plan) }
            comps.append(ScanComponent(dc: dcTables[i].lookup, ac: acTables[i].lookup,
                                       quant: UnsafePointer(quantStorage + i * 64), h: c.h, v: c.v,
                                       blocksPerLine: c.blocksPerLine, blockSize: c.blockSize,
                                       plane: plane.base, stride: plane.stride, groupRows: plane.groupRows,
                                       ringRows: plane.ringRows,
                                       coefficients: coefficients.map { $0 + coefficientOffsets[ci] },
                                       narrowQuant: q.allSatisfy { $0 <= 32767 },
                                       acSkip: streaming && c.blockSize == 1 ? acTables[i].skipTable() : nil,
                                       plan2x2: reduced2x2 ? UnsafePointer(plan) : nil))
        }

        try withExtendedLifetime((dcTables, acTables)) { () throws(JPEGError) in
        try ZigZag.paddedNaturalOrder.withUnsafeBufferPointer { (zzb) throws(JPEGError) in
        try comps.withUnsafeMutableBufferPointer { (cb) throws(JPEGError) in
        try withUnsafeTemporaryAllocation(of: Int16.self, capacity: 64) { (tb) throws(JPEGError) in
        try withUnsafeTemporaryAllocation(of: Int32.self, capacity: 64) { (wsb) throws(JPEGError) in
            let zz = zzb.baseAddress!
            let temp = tb.baseAddress!
            let ws = wsb.baseAddress!
            temp.initialize(repeating: 0, count: 64)
            if streaming {
                try decodeStreamingMCUs(cb, c0, mcusPerRow: mcusPerRow, mcuRows: mcuRows, &walker, &reader,
                                        &warningsLocal, temp, ws, zz, stage, output)
                return
            }
            var mcu = 0
            for mcuRow in 0..<mcuRows {
                for mcuColumn in 0..<mcusPerRow {
                    if restartInterval > 0, try walker.restartIfDue(mcu, &reader, &warningsLocal) {
                        for i in 0..<n { cb[i].predictor = 0 }
                    }
                    if walker.skipping { mcu &+= 1; continue }
                    var ok = true
                    for i in 0..<n where ok {
                        let c = cb[i]
                        let bw = single ? 1 : c.h, bh = single ? 1 : c.v
                        for by in 0..<bh {
                            let blockRow = single ? mcuRow : mcuRow &* c.v &+ by
                            for bx in 0..<bw where ok {
                                let blockColumn = single ? mcuColumn : mcuColumn &* c.h &+ bx
                                // Not streaming means every component has a coefficient plane,
                                // so the fallback to `temp` is never taken; it keeps the access
                                // in bounds without a trap even if that ever changed.
                                let block = c.coefficients.map { $0 + (blockRow &* c.blocksPerLine &+ blockColumn) &* 64 } ?? temp
                                ok = Self.decodeBlock(&reader, c.dc, c.ac, &cb[i].predictor, block, zz) != .badCode
                            }
                        }
                    }
                    try walker.check(ok ? .ok : .badCode, mcu: mcu, reader, &warningsLocal)
                    mcu &+= 1
                }
            }
        }}}}}
        if streaming { streamedAll = true }
        pos = reader.pos
    }

    /// The MCUs of a scan that holds every component of the frame, decoded through the IDCT
    /// straight into the output stage's planes, one row group at a time.
    ///
    /// The blocks of an MCU are listed once as slots (component, block row and column
    /// inside the MCU); per MCU row each slot gets its destination row in the plane ring,
    /// so the per-block work is an add and a multiply (no division, no per-block branches
    /// on the scan's shape).
    private func decodeStreamingMCUs(_ cb: UnsafeMutableBufferPointer<ScanComponent>, _ c0: FrameComponent,
                                     mcusPerRow: Int, mcuRows: Int,
                                     _ walker: inout ScanWalker, _ reader: inout EntropyReader,
                                     _ warnings: inout [JPEGWarning],
                                     _ temp: UnsafeMutablePointer<Int16>, _ ws: UnsafeMutablePointer<Int32>,
                                     _ zz: UnsafePointer<Int>, _ stage: OutputStage,
                                     _ output: UnsafeMutablePointer<UInt8>?) throws(JPEGError) {
        let n = cb.count
        let single = n == 1
        // Slots in the order T.81 A.2.3 puts an MCU's blocks: by component, then block rows,
        // then block columns. At most 10 blocks per MCU (readScan checks it; a single
        // component scan has one).
        var slotComponent: [Int] = []
        var slotRow: [Int] = []         // sample row of the block inside its row group
        var slotColumn: [Int] = []      // sample column of the block inside its MCU
        var slotStep: [Int] = []        // samples per MCU column
        for i in 0..<n {
            let c = cb[i]
            let bw = single ? 1 : c.h, bh = single ? 1 : c.v
            for by in 0..<bh {
                for bx in 0..<bw {
                    slotComponent.append(i)
                    slotRow.append(by &* c.blockSize)
                    slotColumn.append(bx &* c.blockSize)
                    slotStep.append(bw &* c.blockSize)
                }
            }
        }
        let slots = slotComponent.count
        let dcOnly = slotComponent.map { cb[$0].blockSize == 1 }
        var rowBase = [UnsafeMutablePointer<UInt8>](repeating: cb[0].plane, count: slots)
        // Scale 1/8 (some block needs only its DC: every block of greyscale, 4:4:4 and
        // single-component scans, the luma blocks of 4:2:0): MCU rows without restarts go
        // through skipMCURun, which keeps the reader in a local.
        let anySkip = (0..<slots).contains { dcOnly[$0] && cb[slotComponent[$0]].acSkip != nil }
        let allSkip = (0..<slots).allSatisfy { dcOnly[$0] && cb[slotComponent[$0]].acSkip != nil }
        var mcu = 0
        var lastGroup = -1
        for mcuRow in 0..<mcuRows {
            // A single-component scan's block row mcuRow belongs to row group mcuRow / v;
            // emit a group once the one after it is decoded.
            let group = single ? mcuRow / c0.v : mcuRow
            if group != lastGroup {
                if lastGroup >= 1, let output { stage.emit(group: lastGroup - 1, into: output) }
                lastGroup = group
            }
            for s in 0..<slots {
                let c = cb[slotComponent[s]]
                // Group rows are whole blocks and the ring whole groups, so a block never
                // wraps the ring: ringRow + blockSize <= ringRows.
                let groupRow = single ? (mcuRow % c.v) &* c.blockSize : slotRow[s]
                let ringRow = (group &* c.groupRows &+ groupRow) % c.ringRows
                rowBase[s] = c.plane + (ringRow &* c.stride &+ slotColumn[s])
            }
            try rowBase.withUnsafeBufferPointer { (rb) throws(JPEGError) in
            try slotComponent.withUnsafeBufferPointer { (sc) throws(JPEGError) in
            try slotStep.withUnsafeBufferPointer { (st) throws(JPEGError) in
            try dcOnly.withUnsafeBufferPointer { (d1) throws(JPEGError) in
                var firstColumn = 0
                if anySkip && restartInterval == 0 && !walker.skipping {
                    // Two copies: with a 2x2 or 4x4 block in the MCU the compiler no longer
                    // inlines skipBlockAC (greyscale at 1/8: 64.3 M -> 71.3 M instructions).
                    let (stop, ok) = allSkip
                        ? Self.skipMCURunDC(&reader, cb, sc, rb, st, columns: mcusPerRow)
                        : Self.skipMCURun(&reader, cb, sc, rb, st, d1, columns: mcusPerRow, temp, ws, zz)
                    if stop < mcusPerRow {
                        // MCU `stop` ended with a bad code or past the data: the walker
                        // decides (throw, or skip the rest in lenient mode).
                        try walker.check(ok ? .ok : .badCode, mcu: mcu &+ stop, reader, &warnings)
                        firstColumn = stop &+ 1
                    } else {
                        firstColumn = mcusPerRow
                    }
                    mcu &+= firstColumn
                }
                for mcuColumn in firstColumn..<mcusPerRow {
                    if restartInterval > 0, try walker.restartIfDue(mcu, &reader, &warnings) {
                        for i in 0..<n { cb[i].predictor = 0 }
                    }
                    var ok = true
                    let decoding = !walker.skipping
                    for s in 0..<slots {
                        let i = sc[s]
                        let dst = rb[s] + mcuColumn &* st[s]
                        if d1[s], let acSkip = cb[i].acSkip {
                            // DCT scale 1/8 of this component: only the DC term is used, so
                            // the AC codes are read past, never stored.
                            if decoding && ok {
                                ok = Self.skipBlockAC(&reader, cb[i].dc, cb[i].ac, acSkip, &cb[i].predictor)
                            }
                            let dc = decoding ? Int32(Int16(truncatingIfNeeded: cb[i].predictor)) : 0
                            dst.pointee = InverseDCT.rangeLimit((dc &* cb[i].quant[0] &+ 4) >> 3)
                            continue
                        }
                        // A block not decoded (damage) is all zero: DC only.
                        var status = BlockStatus.dcOnly
                        if decoding && ok {
                            status = Self.decodeBlock(&reader, cb[i].dc, cb[i].ac, &cb[i].predictor, temp, zz)
                            ok = status != .badCode
                        }
                        let c = cb[i]
                        if status == .dcOnly {
                            // Every IDCT size gives a DC-only block its DC average,
                            // DESCALE(dc * q0, 3) (see BlockIDCT.run and InverseDCT.islow),
                            // so the block is filled without its IDCT or a clear.
                            Self.fill(dst, c.stride, c.blockSize,
                                      InverseDCT.rangeLimit((Int32(temp[0]) &* c.quant[0] &+ 4) >> 3))
                            temp[0] = 0
                        } else {
                            BlockIDCT.run(size: c.blockSize, temp, c.quant, dst, c.stride, ws, narrowQuant: c.narrowQuant)
                            InverseDCT.clear(temp)
                        }
                    }
                    if decoding {
                        try walker.check(ok ? .ok : .badCode, mcu: mcu, reader, &warnings)
                    }
                    mcu &+= 1
                }
            }}}}
        }
        if let output {
            if lastGroup >= 1 { stage.emit(group: lastGroup - 1, into: output) }
            stage.emit(group: max(lastGroup, 0), into: output)
        }
    }

    /// The MCUs of one row at 1/8 scale (`anySkip` in decodeStreamingMCUs), decoded as the
    /// general loop there does, with the reader in a local: blocks needing only their DC
    /// (`d1` with a skip table) get the DC and their AC codes passed over, the others
    /// (2x2 or 4x4 IDCT) are decoded and transformed. Stops after the first MCU with a bad
    /// code or that read past the data (returning its column and whether its codes were
    /// good, for ScanWalker.check); returns `columns` when every MCU of the row was clean.
    @inline(never)
    static func skipMCURun(_ r: inout EntropyReader, _ cb: UnsafeMutableBufferPointer<ScanComponent>,
                           _ sc: UnsafeBufferPointer<Int>, _ rb: UnsafeBufferPointer<UnsafeMutablePointer<UInt8>>,
                           _ st: UnsafeBufferPointer<Int>, _ d1: UnsafeBufferPointer<Bool>, columns: Int,
                           _ temp: UnsafeMutablePointer<Int16>, _ ws: UnsafeMutablePointer<Int32>,
                           _ zz: UnsafePointer<Int>) -> (Int, Bool) {
        var rd = r
        defer { r = rd }
        let slots = sc.count
        var column = 0
        while column < columns {
            var ok = true
            for s in 0..<slots {
                let i = sc[s]
                let dst = rb[s] + column &* st[s]
                if d1[s], let table = cb[i].acSkip {
                    if ok { ok = skipBlockAC(&rd, cb[i].dc, cb[i].ac, table, &cb[i].predictor) }
                    let dc = Int32(Int16(truncatingIfNeeded: cb[i].predictor))
                    dst.pointee = InverseDCT.rangeLimit((dc &* cb[i].quant[0] &+ 4) >> 3)
                    continue
                }
                if let plan = cb[i].plan2x2 {
                    ok = decodeReducedBlock2x2(&rd, &cb[i], ok, dst, ws, plan)
                } else {
                    ok = decodeReducedBlock(&rd, &cb[i], ok, dst, temp, ws, zz)
                }
            }
            if !ok || rd.overran { return (column, ok) }
            column &+= 1
        }
        return (columns, true)
    }

    /// skipMCURun's blocks that are decoded (2x2 or 4x4 IDCT): out of line, so that the
    /// loop stays small enough for the compiler to inline skipBlockAC there (as a call it
    /// cost about 40 instructions a luma block). As decodeStreamingMCUs, a block not decoded
    /// (`decoding` false: damage before it) is all zero. Returns whether its codes were good.
    @inline(never)
    static func decodeReducedBlock(_ r: inout EntropyReader, _ c: inout ScanComponent, _ decoding: Bool,
                                   _ dst: UnsafeMutablePointer<UInt8>, _ temp: UnsafeMutablePointer<Int16>,
                                   _ ws: UnsafeMutablePointer<Int32>, _ zz: UnsafePointer<Int>) -> Bool {
        var status = BlockStatus.dcOnly
        if decoding {
            status = decodeBlock(&r, c.dc, c.ac, &c.predictor, temp, zz)
        }
        if status == .dcOnly {
            fill(dst, c.stride, c.blockSize, InverseDCT.rangeLimit((Int32(temp[0]) &* c.quant[0] &+ 4) >> 3))
            temp[0] = 0
        } else {
            BlockIDCT.run(size: c.blockSize, temp, c.quant, dst, c.stride, ws, narrowQuant: c.narrowQuant)
            InverseDCT.clear(temp)
        }
        return decoding && status != .badCode
    }

    /// decodeReducedBlock for 2x2 blocks: the coefficients go straight into the 2x2
    /// IDCT's sums (Reduced2x2Sums, `sums` scratch of 16), no block to store, test or
    /// clear. Same samples as decodeReducedBlock, also after a bad code (the codes before
    /// it count, as they stay in decodeReducedBlock's block).
    @inline(never)
    static func decodeReducedBlock2x2(_ r: inout EntropyReader, _ c: inout ScanComponent, _ decoding: Bool,
                                      _ dst: UnsafeMutablePointer<UInt8>, _ sums: UnsafeMutablePointer<Int32>,
                                      _ plan: UnsafePointer<Int32>) -> Bool {
        sums.update(repeating: 0, count: Reduced2x2Sums.sumsCount)
        var sink = Reduced2x2Sums(sums: sums, plan: plan)
        var status = BlockStatus.dcOnly
        if decoding {
            status = decodeBlock(&r, c.dc, c.ac, &c.predictor, &sink)
        }
        if status == .dcOnly {
            // sums[0] is the dequantised DC (plan[0] = q[0]); 0 when not decoded.
            fill(dst, c.stride, 2, InverseDCT.rangeLimit((sums[0] &+ 4) >> 3))
        } else {
            sink.render(dst, c.stride)
        }
        return decoding && status != .badCode
    }

    /// skipMCURun for MCUs whose blocks all need only their DC.
    @inline(never)
    static func skipMCURunDC(_ r: inout EntropyReader, _ cb: UnsafeMutableBufferPointer<ScanComponent>,
                             _ sc: UnsafeBufferPointer<Int>, _ rb: UnsafeBufferPointer<UnsafeMutablePointer<UInt8>>,
                             _ st: UnsafeBufferPointer<Int>, columns: Int) -> (Int, Bool) {
        var rd = r
        defer { r = rd }
        let slots = sc.count
        var column = 0
        while column < columns {
            var ok = true
            for s in 0..<slots {
                let i = sc[s]
                if ok {
                    // allSkip guarantees a skip table; a missing one counts as a bad code.
                    if let table = cb[i].acSkip {
                        ok = skipBlockAC(&rd, cb[i].dc, cb[i].ac, table, &cb[i].predictor)
                    } else {
                        ok = false
                    }
                }
                let dc = Int32(Int16(truncatingIfNeeded: cb[i].predictor))
                (rb[s] + column &* st[s]).pointee = InverseDCT.rangeLimit((dc &* cb[i].quant[0] &+ 4) >> 3)
            }
            if !ok || rd.overran { return (column, ok) }
            column &+= 1
        }
        return (columns, true)
    }

    /// A block's DC difference added to `predictor`: code and magnitude in one probe when
    /// both fit the lookahead. False when a code matches nothing.
    @inline(__always)
    static func decodeDC(_ r: inout EntropyReader, _ dc: HuffmanLookup, _ predictor: inout Int32) -> Bool {
        if r.count < 16 { r.refill() }
        let fast = dc.fastAC[Int(truncatingIfNeeded: r.buffer >> UInt64(64 &- HuffmanTable.lookupBits))]
        if fast != 0 {
            r.skip(Int(fast & 0xFF))
            predictor = predictor &+ (fast >> 16)
            return true
        }
        let s = r.decode(dc)
        if s < 0 { return false }
        predictor = predictor &+ r.receiveExtend(s)
        return true
    }

    /// A block whose AC terms are not needed: the DC predictor is updated, the AC codes
    /// and magnitude bits are consumed. False when a code matches nothing.
    @inline(__always)
    static func skipBlockAC(_ r: inout EntropyReader, _ dc: HuffmanLookup, _ ac: HuffmanLookup,
                            _ skipTable: UnsafePointer<UInt16>, _ predictor: inout Int32) -> Bool {
        // The bit buffer and its count are kept in plain locals, handed back to `r` only
        // around the rare slow steps. A reader whose address some call takes (the slow
        // refill, decodeReducedBlock) lives in memory, and the compiler stored and reloaded
        // its buffer at every probe: a store-to-load delay on the loop's critical path
        // (about 5 of 13 cycles a probe).
        var buffer = r.buffer, count = r.count
        if count < 16 {
            r.refill()
            buffer = r.buffer; count = r.count
        }
        // decodeDC's one-probe case written out here (the compiler kept decodeDC a call,
        // about 45 instructions a block); the other cases go through decodeDC.
        let fastDC = dc.fastAC[Int(truncatingIfNeeded: buffer >> UInt64(64 &- HuffmanTable.lookupBits))]
        if fastDC != 0 {
            // Bits used <= lookupBits <= count: the masking shift is the exact one.
            let used = Int(fastDC & 0xFF)
            buffer &<<= UInt64(used)
            count &-= used
            predictor = predictor &+ (fastDC >> 16)
        } else {
            // A code of at most lookupBits bits whose magnitude does not fit after it (large
            // DC steps: text edges), its magnitude read here rather than through decodeDC's
            // call and receiveExtend's (3,460 of screenshot.jpg's 16,000 luma blocks).
            if count < 32 {
                r.buffer = buffer; r.count = count
                r.refill()
                buffer = r.buffer; count = r.count
            }
            let entry = Int(dc.fast[Int(truncatingIfNeeded: buffer >> UInt64(64 &- HuffmanTable.lookupBits))])
            if entry != 0 {
                // length <= 9, size <= 15 (DHT checks DC symbols): length + size <= 24 <= count.
                let length = entry >> 8, size = entry & 0xFF
                if size != 0 {
                    let raw = Int32(truncatingIfNeeded: (buffer &<< UInt64(length)) >> UInt64(64 &- size))
                    let half: Int32 = 1 << Int32(size &- 1)
                    predictor = predictor &+ (raw < half ? raw &- (half << 1) &+ 1 : raw)
                }
                buffer &<<= UInt64(length &+ size)
                count &-= length &+ size
            } else {
                r.buffer = buffer; r.count = count
                guard decodeDC(&r, dc, &predictor) else { return false }
                buffer = r.buffer; count = r.count
            }
        }
        var k = 1
        var pos = r.pos
        let base = r.base, end = r.end
        while true {
            // Four probes per top-up: a multi-code entry uses at most skipBits = 14 bits and
            // the buffer holds at least 56 after it, so the probes in between need no test
            // on the count, and the count is off their dependency chain (a probe is a shift,
            // a table load and a shift by the entry). The top-up needs count <= 63: every
            // way back here consumed at least one bit (the DC code before the first pass).
            EntropyReader.topUp(&buffer, &count, &pos, base, end)
            // Fewer than 56 bits only when an FF is among the next eight bytes (a stuffed
            // byte or the scan's marker): as many probes as the bits allow, and a refill
            // (which passes the FF) only when not one fits. Refilling at once cost
            // screenshot.jpg (a stuffed byte every 72) two or three slow refills per FF.
            var probes = 4
            if count < 4 &* HuffmanTable.skipBits {
                probes = count / HuffmanTable.skipBits
                if probes == 0 {
                    r.buffer = buffer; r.count = count; r.pos = pos
                    r.refill()
                    buffer = r.buffer; count = r.count; pos = r.pos
                    probes = 4
                }
            }
            var entry = 0, next = 0
            var more = true
            // The probes' entries summed: step << 6 | used each, so the bits they used are
            // the sum less 64 times the steps, and the steps are how far k moved.
            var spent = 0
            let kBefore = k
            for _ in 0..<probes {
                entry = Int(skipTable[Int(truncatingIfNeeded: buffer >> UInt64(64 &- HuffmanTable.skipBits))])
                next = k &+ entry >> 6
                if next >= 64 { more = false; break }
                // Codes inside the block with more to come (see HuffmanTable.skip): bits
                // used = entry & 63 <= 14, and the shift takes its count modulo 64 (no
                // mask on the chain from one probe to the next).
                buffer &<<= UInt64(truncatingIfNeeded: entry)
                spent &+= entry
                k = next
            }
            count &-= spent &- (k &- kBefore) << 6
            if more { continue }
            // Once a block: the entry that ends it, or one not taken as a whole.
            let used = entry & 63, step = entry >> 6
            if next == 64 || (step >= 128 && next <= 191) {
                // Codes that fill the block to index 63, or codes and an EOB inside it;
                // used <= 14 <= the count left after at most three probes.
                buffer &<<= UInt64(used)
                count &-= used
                r.buffer = buffer; r.count = count; r.pos = pos
                return true
            }
            if step >= HuffmanTable.skipLongStep && step < 255 {
                // A long code: bits used <= 29 <= the 57 a refill guarantees. A single code
                // without EOB may be taken at any k (past 63 the block ends, as skipOneAC).
                if count < used {
                    r.buffer = buffer; r.count = count; r.pos = pos
                    r.refill()
                    buffer = r.buffer; count = r.count; pos = r.pos
                }
                buffer &<<= UInt64(used)
                count &-= used
                k &+= step &- HuffmanTable.skipLongStep &+ 1
            } else if entry != Int(HuffmanTable.skipNothing) {
                // Codes that run past the block (it ends at index 63 without EOB, or the
                // data is damaged): one code at a time.
                r.buffer = buffer; r.count = count; r.pos = pos
                k = skipOneAC(&r, ac, k)
                buffer = r.buffer; count = r.count; pos = r.pos
                if k < 0 { return false }
            } else {
                // No code of at most skipBits bits starts here: a code of 15 or 16 bits, or
                // none (T.81 C: codes have at most 16 bits). Found as decodeSlow would (the
                // first length whose largest code is at least the peeked bits; lengths up to
                // 14 cannot match, as no such code is a prefix), without its call and its
                // search from length 10: on screenshot.jpg at 1/8 nearly every one-code
                // fallback was such a code (4,796 calls into decodeSlow).
                if count < 31 {
                    r.buffer = buffer; r.count = count; r.pos = pos
                    r.refill()
                    buffer = r.buffer; count = r.count; pos = r.pos
                }
                var length = HuffmanTable.skipBits &+ 1
                var code = Int32(truncatingIfNeeded: buffer >> UInt64(64 &- length))
                // maxCode[17] is Int32.max: the search ends by length 17.
                while code > ac.maxCode[length] {
                    length &+= 1
                    code = Int32(truncatingIfNeeded: buffer >> UInt64(64 &- length))
                }
                guard length <= 16 else {
                    r.buffer = buffer; r.count = count; r.pos = pos
                    return false
                }
                // valueOffset + code is below the symbol count (canonical construction);
                // values has 256 entries.
                let symbol = Int(ac.values[Int(truncatingIfNeeded: ac.valueOffset[length] &+ code) & 0xFF])
                let run = symbol >> 4, size = symbol & 15
                // length + size <= 31 <= count.
                buffer &<<= UInt64(length &+ size)
                count &-= length &+ size
                // A size-0 symbol other than ZRL ends the block (as skipOneAC).
                k = size != 0 ? k &+ run &+ 1 : (run == 15 ? k &+ 16 : 64)
            }
            if k >= 64 {
                r.buffer = buffer; r.count = count; r.pos = pos
                return true
            }
        }
    }

    /// One AC code and its magnitude bits passed over at index `k`: the new k (64 after an
    /// EOB, ending the block), or -1 when no code matches.
    @inline(__always)
    static func skipOneAC(_ r: inout EntropyReader, _ ac: HuffmanLookup, _ k: Int) -> Int {
        let look = Int(truncatingIfNeeded: r.buffer >> UInt64(64 &- HuffmanTable.lookupBits))
        let fast = ac.fastAC[look]
        if fast != 0 {
            r.skip(Int(fast & 0xFF))
            if fast & 0x8000 != 0 { return 64 }
            return k &+ Int((fast >> 8) & 0xFF) &+ 1
        }
        let rs = r.decode(ac)
        if rs < 0 { return -1 }
        let run = rs >> 4, size = rs & 15
        if size != 0 {
            if r.count < size { r.refill() }
            r.skip(size)
            return k &+ run &+ 1
        }
        return run == 15 ? k &+ 16 : 64
    }

    /// How `decodeBlock` ended.
    enum BlockStatus { case badCode, dcOnly, hasAC }

    /// `value` in every sample of a size x size block at `dst`, rows `stride` apart.
    @inline(__always)
    static func fill(_ dst: UnsafeMutablePointer<UInt8>, _ stride: Int, _ size: Int, _ value: UInt8) {
        let raw = UnsafeMutableRawPointer(dst)
        switch size {
        case 8:
            let word = UInt64(value) &* 0x0101_0101_0101_0101
            for row in 0..<8 { raw.storeBytes(of: word, toByteOffset: row &* stride, as: UInt64.self) }
        case 4:
            let word = UInt32(value) &* 0x0101_0101
            for row in 0..<4 { raw.storeBytes(of: word, toByteOffset: row &* stride, as: UInt32.self) }
        case 2:
            let word = UInt16(value) &* 0x0101
            raw.storeBytes(of: word, as: UInt16.self)
            raw.storeBytes(of: word, toByteOffset: stride, as: UInt16.self)
        default:
            dst.pointee = value
        }
    }

    /// One block of a sequential scan (T.81 F.2.2.1, F.2.2.2) into `block` (zeroed, natural
    /// order). `.dcOnly` when the first AC code was EOB (only `block[0]` was written).
    @inline(__always)
    static func decodeBlock(_ r: inout EntropyReader, _ dc: HuffmanLookup, _ ac: HuffmanLookup,
                            _ predictor: inout Int32, _ block: UnsafeMutablePointer<Int16>,
                            _ zz: UnsafePointer<Int>) -> BlockStatus {
        guard decodeDC(&r, dc, &predictor) else { return .badCode }
        block[0] = Int16(truncatingIfNeeded: predictor)
        // The bit buffer and count in plain locals, as in skipBlockAC (a reader in memory
        // put a store and a reload on every code's critical path); `r` is brought up to
        // date only around the slow steps and at the end.
        var buffer = r.buffer, count = r.count
        if count < 16 {
            r.refill()
            buffer = r.buffer; count = r.count
        }
        // An EOB straight after the DC (the common case in smooth areas and chroma).
        let first = ac.fastAC[Int(truncatingIfNeeded: buffer >> UInt64(64 &- HuffmanTable.lookupBits))]
        if first & 0x8000 != 0 {
            // fastAC entries use at most lookupBits <= count bits: the masking shift is exact.
            let used = Int(first & 0xFF)
            r.buffer = buffer &<< UInt64(used); r.count = count &- used
            return .dcOnly
        }
        var k = 1
        var pos = r.pos
        let base = r.base, end = r.end
        while k < 64 {
            if count < 16 {
                r.buffer = buffer; r.count = count; r.pos = pos
                r.refill()
                buffer = r.buffer; count = r.count; pos = r.pos
            }
            let look = Int(truncatingIfNeeded: buffer >> UInt64(64 &- HuffmanTable.lookupBits))
            // Fast path: code and magnitude bits within the lookahead, one probe.
            let fast = ac.fastAC[look]
            if fast != 0 {
                let used = Int(fast & 0xFF)
                buffer &<<= UInt64(used)
                count &-= used
                if fast & 0x8000 != 0 { break }         // EOB
                k &+= Int((fast >> 8) & 0xFF)
                // k + run <= 63 + 15: paddedNaturalOrder has 80 entries.
                block[zz[k]] = Int16(truncatingIfNeeded: fast >> 16)
                k &+= 1
            } else {
                r.buffer = buffer; r.count = count; r.pos = pos
                let rs = r.decode(ac)
                if rs < 0 { return .badCode }
                let run = rs >> 4, size = rs & 15
                if size != 0 {
                    k &+= run
                    block[zz[k]] = Int16(truncatingIfNeeded: r.receiveExtend(size))
                    k &+= 1
                } else if run != 15 {
                    return .hasAC                       // EOB; `r` is up to date
                } else {
                    k &+= 16
                }
                buffer = r.buffer; count = r.count; pos = r.pos
            }
            // After the code, not before: this iteration consumed at least one bit, so
            // count <= 63 as topUp requires (the refill before the loop may leave 64).
            EntropyReader.topUp(&buffer, &count, &pos, base, end)
        }
        r.buffer = buffer; r.count = count; r.pos = pos
        return .hasAC
    }

    /// decodeBlock with the coefficients handed to `sink` by zig-zag index (k <= 63 + 15;
    /// each k at most once per block, increasing); for the 1/8 chroma (Reduced2x2Sums).
    /// The same loop as decodeBlock, kept apart on purpose: with decodeBlock written as
    /// this function over a NaturalOrderBlock sink, the compiler left the specialisation
    /// out of line in the full decode's MCU loop (alpha.jpg full decode 5.52 -> 6.40 ms).
    @inline(__always)
    static func decodeBlock<Sink: CoefficientSink>(_ r: inout EntropyReader, _ dc: HuffmanLookup,
                                                   _ ac: HuffmanLookup, _ predictor: inout Int32,
                                                   _ sink: inout Sink) -> BlockStatus {
        guard decodeDC(&r, dc, &predictor) else { return .badCode }
        sink.store(0, Int16(truncatingIfNeeded: predictor))
        // The bit buffer and count in plain locals, as in skipBlockAC (a reader in memory
        // put a store and a reload on every code's critical path); `r` is brought up to
        // date only around the slow steps and at the end.
        var buffer = r.buffer, count = r.count
        if count < 16 {
            r.refill()
            buffer = r.buffer; count = r.count
        }
        // An EOB straight after the DC (the common case in smooth areas and chroma).
        let first = ac.fastAC[Int(truncatingIfNeeded: buffer >> UInt64(64 &- HuffmanTable.lookupBits))]
        if first & 0x8000 != 0 {
            // fastAC entries use at most lookupBits <= count bits: the masking shift is exact.
            let used = Int(first & 0xFF)
            r.buffer = buffer &<< UInt64(used); r.count = count &- used
            return .dcOnly
        }
        var k = 1
        var pos = r.pos
        let base = r.base, end = r.end
        while k < 64 {
            if count < 16 {
                r.buffer = buffer; r.count = count; r.pos = pos
                r.refill()
                buffer = r.buffer; count = r.count; pos = r.pos
            }
            let look = Int(truncatingIfNeeded: buffer >> UInt64(64 &- HuffmanTable.lookupBits))
            // Fast path: code and magnitude bits within the lookahead, one probe.
            let fast = ac.fastAC[look]
            if fast != 0 {
                let used = Int(fast & 0xFF)
                buffer &<<= UInt64(used)
                count &-= used
                if fast & 0x8000 != 0 { break }         // EOB
                k &+= Int((fast >> 8) & 0xFF)
                // k + run <= 63 + 15.
                sink.store(k, Int16(truncatingIfNeeded: fast >> 16))
                k &+= 1
            } else {
                r.buffer = buffer; r.count = count; r.pos = pos
                let rs = r.decode(ac)
                if rs < 0 { return .badCode }
                let run = rs >> 4, size = rs & 15
                if size != 0 {
                    k &+= run
                    sink.store(k, Int16(truncatingIfNeeded: r.receiveExtend(size)))
                    k &+= 1
                } else if run != 15 {
                    return .hasAC                       // EOB; `r` is up to date
                } else {
                    k &+= 16
                }
                buffer = r.buffer; count = r.count; pos = r.pos
            }
            // After the code, not before: this iteration consumed at least one bit, so
            // count <= 63 as topUp requires (the refill before the loop may leave 64).
            EntropyReader.topUp(&buffer, &count, &pos, base, end)
        }
        r.buffer = buffer; r.count = count; r.pos = pos
        return .hasAC
    }
}
