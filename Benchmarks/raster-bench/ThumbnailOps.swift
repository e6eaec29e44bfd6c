import Raster

/// thumbnail: each file's bytes (JPEG or PNG) to the `raster-tool thumbnail` bytes at size 256,
/// quality 85, as JPEG: probe, shrink-on-load decode, orientation, lanczos3, encode, the whole
/// request timed. Pixels are the source's.
enum ThumbnailOps: OpFamily {
    static let ops = ["thumbnail"]

    static func cases(for op: String, corpus: Corpus) throws -> [BenchCase] {
        guard op == "thumbnail" else { throw BenchError.unknownOperation(op) }
        var cases: [BenchCase] = []
        for file in corpus.files {
            let bytes = file.bytes
            let run: @Sendable () throws -> [UInt8] = {
                try Thumbnail.make(bytes, size: 256, format: .jpeg, quality: 85)
            }
            // Checked once outside the timing: the result decodes, fits 256x256 with one side
            // at 256 (or the source's own size when smaller).
            let once: [UInt8]
            do { once = try run() } catch {
                throw BenchError.operationFailed(op: op, file: file.name, reason: "\(error)")
            }
            guard let back = try? Codecs.decode(once).image, back.width <= 256, back.height <= 256,
                  max(back.width, back.height) == min(256, max(file.width, file.height)) else {
                throw BenchError.checkFailed(op: op, file: file.name, reason: "the thumbnail does not fit 256x256 as expected")
            }
            cases.append(.make(op: op, file: file, inputBytes: nil, expectedOutputCount: nil,
                               run: run, digest: { Digest(bytes: $0) }))
        }
        return cases
    }
}
