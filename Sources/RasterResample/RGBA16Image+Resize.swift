import RasterCore

extension RGBA16Image {
    /// The 16-bit image resampled to exactly `width x height`: the same semantics as
    /// `RGBA8Image.resized(width:height:filter:linearLight:limits:)` on the 65535 scale,
    /// accumulated in `Double` (16-bit premultiplied values need 32 bits exactly).
    public func resized(width: Int, height: Int, filter: ResampleFilter = .lanczos3,
                        linearLight: Bool = false, limits: DecodeLimits = .default) throws(ResampleError) -> RGBA16Image {
        let request = try ResizeRequest(sourceWidth: self.width, sourceHeight: self.height, width: width, height: height,
                                        filter: filter, bytesPerSample: 2, limits: limits)
        let transfer = linearLight ? TransferTables.linear16 : TransferTables.encoded16
        let (inWidth, inHeight) = (self.width, self.height)
        // The request checked width * height * 8 bytes against the limits, so the count fits.
        var out = [UInt16](repeating: 0, count: width * height * 4)
        withUnsafeSamples { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let srcBase = src.baseAddress, let dstBase = dst.baseAddress else { return }
                if filter == .nearest {
                    NearestResize.run(UnsafeRawBufferPointer(src), inWidth: inWidth, inHeight: inHeight,
                                      UnsafeMutableRawBufferPointer(dst), outWidth: width, outHeight: height,
                                      as: UInt64.self)
                    return
                }
                transfer.decode.withUnsafeBufferPointer { table in
                    RGBA8Image.withThresholds(transfer) { thresholds in
                                                ResampleEngine.run(
                            source: PremultipliedRows<UInt16, Double>(base: srcBase, width: inWidth, decode: linearLight ? table.baseAddress : nil),
                            sink: StraightRows<UInt16, Double>(base: dstBase, width: width, transfer: transfer,
                                                               thresholds: thresholds, exact: nil),
                            x: request.x, y: request.y)
                    }
                }
            }
        }
        do {
            return try RGBA16Image(width: width, height: height, samples: out)
        } catch {
            throw .limitExceeded(LimitExceeded(cap: .bytes, requested: .max, limit: limits.maxBytes))
        }
    }

    /// The image fitted to `target` by `mode` (see `FitMode`), resampled with `filter`.
    public func resized(toFit target: FitTarget, mode: FitMode = .contain, filter: ResampleFilter = .lanczos3,
                        linearLight: Bool = false, limits: DecodeLimits = .default) throws(ResampleError) -> RGBA16Image {
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
