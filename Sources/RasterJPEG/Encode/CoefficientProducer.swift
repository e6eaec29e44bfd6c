/// Turns one MCU row of the image into quantised DCT blocks: colour conversion, edge
/// replication, downsampling, forward DCT and quantisation, the stages libjpeg runs in
/// jcprepct.c, jccolor.c, jcsample.c, jcdctmgr.c and jccoefct.c, in the same order and with
/// the same padding, so the coefficients equal cjpeg's.
///
/// Padding (as jcprepct.c and jcsample.c): rows past the bottom repeat the last image row
/// and columns past the right edge repeat the last column, up to whole MCUs; blocks that
/// lie entirely outside a component's own size ("dummy blocks", jccoefct.c) get zero AC and
/// the DC of their left neighbour (right edge) or of the block above at the MCU's last
/// column (bottom edge), which costs the fewest bits.
///
/// Output layout: per component, blocks row-major over `paddedBlocksWide` columns, each 64
/// `Int16` in zig-zag order; `mcuRowInBuffer` says which MCU row of that buffer the
/// row goes to (0 when the caller keeps one MCU row at a time).
struct CoefficientProducer {
    let layout: EncoderFrameLayout
    let converter: ForwardColorConverter
    /// Quantisers per table slot.
    let quantizers: [QuantizerRows]
    /// Scratch for one MCU row: three full-resolution planes `stripWidth` wide and
    /// `mcuHeight` tall, then (when subsampled) two downsampled chroma planes
    /// `stripWidth / hmax` wide and 8 tall.
    private var scratch: [UInt8]
    let stripWidth: Int
    private let subsampled: Bool

    init(layout: EncoderFrameLayout, converter: ForwardColorConverter, tables: [QuantizationTable]) {
        self.layout = layout
        self.converter = converter
        quantizers = tables.map(QuantizerRows.init)
        stripWidth = layout.mcusAcross * layout.mcuWidth
        subsampled = layout.components.count == 3 && (layout.hmax > 1 || layout.vmax > 1)
        let planeSize = stripWidth * layout.mcuHeight
        let downSize = subsampled ? stripWidth / layout.hmax * 8 : 0
        scratch = [UInt8](repeating: 0, count: 3 * planeSize + 2 * downSize)
    }

