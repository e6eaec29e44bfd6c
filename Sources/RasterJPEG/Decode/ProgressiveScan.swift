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
        var predictors = [Int32](repeating: 0, count: n)
        eobRun = 0
        var eob = 0
        let comps = scan.components.map { frame.components[$0] }
        let offsets = scan.components.map { coefficientOffsets[$0] }
        var warningsLocal = warnings
        defer { warnings = warningsLocal }
        let ss = scan.ss, se = scan.se, al = scan.al

        try ZigZag.paddedNaturalOrder.withUnsafeBufferPointer { (zzb) throws(JPEGError) in
            let zz = zzb.baseAddress!
            var mcu = 0
            for mcuRow in 0..<mcuRows {
                for mcuColumn in 0..<mcusPerRow {
                    if try walker.restartIfDue(mcu, &reader, &warningsLocal) {
                        for i in 0..<n { predictors[i] = 0 }
                        eob = 0
                    }
                    if walker.skipping { mcu += 1; continue }
                    var outcome = ScanWalker.Outcome.ok
                    for i in 0..<n where outcome == .ok {
                        let c = comps[i]
                        let (bw, bh) = single ? (1, 1) : (c.h, c.v)
                        for by in 0..<bh {
                            for bx in 0..<bw {
                                let blockRow = single ? mcuRow : mcuRow * c.v + by
                                let blockColumn = single ? mcuColumn : mcuColumn * c.h + bx
                                let block = coefficients + offsets[i] + (blockRow * c.blocksPerLine + blockColumn) * 64
                                let ok: Bool
                                if isDC {
                                    if refine {
                                        // G.1.2.1: one correction bit per block.
                                        if reader.bit() != 0 { block[0] |= Int16(truncatingIfNeeded: 1 << al) }
                                        ok = true
                                    } else if let table = dcTables[i] {
                                        let s = reader.decode(table)
                                        if s < 0 {
                                            ok = false
                                        } else {
                                            predictors[i] = predictors[i] &+ reader.receiveExtend(s)
                                            block[0] = Int16(truncatingIfNeeded: predictors[i] &<< Int32(al))
                                            ok = true
                                        }
                                    } else {
                                        ok = false
                                    }
                                } else if let table = acTable {
                                    ok = refine
                                        ? Self.acRefine(&reader, table, block, ss, se, al, &eob, zz)
                                        : Self.acFirst(&reader, table, block, ss, se, al, &eob, zz)
                                } else {
                                    ok = false
                                }
                                if !ok { outcome = .badCode }
                            }
                        }
                    }
                    try walker.check(outcome, mcu: mcu, reader, &warningsLocal)
                    mcu += 1
                }
            }
        }
        pos = reader.pos
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

    /// AC first scan of one block (G.1.2.2; jdphuff.c decode_mcu_AC_first).
    @inline(__always)
    static func acFirst(_ r: inout EntropyReader, _ table: HuffmanTable, _ block: UnsafeMutablePointer<Int16>,
                        _ ss: Int, _ se: Int, _ al: Int, _ eob: inout Int, _ zz: UnsafePointer<Int>) -> Bool {
        if eob > 0 { eob -= 1; return true }
        var k = ss
        while k <= se {
            let rs = r.decode(table)
            if rs < 0 { return false }
            let run = rs >> 4, size = rs & 15
            if size != 0 {
                k &+= run
                // k <= 63 + 15: the padded table keeps the write inside the block.
                block[zz[k]] = Int16(truncatingIfNeeded: r.receiveExtend(size) &<< Int32(al))
            } else if run == 15 {
                k &+= 15
            } else {
                eob = 1 << run
                if run != 0 { eob += r.bits(run) }
                eob -= 1
                break
            }
            k &+= 1
        }
        return true
    }

    /// AC refinement scan of one block (G.1.2.3; jdphuff.c decode_mcu_AC_refine): new
    /// coefficients of magnitude 1 << al, and one correction bit for each coefficient
    /// already non-zero that the run passes over.
    @inline(__always)
    static func acRefine(_ r: inout EntropyReader, _ table: HuffmanTable, _ block: UnsafeMutablePointer<Int16>,
                         _ ss: Int, _ se: Int, _ al: Int, _ eob: inout Int, _ zz: UnsafePointer<Int>) -> Bool {
        let p1 = Int16(truncatingIfNeeded: 1 << al)
        let m1 = Int16(truncatingIfNeeded: -1 << al)
        var k = ss
        @inline(__always) func correct(_ coef: UnsafeMutablePointer<Int16>, _ r: inout EntropyReader) {
            if r.bit() != 0 && (coef.pointee & p1) == 0 {
                coef.pointee = coef.pointee >= 0 ? coef.pointee &+ p1 : coef.pointee &+ m1
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
                    if run != 0 { eob += r.bits(run) }
                    break
                }
                // Skip `run` zero coefficients, correcting the non-zero ones passed.
                while k <= se {
                    let coef = block + zz[k]
                    if coef.pointee != 0 {
                        correct(coef, &r)
                    } else {
                        if run == 0 { break }
                        run -= 1
                    }
                    k += 1
                }
                // When the run passes Se (corrupt data), k is Se + 1 <= 64 and libjpeg still
                // stores the value, at jpeg_natural_order[64], the last coefficient; the
                // padded table does the same.
                if value != 0 { block[zz[k]] = value }
                k += 1
            }
        }
        if eob > 0 {
            while k <= se {
                let coef = block + zz[k]
                if coef.pointee != 0 { correct(coef, &r) }
                k += 1
            }
            eob -= 1
        }
        return true
    }
}
