/// What every scan shares: the MCU order (T.81 A.2), restart intervals and the handling of
/// damage. `ScanWalker` drives a per-MCU body over the scan's MCUs in order, processes
/// RSTn every `restartInterval` MCUs, and turns damage into an error (strict) or a warning
/// plus skipped MCUs up to the next restart marker (lenient), as libjpeg-turbo resumes.
struct ScanWalker {
    let scanNumber: Int
    /// MCUs per row and MCU rows of this scan.
    let mcusPerRow: Int
    let mcuRows: Int
    let restartInterval: Int
    let lenient: Bool
    /// Progressive scans only refine coefficients, so one whose data stops early at a
    /// marker (libjpeg: "premature end of data segment", a warning) leaves a complete
    /// picture with some detail missing. Such a scan is accepted even in strict mode, with
    /// a warning in the result, as libjpeg-turbo accepts it; the conformance suite has
    /// such a file (partial_progressive.jpg) among the ones that must decode.
    var tolerateEarlyMarker = false
    /// True while MCUs are being skipped after damage.
    var skipping = false
    var nextRestart = 0

    /// How one MCU ended.
    enum Outcome { case ok, badCode }

    init(scanNumber: Int, mcusPerRow: Int, mcuRows: Int, restartInterval: Int, lenient: Bool) {
        self.scanNumber = scanNumber
        self.mcusPerRow = mcusPerRow
        self.mcuRows = mcuRows
        self.restartInterval = restartInterval
        self.lenient = lenient
    }

    /// Handles the restart marker that must precede MCU `mcu` (when the interval says so).
    /// Returns true when the DC predictors and EOB run must be reset.
    mutating func restartIfDue(_ mcu: Int, _ reader: inout EntropyReader,
                               _ warnings: inout [JPEGWarning]) throws(JPEGError) -> Bool {
        guard restartInterval > 0, mcu > 0, mcu % restartInterval == 0 else { return false }
        reader.resetBits()
        // Skip to the marker: junk before it is tolerated, as libjpeg's next_marker does.
        var p = reader.pos
        while p < reader.end && reader.base[p] != 0xFF { p += 1 }
        while p < reader.end && reader.base[p] == 0xFF { p += 1 }
        let expected = UInt8(0xD0 + nextRestart)
        if p < reader.end && reader.base[p] == expected {
            reader.pos = p + 1
            nextRestart = (nextRestart + 1) & 7
            skipping = false
            return true
        }
        let row = mcu / mcusPerRow, column = mcu % mcusPerRow
        if !lenient {
            if p >= reader.end { throw .truncated(context: "inside the entropy-coded data of scan \(scanNumber)") }
            throw .corruptEntropyData(scan: scanNumber, mcuRow: row, mcuColumn: column,
                                      reason: "restart marker RST\(nextRestart) is missing")
        }
        if p < reader.end && JPEGMarker.isRestart(reader.base[p]) {
            // A different RSTn: resynchronise on it (libjpeg's jpeg_resync_to_restart
            // also accepts a nearby marker), numbering on from there.
            if !skipping {
                warnings.append(.damagedEntropyData(scan: scanNumber, mcuRow: row, mcuColumn: column,
                                                    reason: "found RST\(reader.base[p] - 0xD0) where RST\(nextRestart) was due"))
            }
            nextRestart = Int(reader.base[p] - 0xD0 + 1) & 7
            reader.pos = p + 1
            skipping = false
            return true
        }
        // No restart marker at all: the rest of the scan is lost.
        if !skipping {
            warnings.append(.damagedEntropyData(scan: scanNumber, mcuRow: row, mcuColumn: column,
                                                reason: "restart marker RST\(nextRestart) is missing"))
        }
        reader.pos = max(p - 1, reader.pos)
        reader.stopped = true
        skipping = true
        return true
    }

    /// Checks the MCU just decoded; throws when strict, warns and starts skipping when lenient.
    mutating func check(_ outcome: Outcome, mcu: Int, _ reader: EntropyReader,
                        _ warnings: inout [JPEGWarning]) throws(JPEGError) {
        let overran = reader.overran
        guard outcome == .badCode || overran else { return }
        let row = mcu / mcusPerRow, column = mcu % mcusPerRow
        let reason: String
        if outcome == .badCode {
            if !lenient { throw .badHuffmanCode(scan: scanNumber, mcuRow: row, mcuColumn: column) }
            reason = "no Huffman code matches"
        } else if reader.pos >= reader.end {
            if !lenient { throw .truncated(context: "inside the entropy-coded data of scan \(scanNumber)") }
            reason = "the file ends"
        } else {
            if !lenient && !tolerateEarlyMarker {
                throw .corruptEntropyData(scan: scanNumber, mcuRow: row, mcuColumn: column,
                                          reason: "the data ends early at a marker")
            }
            reason = "the data ends early at a marker"
        }
        warnings.append(.damagedEntropyData(scan: scanNumber, mcuRow: row, mcuColumn: column, reason: reason))
        skipping = true
    }
}
