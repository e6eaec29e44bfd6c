#if canImport(RasterJPEG)
import Raster
import RasterJPEG

/// jpeg-decode: the JPEG file's bytes to the 8-bit raster; jpeg-decode-scaled: the same at
/// DCT scale 1/2, 1/4 and 1/8 (`file` gets `@1/2` and so on; pixels are the source's).
enum JPEGDecodeOps: OpFamily {
    static let ops = ["jpeg-decode", "jpeg-decode-scaled"]

    static func cases(for op: String, corpus: Corpus) throws -> [BenchCase] {
        var cases: [BenchCase] = []
        for file in corpus.jpegs {
            let bytes = file.bytes
            let scales: [JPEGScale]
            switch op {
            case "jpeg-decode": scales = [.full]
            case "jpeg-decode-scaled": scales = [.half, .quarter, .eighth]
            default: throw BenchError.unknownOperation(op)
            }
            for scale in scales {
                let options = JPEGDecodeOptions(scale: scale)
                // Checked once before timing: the size must be the header's, scaled as djpeg does.
                let image: JPEGImage
                do { image = try JPEGDecoder.decode(bytes, options: options) } catch {
                    throw BenchError.operationFailed(op: op, file: file.name, reason: "\(error)")
                }
                let w = scale.scaled(file.width), h = scale.scaled(file.height)
                guard image.pixels.width == w, image.pixels.height == h else {
                    throw BenchError.checkFailed(op: op, file: file.name,
                                                 reason: "decoded \(image.pixels.width)x\(image.pixels.height), expected \(w)x\(h)")
                }
                let timed = BenchCase.make(op: op, file: file, inputBytes: bytes.count, expectedOutputCount: w * h * 4,
                                           run: { try JPEGDecoder.decode(bytes, options: options).pixels },
                                           digest: { Digest(bytes: $0.samples) })
                let name = scale == .full ? file.name : file.name + "@1/\(scale.denominator)"
                cases.append(BenchCase(op: op, file: name, pixels: file.pixels, inputBytes: bytes.count,
                                       expectedOutputCount: w * h * 4, runOnce: timed.runOnce))
            }
        }
        return cases
    }
}
#endif
