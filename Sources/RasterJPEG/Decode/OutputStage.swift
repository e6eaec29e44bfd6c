/// Turns decoded component samples into RGBA rows of the final raster, one iMCU row (row
/// group) at a time: a ring of three row groups per component, upsampling into one
/// scratch row per component, colour conversion straight into the output.
///
/// Why three groups: the fancy vertical filters read the component row above an output
/// row's group and the first row below it. Group r is emitted after group r + 1 is decoded
/// (or at the end), so groups r - 1, r and r + 1 must all be resident; a block's rows never
/// straddle the ring's end because the ring is a whole number of groups.
final class OutputStage {
    struct Plane {
        var base: UnsafeMutablePointer<UInt8>
        /// Bytes per plane row: blocks per line times the block edge.
        var stride: Int
        /// Component rows per row group.
        var groupRows: Int
        var ringRows: Int
        /// Valid component rows (libjpeg's downsampled height); fancy context is clamped
        /// into 0 ..< rows as libjpeg's context-row buffer does.
        var rows: Int
        var width: Int
        var mode: UpsampleMode
        var scratch: UnsafeMutablePointer<UInt8>

        @inline(__always)
        func row(_ y: Int) -> UnsafeMutablePointer<UInt8> { base + (y % ringRows) &* stride }
    }

    let frame: FrameLayout
    let colorSpace: JPEGHeader.ColorSpace
    let adobeInverted: Bool
    var planes: [Plane]
    /// Output rows per row group.
    let outputGroupRows: Int

    /// Bytes `init` allocates for a frame (for the limits check before allocating).
    static func workingBytes(for frame: FrameLayout) -> Int {
        var total = 0
        for c in frame.components {
            let stride = c.blocksPerLine * c.blockSize
            total += stride * c.v * c.blockSize * 3 + stride * frame.maxH + 64
        }
        return total
    }

    init(frame: FrameLayout, colorSpace: JPEGHeader.ColorSpace, adobeInverted: Bool) {
        self.frame = frame
        self.colorSpace = colorSpace
        self.adobeInverted = adobeInverted
        outputGroupRows = frame.maxV * frame.minBlockSize
        planes = frame.components.map { c in
            let stride = c.blocksPerLine * c.blockSize
            let groupRows = c.v * c.blockSize
            let base = UnsafeMutablePointer<UInt8>.allocate(capacity: stride * groupRows * 3)
            base.initialize(repeating: 128, count: stride * groupRows * 3)
            // The scratch row takes an upsampled row: at most hOut/hIn samples per plane
            // sample, and the plane is at least as wide as the component's samples.
            let scratchCount = stride * frame.maxH + 64
            let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCount)
            scratch.initialize(repeating: 0, count: scratchCount)
            return Plane(base: base, stride: stride, groupRows: groupRows, ringRows: groupRows * 3,
                         rows: c.scaledHeight, width: c.scaledWidth,
                         mode: UpsampleMode(component: c, frame: frame), scratch: scratch)
        }
    }

    deinit {
        for p in planes {
            p.base.deallocate()
            p.scratch.deallocate()
        }
    }

    /// Where block (blockRow, blockColumn) of component `ci` in row group `group` goes.
    @inline(__always)
    func blockOutput(_ ci: Int, group: Int, blockRow: Int, blockColumn: Int) -> UnsafeMutablePointer<UInt8> {
        let p = planes[ci]
        let size = frame.components[ci].blockSize
        return p.row(group &* p.groupRows &+ blockRow &* size) + blockColumn &* size
    }

    /// The component row output row `y` of the image uses, upsampled to full width.
    @inline(__always)
    private func upsampledRow(_ ci: Int, outputRow y: Int) -> UnsafePointer<UInt8> {
        let p = planes[ci]
        switch p.mode {
        case .full:
            return UnsafePointer(p.row(y))
        case .fancyH2V1:
            Upsample.fancyH2V1(p.row(y), p.width, p.scratch)
            return UnsafePointer(p.scratch)
        case .fancyH1V2:
            let cy = y >> 1
            let far = (y & 1) == 0 ? max(cy - 1, 0) : min(cy + 1, p.rows - 1)
            Upsample.fancyH1V2(p.row(cy), p.row(far), bias: (y & 1) == 0 ? 1 : 2, frame.outputWidth, p.scratch)
            return UnsafePointer(p.scratch)
        case .fancyH2V2:
            let cy = y >> 1
            let far = (y & 1) == 0 ? max(cy - 1, 0) : min(cy + 1, p.rows - 1)
            Upsample.fancyH2V2(p.row(cy), p.row(far), p.width, p.scratch)
            return UnsafePointer(p.scratch)
        case let .replicate(hIn, hOut, vIn, vOut):
            Upsample.replicate(p.row(y * vIn / vOut), hIn: hIn, hOut: hOut, frame.outputWidth, p.scratch)
            return UnsafePointer(p.scratch)
        }
    }

    /// Writes the output rows of row group `group` into `image` (RGBA, outputWidth * 4
    /// bytes per row, outputHeight rows).
    func emit(group: Int, into image: UnsafeMutablePointer<UInt8>) {
        let width = frame.outputWidth
        let first = group * outputGroupRows
        let end = min(first + outputGroupRows, frame.outputHeight)
        guard first < end else { return }
        for y in first..<end {
            let out = image + y &* width &* 4
            switch colorSpace {
            case .grayscale:
                ColorConverter.grayRow(upsampledRow(0, outputRow: y), width, out)
            case .yCbCr:
                ColorConverter.yccRow(upsampledRow(0, outputRow: y), upsampledRow(1, outputRow: y),
                                      upsampledRow(2, outputRow: y), width, out)
            case .rgb:
                ColorConverter.rgbRow(upsampledRow(0, outputRow: y), upsampledRow(1, outputRow: y),
                                      upsampledRow(2, outputRow: y), width, out)
            case .cmyk, .ycck:
                ColorConverter.cmykRow(upsampledRow(0, outputRow: y), upsampledRow(1, outputRow: y),
                                       upsampledRow(2, outputRow: y), upsampledRow(3, outputRow: y),
                                       ycck: colorSpace == .ycck, inverted: adobeInverted, width, out)
            }
        }
    }
}
