/// The bytes a decode will hold at its peak, estimated from the header alone, for reserving
/// from a `MemoryBudget` before anything is allocated.
///
/// The estimate is an upper bound of what the codec allocates for the image and its working
/// buffers (it does not count small tables or metadata, which `metadataLimit` caps):
/// - PNG: the output raster (4 or 8 bytes per pixel) plus the inflated scanlines, one filter
///   byte per row and the packed samples (at most 8 bytes per pixel);
/// - JPEG: the output raster at the DCT scale (4 bytes per pixel), the component planes of a
///   row group, and for a progressive file the whole coefficient buffer (2 bytes per sample
///   of every component at full size, padded to whole MCUs, which sampling factors up to 4
///   can make at most (w + 32) x (h + 32) per component).
enum DecodeMemory {
    static func estimate(_ info: ImageInfo, scale: JPEGScale) -> Int {
        let w = max(info.width, 0), h = max(info.height, 0)
        switch info.format {
        case .png:
            let outBytes = info.bitDepth == 16 ? 8 : 4
            let rowBytes = w.multipliedSaturating(by: 8).addingSaturating(1)
            return w.multipliedSaturating(by: h).multipliedSaturating(by: outBytes)
                .addingSaturating(rowBytes.multipliedSaturating(by: h))
        case .jpeg:
            let outW = scale.scaled(w), outH = scale.scaled(h)
            var total = outW.multipliedSaturating(by: outH).multipliedSaturating(by: 4)
            let paddedW = w.addingSaturating(32), paddedH = h.addingSaturating(32)
            // Row-group planes: 32 rows of each component at full width (generous).
            total = total.addingSaturating(paddedW.multipliedSaturating(by: 32 * 4))
            if info.isProgressive {
                let perComponent = paddedW.multipliedSaturating(by: paddedH).multipliedSaturating(by: 2)
                total = total.addingSaturating(perComponent.multipliedSaturating(by: max(info.channels, 1)))
            }
            return total
        }
    }
}

extension Int {
    /// `self * other`, or `Int.max` when that overflows: a size that large is refused anyway.
    fileprivate func multipliedSaturating(by other: Int) -> Int {
        let (v, o) = multipliedReportingOverflow(by: other)
        return o ? .max : v
    }

    /// `self + other`, or `Int.max` when that overflows.
    fileprivate func addingSaturating(_ other: Int) -> Int {
        let (v, o) = addingReportingOverflow(other)
        return o ? .max : v
    }
}
