extension RGBA8Image {
    /// Composites `source` onto this image with `op`.
    ///
    /// `sourceRect` (default: all of `source`) is placed with its top-left corner at `point`;
    /// only destination pixels under it change. Any point or rectangle is legal, however far
    /// outside either image or near `Int.min`/`Int.max`: it simply clips. Drawing an image onto
    /// itself (`image.draw(image, ...)`) reads the image as it was before the call.
    public mutating func draw(_ source: RGBA8Image, at point: Point = .zero, operator op: CompositeOperator = .srcOver,
                              sourceRect: Rect? = nil, coverage: Coverage = .full) {
        let (mask, opacity, limit) = Coverage.resolve(coverage, within: source.bounds)
        guard let region = DrawRegion(destination: bounds, point: point,
                                      sourceRect: sourceRect ?? source.bounds, sourceLimit: limit) else { return }
        let srcStride = source.rowStride
        source.withUnsafeSamples { s in
            guard let sBase = s.baseAddress else { return }
            let first = sBase + (region.srcY &* srcStride &+ region.srcX &* 4)
            composite(region, op: op, src: first, srcStride: srcStride, mask: mask, opacity: opacity)
        }
    }

    /// Composites a solid `color` over `rect` with `op`, clipped to the image. A mask in
    /// `coverage` is positioned at `rect`'s top-left corner.
    public mutating func fill(_ rect: Rect, with color: RGBA8, operator op: CompositeOperator = .srcOver,
                              coverage: Coverage = .full) {
        let (mask, opacity, limit) = Coverage.resolve(coverage, within: Rect(x: 0, y: 0, width: rect.width, height: rect.height))
        guard let region = DrawRegion(destination: bounds, point: rect.origin,
                                      sourceRect: Rect(x: 0, y: 0, width: rect.width, height: rect.height),
                                      sourceLimit: limit) else { return }
        // One row of the colour, reused for every destination row (source stride 0), so the
        // fill runs through exactly the kernels (and fast paths) a drawn image would.
        var row = [UInt8](repeating: 0, count: region.width &* 4)
        row.withUnsafeMutableBufferPointer { buf in
            var i = 0
            while i < buf.count {
                buf[i] = color.r
                buf[i &+ 1] = color.g
                buf[i &+ 2] = color.b
                buf[i &+ 3] = color.a
                i &+= 4
            }
        }
        row.withUnsafeBufferPointer { s in
            guard let sBase = s.baseAddress else { return }
            composite(region, op: op, src: sBase, srcStride: 0, mask: mask, opacity: opacity)
        }
    }

    /// Runs the kernels over a clipped region once the source pointer is known.
    private mutating func composite(_ region: DrawRegion, op: CompositeOperator, src: UnsafePointer<UInt8>, srcStride: Int,
                                    mask: CoverageMask?, opacity: UInt32) {
        let dstStride = rowStride
        let maskValues = mask?.values ?? []
        let maskStride = mask?.width ?? 0
        let useMask = mask != nil
        maskValues.withUnsafeBufferPointer { m in
            let maskFirst = useMask ? m.baseAddress.map { $0 + (region.srcY &* maskStride &+ region.srcX) } : nil
            ReciprocalTable.values.withUnsafeBufferPointer { table in
                guard let recip = table.baseAddress else { return }
                withUnsafeMutableSamples { d in
                    guard let dBase = d.baseAddress else { return }
                    let job = CompositeJob(
                        dst: dBase + (region.dstY &* dstStride &+ region.dstX &* 4), dstStride: dstStride,
                        src: src, srcStride: srcStride,
                        mask: maskFirst, maskStride: maskStride, opacity: opacity,
                        width: region.width, height: region.height, recip: recip)
                    job.run(op)
                }
            }
        }
    }
}
