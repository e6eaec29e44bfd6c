/// Progressive Huffman coding (ITU T.81 §G.1.2) the way libjpeg's jcphuff.c does it, so a
/// file from `cjpeg -progressive` and one from here have the same scans and the same
/// symbols: EOB runs, ZRLs folded into EOB runs on refinement scans, correction bits
/// buffered (at most 1000 of them) until the symbol they follow, restart markers per scan.
/// Every scan that needs Huffman tables runs twice, first counting symbols to build
/// optimal tables (libjpeg always optimises progressive files), then coding.
struct ProgressiveEncoder {
    let layout: EncoderFrameLayout
    let planes: CoefficientPlanes
    let restartInterval: Int

    /// libjpeg's MAX_CORR_BITS: the correction-bit buffer's size.
    static let maxCorrectionBits = 1000

    init(layout: EncoderFrameLayout, planes: CoefficientPlanes, restartInterval: Int) {
        self.layout = layout
        self.planes = planes
        self.restartInterval = restartInterval
    }

    mutating func encodeAllScans(to out: OutputBuffer) {
        let script = ProgressiveScan.defaultScript(componentCount: layout.components.count)
        var restartWritten = false
        for scan in script {
            let isDC = scan.ss == 0
            let needsTables = !(isDC && scan.ah != 0)
            var state = ScanState(scan: scan, layout: layout, restartInterval: restartInterval, writer: HuffmanBitWriter(output: out))
            if needsTables {
                state.gather = true
                run(scan, &state)
                state.finish()  // the last EOB run is a symbol too
                // One table per slot the scan uses, in component order (jcmarker.c emits
                // each once).
                var dc: [HuffmanTableSpec?] = [nil, nil]
                var ac: [HuffmanTableSpec?] = [nil, nil]
                for ci in scan.components {
                    let slot = layout.components[ci].tableSlot
                    if isDC {
                        if dc[slot] == nil {
                            let spec = HuffmanTableSpec.optimal(frequencies: state.counts[slot])
                            dc[slot] = spec
                            MarkerWriter.huffmanTable(spec, isAC: false, slot: slot, to: out)
                        }
                    } else if ac[slot] == nil {
                        let spec = HuffmanTableSpec.optimal(frequencies: state.counts[slot])
                        ac[slot] = spec
                        MarkerWriter.huffmanTable(spec, isAC: true, slot: slot, to: out)
                    }
                }
                let standinDC = HuffmanTableSpec.standardDCLuminance, standinAC = HuffmanTableSpec.standardACLuminance
                state.codes = SequentialScanEncoder.packedCodes(dc: dc.map { $0 ?? standinDC },
                                                                ac: ac.map { $0 ?? standinAC })
            }
            if restartInterval > 0 && !restartWritten {
                MarkerWriter.restartInterval(restartInterval, to: out)
                restartWritten = true
            }
            MarkerWriter.scanHeader(layout, components: scan.components, ss: scan.ss, se: scan.se,
                                    ah: scan.ah, al: scan.al, to: out)
            state.reset(gather: false)
            run(scan, &state)
            state.finish()
        }
    }

    /// Visits the scan's MCUs in order: whole MCUs of padded blocks when interleaved,
    /// otherwise each block of the component's own size (T.81 §A.2.2, §A.2.3).
    private func run(_ scan: ProgressiveScan, _ state: inout ScanState) {
        planes.withPointers { blocks in
            if scan.components.count > 1 {
                for mcuY in 0 ..< layout.mcuRows {
                    for mcuX in 0 ..< layout.mcusAcross {
                        state.beginMCU(blocks: layout.blocksPerMCU)
                        for (position, ci) in scan.components.enumerated() {
                            let c = layout.components[ci]
                            for v in 0 ..< c.v {
                                for h in 0 ..< c.h {
                                    let index = (mcuY &* c.v &+ v) &* c.paddedBlocksWide &+ mcuX &* c.h &+ h
                                    state.encodeDC(blocks[ci] + index &* 64, position: position, slot: c.tableSlot)
                                }
                            }
                        }
                        state.endMCU()
                    }
                }
            } else {
                let ci = scan.components[0]
                let c = layout.components[ci]
                for by in 0 ..< c.blocksHigh {
                    for bx in 0 ..< c.blocksWide {
                        state.beginMCU(blocks: 1)
                        let block = blocks[ci] + (by &* c.paddedBlocksWide &+ bx) &* 64
                        if scan.ss == 0 {
                            state.encodeDC(block, position: 0, slot: c.tableSlot)
                        } else if scan.ah == 0 {
                            state.encodeACFirst(block, slot: c.tableSlot)
                        } else {
                            state.encodeACRefine(block, slot: c.tableSlot)
                        }
                        state.endMCU()
                    }
                }
            }
        }
    }
}
