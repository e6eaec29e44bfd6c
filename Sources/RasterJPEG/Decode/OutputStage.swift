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
        /// Where the ring starts: `margin` bytes before it are allocated too.
        var allocation: UnsafeMutablePointer<UInt8>
        var base: UnsafeMutablePointer<UInt8>
        /// Bytes per plane row: blocks per line times the block edge, plus `margin`
        /// (rounded up to 16) so a fused row converter can put a copy of the edge sample
        /// one place left and right of the row without touching another row's samples.
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

        /// Copies the first and last samples of row `y` one place outside it (row[-1] and
        /// row[width]) for the 16-lane fancy filters. Both places are in this row's margin:
        /// row[-1] is byte stride - 1 of the row before (or the allocation's front margin),
        /// past that row's samples, and width <= stride - margin.
        @inline(__always)
        func replicateEdges(_ y: Int) {
            let r = row(y)
            r[-1] = r[0]
            r[width] = r[width &- 1]
        }
    }

    /// The fused row converters (ColorConverter) this frame takes, or `generic`: upsample
    /// each component into its scratch row, then convert.
    enum Path {
        case gray, ycc, yccH2V2, yccH2V1, yccH1V2, generic
    }

    /// Bytes before each plane's ring and after it: the 16-lane kernels read up to one
    /// sample before a row and up to 16 past its last sample (those lanes feed only pixels
    /// that are never stored; see ColorConverter.sixteenAtATime).
    static let margin = 16
    static let tailSlack = 64

    let frame: FrameLayout
    let colorSpace: JPEGHeader.ColorSpace
    let adobeInverted: Bool
    var planes: [Plane]
    /// Output rows per row group.
    let outputGroupRows: Int
    let path: Path
    /// The YCbCr multipliers, in memory for the kernels (see ColorConverter.Multipliers).
    let multipliers: UnsafeMutablePointer<ColorConverter.Multipliers>

    static func planeStride(_ c: FrameComponent) -> Int {
        (c.blocksPerLine * c.blockSize + margin + 15) & ~15
    }

    /// Bytes `init` allocates for a frame (for the limits check before allocating).
    static func workingBytes(for frame: FrameLayout) -> Int {
        var total = 0
        for c in frame.components {
            let stride = planeStride(c)
            total += stride * c.v * c.blockSize * 3 + margin + tailSlack + stride * frame.maxH + 64
        }
        return total
    }

    init(frame: FrameLayout, colorSpace: JPEGHeader.ColorSpace, adobeInverted: Bool) {
        self.frame = frame
        self.colorSpace = colorSpace
        self.adobeInverted = adobeInverted
        outputGroupRows = frame.maxV * frame.minBlockSize
        planes = frame.components.map { c in
            let stride = Self.planeStride(c)
            let groupRows = c.v * c.blockSize
            let count = Self.margin + stride * groupRows * 3 + Self.tailSlack
            let allocation = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
            allocation.initialize(repeating: 128, count: count)
            // The scratch row takes an upsampled row: at most hOut/hIn samples per plane
            // sample, and the plane is at least as wide as the component's samples.
            let scratchCount = stride * frame.maxH + 64
            let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCount)
            scratch.initialize(repeating: 0, count: scratchCount)
            return Plane(allocation: allocation, base: allocation + Self.margin, stride: stride,
                         groupRows: groupRows, ringRows: groupRows * 3,
                         rows: c.scaledHeight, width: c.scaledWidth,
                         mode: UpsampleMode(component: c, frame: frame), scratch: scratch)
        }
        multipliers = .allocate(capacity: 1)
        multipliers.initialize(to: ColorConverter.Multipliers())
        let modes = planes.map(\.mode)
        switch colorSpace {
        case .grayscale where modes.count == 1 && modes[0] == .full:
            path = .gray
        case .yCbCr where modes.count == 3 && modes[0] == .full && modes[1] == modes[2]:
            switch modes[1] {
            case .full: path = .ycc
            case .fancyH2V2: path = .yccH2V2
            case .fancyH2V1: path = .yccH2V1
            case .fancyH1V2: path = .yccH1V2
            case .replicate: path = .generic
            }
        default:
            path = .generic
        }
    }

    deinit {
        for p in planes {
            p.allocation.deallocate()
            p.scratch.deallocate()
        }
        multipliers.deallocate()
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
        let k = UnsafePointer(multipliers)
        switch path {
        case .gray:
            for y in first..<end {
                ColorConverter.grayRow(planes[0].row(y), width, image + y &* width &* 4)
            }
        case .ycc:
            let py = planes[0], pb = planes[1], pr = planes[2]
            for y in first..<end {
                ColorConverter.yccRow(py.row(y), pb.row(y), pr.row(y), k, width, image + y &* width &* 4)
            }
        case .yccH2V1:
            let py = planes[0], pb = planes[1], pr = planes[2]
            for y in first..<end {
                pb.replicateEdges(y)
                pr.replicateEdges(y)
                ColorConverter.yccRowH2V1(py.row(y), pb.row(y), pr.row(y), k, width, image + y &* width &* 4)
            }
        case .yccH2V2, .yccH1V2:
            // Both chroma planes have the same mode, so the same height and context rows.
            let py = planes[0], pb = planes[1], pr = planes[2]
            for y in first..<end {
                let cy = y >> 1
                let below = (y & 1) != 0
                let far = below ? min(cy + 1, pb.rows - 1) : max(cy - 1, 0)
                let out = image + y &* width &* 4
                if path == .yccH2V2 {
                    pb.replicateEdges(cy); pb.replicateEdges(far)
                    pr.replicateEdges(cy); pr.replicateEdges(far)
                    ColorConverter.yccRowH2V2(py.row(y), pb.row(cy), pb.row(far), pr.row(cy), pr.row(far),
                                              k, width, out)
                } else {
                    ColorConverter.yccRowH1V2(py.row(y), pb.row(cy), pb.row(far), pr.row(cy), pr.row(far),
                                              bias: below ? 2 : 1, k, width, out)
                }
            }
        case .generic:
            for y in first..<end {
                let out = image + y &* width &* 4
                switch colorSpace {
                case .grayscale:
                    ColorConverter.grayRow(upsampledRow(0, outputRow: y), width, out)
                case .yCbCr:
                    ColorConverter.yccRow(upsampledRow(0, outputRow: y), upsampledRow(1, outputRow: y),
                                          upsampledRow(2, outputRow: y), k, width, out)
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
}
