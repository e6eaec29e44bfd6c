import RasterCore

extension RGBA8Image {
    /// The image resampled to exactly `width x height` with the contract's semantics
    /// (CONTRACT.md "Resize"): separable, premultiplied, each channel at most 1 from the
    /// exact result and equal to it almost everywhere (docs/resample.md has the bound).
    ///
    /// - Parameters:
    ///   - filter: the reconstruction kernel; `.lanczos3` unless told otherwise.
    ///   - linearLight: average linear-light values (the sRGB curve undone before and
    ///     reapplied after) instead of the encoded ones; alpha is linear either way.
    ///   - limits: caps on the output size and working memory, checked before allocating.
    /// - Throws: `ResampleError.invalidSize` for a side below 1, `.emptySource` for an
    ///   image with no pixels, `.limitExceeded` for an output over `limits`.
    public func resized(width: Int, height: Int, filter: ResampleFilter = .lanczos3,
                        linearLight: Bool = false, limits: DecodeLimits = .default) throws(ResampleError) -> RGBA8Image {
        try resized(width: width, height: height, filter: filter, linearLight: linearLight, limits: limits,
                    gatherLimit: ResampleEngine.gatherLimit)
    }

    /// `resized` with the vertical pass's gather limit exposed, so tests reach the scatter path.
    func resized(width: Int, height: Int, filter: ResampleFilter, linearLight: Bool, limits: DecodeLimits,
                 gatherLimit: Int) throws(ResampleError) -> RGBA8Image {
        let request = try ResizeRequest(sourceWidth: self.width, sourceHeight: self.height, width: width, height: height,
                                        filter: filter, bytesPerSample: 1, limits: limits)
        let transfer = linearLight ? TransferTables.linear8 : TransferTables.encoded8
        let decode = transfer.decode.map { Float($0) }
        let (inWidth, inHeight) = (self.width, self.height)
        do {
            return try withUnsafeSamples { src throws(ImageError) in
                try RGBA8Image(width: width, height: height) { dst in
                    guard let srcBase = src.baseAddress, let dstBase = dst.baseAddress else { return }
                    if filter == .nearest {
                        NearestResize.run(UnsafeRawBufferPointer(src), inWidth: inWidth, inHeight: inHeight,
                                          UnsafeMutableRawBufferPointer(dst), outWidth: width, outHeight: height,
                                          as: UInt32.self)
                        return
                    }
                    decode.withUnsafeBufferPointer { table in
                        Self.withThresholds(transfer) { thresholds in
                            let exactTies = linearLight ? nil : ExactTies(
                                filter: filter, source: srcBase, inWidth: inWidth, inHeight: inHeight,
                                outWidth: width, outHeight: height, xTable: request.x, yTable: request.y)
                            var sink = StraightRows<UInt8, Float>(base: dstBase, width: width, transfer: transfer,
                                                                  thresholds: thresholds, exact: exactTies)
                            let opaque = !linearLight && PremultipliedRows<UInt8, Float>.isOpaque(srcBase, count: inWidth &* inHeight)
                            sink.opaque = opaque
                            if exactTies == nil {
                                sink.symmetric = SymmetricTies(source: srcBase, sourceWidth: inWidth,
                                                               x: request.x, y: request.y)
                            }
                            var source = PremultipliedRows<UInt8, Float>(base: srcBase, width: inWidth, decode: linearLight ? table.baseAddress : nil)
                            source.opaque = opaque
                            ResampleEngine.run(
                                source: source,
                                sink: sink,
                                x: request.x, y: request.y, gatherLimit: gatherLimit)
                        }
                    }
                }
            }
        } catch {
            // Only a size that overflows can fail here, and the limits check refused those.
            throw .limitExceeded(LimitExceeded(cap: .bytes, requested: .max, limit: limits.maxBytes))
        }
    }

    /// Calls `body` with the transfer's thresholds (nil for the identity transfer).
    static func withThresholds<R>(_ transfer: TransferTables, _ body: (UnsafePointer<Double>?) -> R) -> R {
        guard let t = transfer.thresholds else { return body(nil) }
        return t.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    /// The image fitted to `target` by `mode` (see `FitMode`), resampled with `filter`.
    public func resized(toFit target: FitTarget, mode: FitMode = .contain, filter: ResampleFilter = .lanczos3,
                        linearLight: Bool = false, limits: DecodeLimits = .default) throws(ResampleError) -> RGBA8Image {
        let plan = try mode.plan(source: PixelSize(width: width, height: height), target: target)
        var image = self
        if let scaled = plan.scaled {
            image = try resized(width: scaled.width, height: scaled.height, filter: filter,
                                linearLight: linearLight, limits: limits)
        }
        if let crop = plan.crop { image = image.cropped(to: crop) }
        return image
    }
}
