/// The geometry of a frame (T.81 A.1, A.2), fixed at SOF, and of its components at the
/// chosen DCT scale (libjpeg's jdmaster.c `jpeg_core_output_dimensions`).
struct FrameComponent {
    var id: UInt8
    /// Sampling factors, 1...4.
    var h: Int
    var v: Int
    /// Quantisation table slot, 0...3.
    var quantTable: Int
    /// Blocks per row and per column the coefficient and plane buffers hold: whole MCUs,
    /// `mcusX * h` by `mcusY * v`.
    var blocksPerLine: Int = 0
    var blocksPerColumn: Int = 0
    /// Blocks that hold image samples, ceil(width * h / (maxH * 8)) and likewise down; a
    /// non-interleaved scan covers exactly these.
    var widthInBlocks: Int = 0
    var heightInBlocks: Int = 0
    /// Edge of one decoded block at the output scale: 8, 4, 2 or 1.
    var blockSize: Int = 8
    /// Samples per row and rows this component has at the output scale
    /// (libjpeg's `downsampled_width` / `downsampled_height`).
    var scaledWidth: Int = 0
    var scaledHeight: Int = 0
}

struct FrameLayout {
    var width: Int
    var height: Int
    var process: JPEGHeader.Process
    var components: [FrameComponent]
    var maxH: Int = 1
    var maxV: Int = 1
    /// MCUs per row and MCU rows of an interleaved scan.
    var mcusX: Int = 0
    var mcusY: Int = 0
    /// Block edge of the most reduced component (libjpeg's `min_DCT_scaled_size`).
    var minBlockSize: Int = 8
    var outputWidth: Int = 0
    var outputHeight: Int = 0

    init(width: Int, height: Int, process: JPEGHeader.Process, components: [FrameComponent]) {
        self.width = width
        self.height = height
        self.process = process
        self.components = components
        maxH = components.map(\.h).max() ?? 1
        maxV = components.map(\.v).max() ?? 1
        // width, height <= 65535 and factors <= 4, so nothing here can overflow.
        mcusX = (width + maxH * 8 - 1) / (maxH * 8)
        mcusY = (height + maxV * 8 - 1) / (maxV * 8)
        for i in components.indices {
            let c = components[i]
            self.components[i].blocksPerLine = mcusX * c.h
            self.components[i].blocksPerColumn = mcusY * c.v
            self.components[i].widthInBlocks = (width * c.h + maxH * 8 - 1) / (maxH * 8)
            self.components[i].heightInBlocks = (height * c.v + maxV * 8 - 1) / (maxV * 8)
        }
        setScale(.full)
    }

    /// Chooses each component's block size for `scale`. As libjpeg does, a subsampled
    /// component is decoded with a larger IDCT instead of being upsampled where the ratio
    /// allows (a 4:2:0 chroma block decodes 8x8 at scale 1/2 and needs no upsampling).
    mutating func setScale(_ scale: JPEGScale) {
        minBlockSize = scale.blockSize
        outputWidth = (width * minBlockSize + 7) / 8
        outputHeight = (height * minBlockSize + 7) / 8
        for i in components.indices {
            let c = components[i]
            var size = minBlockSize
            while size < 8 && (maxH * minBlockSize) % (c.h * size * 2) == 0
                    && (maxV * minBlockSize) % (c.v * size * 2) == 0 {
                size *= 2
            }
            components[i].blockSize = size
            components[i].scaledWidth = (width * c.h * size + maxH * 8 - 1) / (maxH * 8)
            components[i].scaledHeight = (height * c.v * size + maxV * 8 - 1) / (maxV * 8)
        }
    }

    /// Total coefficient blocks of all components (the progressive buffer's size / 128).
    var totalBlocks: Int { components.reduce(0) { $0 + $1.blocksPerLine * $1.blocksPerColumn } }
}
