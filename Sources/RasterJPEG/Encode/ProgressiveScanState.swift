/// The coding state of one progressive scan, one pass: in `gather` mode it only counts
/// symbols (jcphuff.c with gather_statistics), otherwise it writes them with `codes`.
/// Both passes run the same state machine, so the counts are exactly the symbols coded.
struct ScanState {
    let scan: ProgressiveScan
    let restartInterval: Int
    var gather = false
    var writer: HuffmanBitWriter
    /// Symbol counts per table slot (257 entries each).
    var counts = [[Int]](repeating: [Int](repeating: 0, count: 257), count: 2)
    /// Packed codes as `SequentialScanEncoder.packedCodes` builds them.
    var codes = [UInt32](repeating: 0, count: 1024)

    private var lastDC: [Int32] = [0, 0, 0]
    /// Blocks whose remaining band is all zero, not yet coded (EOBRUN, §G.1.2.2).
    private var eobRun = 0
    /// Correction bits waiting for the next coded symbol: `correction[0 ..< pendingBits]`.
    private var correction = [UInt8](repeating: 0, count: ProgressiveEncoder.maxCorrectionBits + 64)
    private var pendingBits = 0
    private var acSlot = 0
    private var restartsToGo: Int
    private var nextRestart = 0

    init(scan: ProgressiveScan, layout: EncoderFrameLayout, restartInterval: Int, writer: HuffmanBitWriter) {
        self.scan = scan
        self.restartInterval = restartInterval
        self.writer = writer
        restartsToGo = restartInterval
        acSlot = layout.components[scan.components[0]].tableSlot
    }

    /// Back to the start of the scan for the next pass.
    mutating func reset(gather: Bool) {
        self.gather = gather
        lastDC = [0, 0, 0]
        eobRun = 0
        pendingBits = 0
        restartsToGo = restartInterval
        nextRestart = 0
    }

    // MARK: Output (counted only in the gathering pass)

    @inline(__always)
    private mutating func emitSymbol(_ slot: Int, ac: Bool, _ symbol: Int) {
        if gather {
            counts[slot][symbol] &+= 1
        } else {
            let entry = codes[(ac ? 512 : 0) &+ slot &* 256 &+ symbol]
            writer.put(entry &>> 8, size: Int(entry & 0xFF))
        }
    }

    @inline(__always)
    private mutating func emitBits(_ value: UInt32, _ size: Int) {
        if !gather && size > 0 {
            writer.put(value & ((1 &<< UInt32(size)) &- 1), size: size)
        }
    }

    private mutating func emitBuffered(from start: Int, count: Int) {
        guard !gather else { return }
        for i in start ..< start &+ count { writer.put(UInt32(correction[i]), size: 1) }
    }

    /// Codes the pending EOB run and the correction bits that follow it.
    private mutating func emitEOBRun() {
        guard eobRun > 0 else { return }
        let nbits = SequentialScanEncoder.bitLength(UInt32(eobRun)) &- 1
        emitSymbol(acSlot, ac: true, nbits &<< 4)
        emitBits(UInt32(eobRun), nbits)
        eobRun = 0
        emitBuffered(from: 0, count: pendingBits)
        pendingBits = 0
    }

    /// Restart handling before each MCU, as jcphuff.c's encode_mcu_* functions.
    mutating func beginMCU(blocks: Int) {
        if !gather { writer.output.reserve(blocks &* HuffmanBitWriter.maxBytesPerBlock &+ 512) }
        guard restartInterval > 0, restartsToGo == 0 else { return }
        emitEOBRun()
        if !gather { writer.restart(nextRestart) }
        if scan.ss == 0 {
            lastDC = [0, 0, 0]
        } else {
            eobRun = 0
            pendingBits = 0
        }
    }

    mutating func endMCU() {
        guard restartInterval > 0 else { return }
        if restartsToGo == 0 {
            restartsToGo = restartInterval
            nextRestart = (nextRestart &+ 1) & 7
        }
        restartsToGo &-= 1
    }

    /// Codes (or counts) any pending EOB run, then pads the scan's last byte.
    mutating func finish() {
        emitEOBRun()
        if !gather { writer.flush() }
    }

    // MARK: Blocks

    /// DC first scan (the difference of point-transformed DCs) or DC refinement (one bit).
    mutating func encodeDC(_ block: UnsafePointer<Int16>, position: Int, slot: Int) {
        let dc = Int32(block[0])
        if scan.ah != 0 {
            emitBits(UInt32(bitPattern: dc &>> Int32(scan.al)) & 1, 1)
            return
        }
        let value = dc &>> Int32(scan.al)
        let diff = value &- lastDC[position]
        lastDC[position] = value
        let nbits = SequentialScanEncoder.bitLength(diff.magnitude) & 15
        emitSymbol(slot, ac: false, nbits)
        emitBits(SequentialScanEncoder.valueBits(diff, nbits), nbits)
    }

    /// AC first scan over Ss...Se with point transform Al (§G.1.2.2).
    mutating func encodeACFirst(_ block: UnsafePointer<Int16>, slot: Int) {
        let al = Int32(scan.al)
        var run = 0
        for k in scan.ss ... scan.se {
            let coef = Int32(block[k])
            let magnitude = Int32(coef.magnitude) &>> al
            if magnitude == 0 { run &+= 1; continue }
            emitEOBRun()
            while run > 15 {
                emitSymbol(slot, ac: true, 0xF0)
                run &-= 16
            }
            let nbits = SequentialScanEncoder.bitLength(UInt32(magnitude)) & 15
            emitSymbol(slot, ac: true, (run &<< 4) | nbits)
            emitBits(UInt32(bitPattern: coef < 0 ? ~magnitude : magnitude), nbits)
            run = 0
        }
        if run > 0 {
            eobRun &+= 1
            if eobRun == 0x7FFF { emitEOBRun() }
        }
    }

    /// AC refinement scan (§G.1.2.3): a correction bit for each coefficient already
    /// nonzero, a symbol and sign for each that becomes nonzero at bit Al.
    mutating func encodeACRefine(_ block: UnsafePointer<Int16>, slot: Int) {
        let al = Int32(scan.al)
        let ss = scan.ss, se = scan.se
        // The last coefficient that becomes nonzero in this scan: ZRLs beyond it fold into
        // the EOB run.
        var eob = -1
        for k in ss ... se where (Int32(block[k].magnitude) &>> al) == 1 { eob = k }
        var run = 0
        var start = pendingBits  // this block's correction bits follow the older ones
        var added = 0
        for k in ss ... se {
            let coef = Int32(block[k])
            let magnitude = Int32(coef.magnitude) &>> al
            if magnitude == 0 { run &+= 1; continue }
            while run > 15 && k <= eob {
                emitEOBRun()
                emitSymbol(slot, ac: true, 0xF0)
                run &-= 16
                emitBuffered(from: start, count: added)
                start = 0
                added = 0
            }
            if magnitude > 1 {
                correction[start &+ added] = UInt8(truncatingIfNeeded: magnitude & 1)
                added &+= 1
                continue
            }
            emitEOBRun()
            emitSymbol(slot, ac: true, (run &<< 4) | 1)
            emitBits(coef < 0 ? 0 : 1, 1)
            emitBuffered(from: start, count: added)
            start = 0
            added = 0
            run = 0
        }
        if run > 0 || added > 0 {
            eobRun &+= 1
            pendingBits = start &+ added
            if eobRun == 0x7FFF || pendingBits > ProgressiveEncoder.maxCorrectionBits &- 64 &+ 1 {
                emitEOBRun()
            }
        }
    }
}
