/// The geometry of one frame: components, sampling factors, blocks and MCUs, computed the
/// way libjpeg's jcmaster.c `initial_setup` and `per_scan_setup` do.
struct EncoderFrameLayout: Sendable {
    struct Component: Sendable {
        /// Component identifier written in SOF and SOS (1, 2, 3 as libjpeg writes them).
        var id: UInt8
        /// Sampling factors.
        var h: Int
        var v: Int
        /// Quantisation and Huffman table slot: 0 for luma, 1 for chroma.
        var tableSlot: Int
        /// Blocks holding image data (libjpeg's width_in_blocks, height_in_blocks):
        /// ceil(width * h / (hmax * 8)), likewise for height.
        var blocksWide: Int
        var blocksHigh: Int
        /// Blocks the interleaved scans cover: whole MCUs (`mcusAcross * h`). The extra
        /// ones are libjpeg's "dummy blocks", coded with zero AC and a copied DC.
        var paddedBlocksWide: Int
        var paddedBlocksHigh: Int
    }

    let width: Int
    let height: Int
    let components: [Component]
    let hmax: Int
    let vmax: Int
    /// MCUs of the interleaved (or only) scan.
    let mcusAcross: Int
    let mcuRows: Int

    /// Pixels one MCU covers.
    var mcuWidth: Int { 8 &* hmax }
    var mcuHeight: Int { 8 &* vmax }
    /// Blocks in one MCU of the interleaved scan.
    var blocksPerMCU: Int { components.reduce(0) { $0 + $1.h * $1.v } }

    /// `width` and `height` are 1...65535 (checked by the encoder), so no product overflows.
    init(width: Int, height: Int, grayscale: Bool, subsampling: ChromaSubsampling) {
        self.width = width
        self.height = height
        let (lh, lv) = grayscale ? (1, 1) : subsampling.lumaFactors
        hmax = lh
        vmax = lv
        mcusAcross = (width + 8 * lh - 1) / (8 * lh)
        mcuRows = (height + 8 * lv - 1) / (8 * lv)
        func component(id: UInt8, h: Int, v: Int, slot: Int) -> Component {
            Component(id: id, h: h, v: v, tableSlot: slot,
                      blocksWide: (width * h + 8 * lh - 1) / (8 * lh),
                      blocksHigh: (height * v + 8 * lv - 1) / (8 * lv),
                      paddedBlocksWide: (width + 8 * lh - 1) / (8 * lh) * h,
                      paddedBlocksHigh: (height + 8 * lv - 1) / (8 * lv) * v)
        }
        if grayscale {
            components = [component(id: 1, h: 1, v: 1, slot: 0)]
        } else {
            components = [component(id: 1, h: lh, v: lv, slot: 0),
                          component(id: 2, h: 1, v: 1, slot: 1),
                          component(id: 3, h: 1, v: 1, slot: 1)]
        }
    }
}
