import RasterCore

/// Decodes baseline, extended (8-bit Huffman) and progressive JPEG to 8-bit RGBA, matching
/// libjpeg-turbo's default output (see docs/jpeg.md for what is exact).
public enum JPEGDecoder {
    /// Decodes `bytes` to pixels at `options.scale`, with the file's metadata. EXIF
    /// orientation is reported (`metadata.orientation`), not applied.
    public static func decode<C: Collection<UInt8>>(_ bytes: C, options: JPEGDecodeOptions = .init()) throws(JPEGError) -> JPEGImage {
        let data = Array(bytes)
        let result: Result<JPEGImage, JPEGError> = data.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .failure(.notJPEG) }
            var state = DecoderState(base: base, count: buffer.count, options: options, headerOnly: true)
            do throws(JPEGError) {
                // Phase 1: the markers up to the first scan give the size.
                try state.run()
                guard let frame = state.frame, state.pendingScan else {
                    throw .truncated(context: "before the first scan")
                }
                try state.checkOutputLimits()
                // Phase 2: decode straight into the final array's storage (no copy).
                let total = frame.outputWidth * frame.outputHeight * 4
                var failure: JPEGError?
                let samples = [UInt8](unsafeUninitializedCapacity: total) { raster, initialized in
                    state.headerOnly = false
                    state.output = raster.baseAddress
                    state.outputCount = total
                    do throws(JPEGError) {
                        try state.run()
                        // Every path that returns normally has written all rows.
                        initialized = total
                    } catch {
                        failure = error
                        initialized = 0
                    }
                    state.output = nil
                }
                if let failure { throw failure }
                return .success(try state.makeImage(samples))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads the markers before the first scan (never entropy-coded data): size,
    /// components, sampling, process, colour space and EXIF orientation.
    public static func probe<C: Collection<UInt8>>(_ bytes: C) throws(JPEGError) -> JPEGHeader {
        let data = Array(bytes)
        let result: Result<JPEGHeader, JPEGError> = data.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .failure(.notJPEG) }
            var state = DecoderState(base: base, count: buffer.count, options: .init(limits: .unlimited), headerOnly: true)
            do throws(JPEGError) {
                try state.run()
                guard let header = state.header else { return .failure(.truncated(context: "before the frame header (SOF)")) }
                return .success(header)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

extension DecoderState {
    /// The header as far as the markers read so far describe it.
    var header: JPEGHeader? {
        guard let frame else { return nil }
        return JPEGHeader(width: frame.width, height: frame.height, process: frame.process, colorSpace: colorSpace,
                          components: frame.components.map {
                              JPEGHeader.Component(id: $0.id, horizontalSampling: $0.h, verticalSampling: $0.v,
                                                   quantizationTable: $0.quantTable)
                          },
                          orientation: metadata.orientation, hasAdobeMarker: metadata.adobe != nil,
                          restartInterval: restartInterval)
    }

    /// Moves the decoded raster into an image.
    mutating func makeImage(_ samples: [UInt8]) throws(JPEGError) -> JPEGImage {
        assembleICC()
        guard let frame, let header = firstScanHeader ?? header else { throw .truncated(context: "before the first scan") }
        // `samples` holds outputWidth * outputHeight * 4 values, allocated only after
        // DecodeLimits.check passed for that size, so the package initialiser's precondition holds.
        let pixels = RGBA8Image(width: frame.outputWidth, height: frame.outputHeight, validatedSamples: samples)
        return JPEGImage(pixels: pixels, header: header, metadata: metadata, warnings: warnings)
    }
}
