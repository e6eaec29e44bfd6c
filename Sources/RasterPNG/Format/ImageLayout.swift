/// Where each pass's scanlines sit in the inflated (filtered) image data.
struct PassLayout {
    var xStart: Int, yStart: Int, xStep: Int, yStep: Int
    /// Pixels per row and rows in this pass (either may be 0, and then the pass has no bytes).
    var width: Int, height: Int
    /// Bytes per scanline without the filter byte.
    var rowBytes: Int
    /// Offset of the pass's first filter byte in the inflated data.
    var offset: Int
}

/// The shape of the filtered image data: one pass, or the seven Adam7 passes
/// (PNG spec §8.2), with the exact total size the IDAT stream must inflate to.
struct ImageLayout {
    /// Adam7 pass origins and spacing: (xStart, yStart, xStep, yStep).
    static let adam7: [(Int, Int, Int, Int)] = [
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
    ]

    var passes: [PassLayout]
    /// Total inflated bytes; `Int.max` when the size overflows (then the limits reject it).
    var filteredSize: Int

    init(header: PNGHeader) {
        let grid = header.interlaced ? ImageLayout.adam7 : [(0, 0, 1, 1)]
        var passes: [PassLayout] = []
        var total = 0
        var overflow = false
        for (x0, y0, dx, dy) in grid {
            let w = header.width > x0 ? (header.width &- x0 &+ dx &- 1) / dx : 0
            let h = header.height > y0 ? (header.height &- y0 &+ dy &- 1) / dy : 0
            let rowBytes = header.rowBytes(pixels: w)
            var size = 0
            if w > 0 && h > 0 {
                let (s, o1) = (rowBytes &+ 1).multipliedReportingOverflow(by: h)
                size = s
                overflow = overflow || o1
            }
            passes.append(PassLayout(xStart: x0, yStart: y0, xStep: dx, yStep: dy, width: w, height: h,
                                     rowBytes: rowBytes, offset: total))
            let (t, o2) = total.addingReportingOverflow(size)
            total = t
            overflow = overflow || o2
        }
        self.passes = passes
        filteredSize = overflow ? .max : total
    }
}
