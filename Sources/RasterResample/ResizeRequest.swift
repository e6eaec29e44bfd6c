import RasterCore

/// A validated resize: sizes checked against the caller's limits before anything large is
/// allocated, and the two axis tables.
struct ResizeRequest {
    let outWidth: Int
    let outHeight: Int
    let filter: ResampleFilter
    let x: AxisContributions
    let y: AxisContributions

    init(sourceWidth: Int, sourceHeight: Int, width: Int, height: Int, filter: ResampleFilter,
         bytesPerSample: Int, limits: DecodeLimits) throws(ResampleError) {
        guard width > 0, height > 0 else { throw .invalidSize(width: width, height: height) }
        guard sourceWidth > 0, sourceHeight > 0 else {
            throw .emptySource(width: sourceWidth, height: sourceHeight)
        }
        let side = AxisContributions.maxSide
        if width > side { throw .limitExceeded(LimitExceeded(cap: .width, requested: width, limit: side)) }
        if height > side { throw .limitExceeded(LimitExceeded(cap: .height, requested: height, limit: side)) }
        if sourceWidth > side || sourceHeight > side {
            throw .limitExceeded(LimitExceeded(cap: sourceWidth > side ? .width : .height,
                                               requested: max(sourceWidth, sourceHeight), limit: side))
        }
        do {
            try limits.check(width: width, height: height, bytesPerPixel: 4 * bytesPerSample)
        } catch {
            throw .limitExceeded(error)
        }
        outWidth = width
        outHeight = height
        self.filter = filter
        if filter == .nearest {
            // Nearest needs no weights; `NearestResize` maps indices directly.
            x = AxisContributions(filter: .box, inCount: 1, outCount: 1, trimZeros: true)
            y = x
            return
        }
        // Both tables hold at most (2 * support) * max(in, out) + out weights, bounded by
        // the sides just checked.
        x = AxisContributions(filter: filter, inCount: sourceWidth, outCount: width, trimZeros: true)
        y = AxisContributions.vertical(filter: filter, inCount: sourceHeight, outCount: height)
        // Working memory: one source row and the band of output-width rows, in lanes of
        // 4 * 4 bytes (8-bit) or 4 * 8 bytes (16-bit), plus the tables.
        let lane = bytesPerSample == 1 ? 16 : 32
        let band = ResampleEngine.bandRows(y, outWidth: width)
        let (rowsBytes, o1) = (sourceWidth + (band + 1) * width).multipliedReportingOverflow(by: lane)
        let tableBytes = (x.weights.count + y.weights.count) * 8 + (width + height) * 16
        let (extra, o2) = rowsBytes.addingReportingOverflow(tableBytes)
        do {
            try limits.check(width: width, height: height, bytesPerPixel: 4 * bytesPerSample,
                             extraBytes: o1 || o2 ? .max : extra)
        } catch {
            throw .limitExceeded(error)
        }
    }
}