    /// Produces MCU row `mcuRow` from `pixels` (the whole RGBA image) into `output[c]`.
    mutating func produce(mcuRow: Int, pixels: UnsafeBufferPointer<UInt8>,
                          output: [UnsafeMutablePointer<Int16>], mcuRowInBuffer: Int) {
        guard let source = pixels.baseAddress else { return }
        let layout = self.layout
        let width = layout.width, height = layout.height
        let mcuHeight = layout.mcuHeight
        let stripWidth = self.stripWidth
        let converter = self.converter
        let subsampled = self.subsampled
        let quantizers = self.quantizers
        let planeSize = stripWidth &* mcuHeight
        let downWidth = stripWidth / layout.hmax
        let y0 = mcuRow &* mcuHeight
        scratch.withUnsafeMutableBufferPointer { scratch in
            guard let base = scratch.baseAddress else { return }  // never empty: at least 3 * 64 bytes
            let planes = [base, base + planeSize, base + 2 &* planeSize]
            let down = [planes[2] + planeSize, planes[2] + (planeSize &+ downWidth &* 8)]
            // Colour conversion, repeating the last row below the image.
            for r in 0 ..< mcuHeight {
                let sy = min(y0 &+ r, height &- 1)
                let offset = r &* stripWidth
                converter.convertRow(source + sy &* width &* 4, width: width, paddedWidth: stripWidth,
                                     y: planes[0] + offset, cb: planes[1] + offset, cr: planes[2] + offset)
            }
            if subsampled {
                // jcprepct.c pads the image only to a multiple of vmax rows before
                // downsampling, then repeats the last downsampled row to the MCU's height,
                // which differs from downsampling repeated image rows when the height is
                // even but not a multiple of the MCU height.
                let paddedRows = (height &+ layout.vmax &- 1) / layout.vmax &* layout.vmax
                let validRows = min(8, (paddedRows &- y0) / layout.vmax)
                for c in 0 ..< 2 {
                    let f = planes[c &+ 1], d = down[c]
                    for r in 0 ..< validRows {
                        if layout.vmax == 2 {
                            Downsampler.h2v2(f + 2 &* r &* stripWidth, f + (2 &* r &+ 1) &* stripWidth,
                                             d + r &* downWidth, outWidth: downWidth)
                        } else {
                            Downsampler.h2v1(f + r &* stripWidth, d + r &* downWidth, outWidth: downWidth)
                        }
                    }
                    for r in validRows ..< 8 {
                        (d + r &* downWidth).update(from: d + (validRows &- 1) &* downWidth, count: downWidth)
                    }
                }
            }
            withUnsafeTemporaryAllocation(of: SIMD4<Int32>.self, capacity: 128) { groupScratch in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 64) { ws in
                ZigZag.zigZagIndex.withUnsafeBufferPointer { zigzag in
                    guard let zigzag = zigzag.baseAddress, let ws = ws.baseAddress,
                          let groupScratch = groupScratch.baseAddress else { return }
                    for (ci, component) in layout.components.enumerated() {
                        let isDown = ci > 0 && subsampled
                        Self.transformBlocks(component: component, mcuRow: mcuRow,
                                             plane: UnsafePointer(isDown ? down[ci &- 1] : planes[ci]),
                                             planeWidth: isDown ? downWidth : stripWidth,
                                             quantizer: quantizers[component.tableSlot], zigzag: zigzag,
                                             workspace: ws, groupScratch: groupScratch,
                                             output: output[ci], blockRowBase: mcuRowInBuffer &* component.v)
                    }
                }
            }
            }
        }
    }

    /// DCT and quantisation of one component's blocks in this MCU row, plus its dummy blocks.
    private static func transformBlocks(component: EncoderFrameLayout.Component, mcuRow: Int,
                                 plane: UnsafePointer<UInt8>, planeWidth: Int,
                                 quantizer: QuantizerRows, zigzag: UnsafePointer<Int>,
                                 workspace: UnsafeMutablePointer<Int32>,
                                 groupScratch: UnsafeMutablePointer<SIMD4<Int32>>,
                                 output: UnsafeMutablePointer<Int16>, blockRowBase: Int) {
        quantizer.reciprocal.withUnsafeBufferPointer { reciprocal in
        quantizer.correction.withUnsafeBufferPointer { correction in
        quantizer.scale.withUnsafeBufferPointer { scale in
        guard let reciprocal = reciprocal.baseAddress, let correction = correction.baseAddress,
              let scale = scale.baseAddress else { return }
        let blocksAcross = component.paddedBlocksWide
        for by in 0 ..< component.v {
            let blockRow = mcuRow &* component.v &+ by
            let rowOut = output + (blockRowBase &+ by) &* blocksAcross &* 64
            if blockRow < component.blocksHigh {
                // Eight blocks at a time where a whole group fits, then one by one.
                var first = 0
                reciprocal.withMemoryRebound(to: Int32.self, capacity: 64) { flatReciprocal in
                correction.withMemoryRebound(to: Int32.self, capacity: 64) { flatCorrection in
                quantizer.shift.withUnsafeBufferPointer { shift in
                    guard let flatShift = shift.baseAddress else { return }
                    while first &+ 8 <= component.blocksWide {
                        BlockGroupTransform.transform(origin: plane + (by &* 8 &* planeWidth &+ first &* 8), planeWidth: planeWidth,
                                                      reciprocal: flatReciprocal, correction: flatCorrection, shift: flatShift,
                                                      zigzag: zigzag, scratch: groupScratch, output: rowOut + first &* 64)
                        first &+= 8
                    }
                }
                }
                }
                for bx in first ..< component.blocksWide {
                    // Load the block, centred on 0 (libjpeg's convsamp).
                    let origin = plane + (by &* 8 &* planeWidth &+ bx &* 8)
                    for r in 0 ..< 8 {
                        let src = origin + r &* planeWidth
                        let dst = workspace + r &* 8
                        for c in 0 ..< 8 { dst[c] = Int32(src[c]) &- 128 }
                    }
                    ForwardDCT.transform(workspace)
                    let block = rowOut + bx &* 64
                    for group in 0 ..< 16 {
                        let x = UnsafeRawPointer(workspace + group &* 4).loadUnaligned(as: SIMD4<Int32>.self)
                        let q = QuantizerRows.quantize(x, reciprocal: reciprocal[group], correction: correction[group],
                                                       scale: scale[group])
                        let n = group &* 4
                        block[zigzag[n]] = Int16(truncatingIfNeeded: q[0])
                        block[zigzag[n &+ 1]] = Int16(truncatingIfNeeded: q[1])
                        block[zigzag[n &+ 2]] = Int16(truncatingIfNeeded: q[2])
                        block[zigzag[n &+ 3]] = Int16(truncatingIfNeeded: q[3])
                    }
                }
                // Dummy blocks at the right edge: zero AC, the last real block's DC.
                let lastDC = rowOut[(component.blocksWide &- 1) &* 64]
                for bx in component.blocksWide ..< blocksAcross {
                    let block = rowOut + bx &* 64
                    block.update(repeating: 0, count: 64)
                    block[0] = lastDC
                }
            } else {
                // A dummy block row: each MCU's blocks take the DC of the block above at the
                // MCU's last column (by >= 1 here: the first block row of an MCU row always
                // holds image data, so the row above is in this buffer).
                let above = rowOut - blocksAcross &* 64
                for bx in 0 ..< blocksAcross {
                    let block = rowOut + bx &* 64
                    block.update(repeating: 0, count: 64)
                    let mcuLast = (bx / component.h) &* component.h &+ component.h &- 1
                    block[0] = above[mcuLast &* 64]
                }
            }
        }
        }
        }
        }
    }
}
