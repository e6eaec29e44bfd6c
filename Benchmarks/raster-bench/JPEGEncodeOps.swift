#if canImport(RasterJPEG)
import Raster
import RasterJPEG

/// jpeg-encode: a corpus JPEG's decoded raster (RasterJPEG's decoder) to JPEG at quality 90,
/// 4:2:0, baseline, standard tables (JPEGEncoder's defaults), as the contract defines it and
/// as the libjpeg-turbo, stb and Go peers do with their own decodes.
enum JPEGEncodeOps: OpFamily {
    static let ops = ["jpeg-encode"]

    static func cases(for op: String, corpus: Corpus) throws -> [BenchCase] {
        guard op == "jpeg-encode" else { throw BenchError.unknownOperation(op) }
        var cases: [BenchCase] = []
        for file in corpus.jpegs {
            let image: RGBA8Image
            do { image = try JPEGDecoder.decode(file.bytes).pixels } catch {
                throw BenchError.operationFailed(op: op, file: file.name, reason: "decoding the source: \(error)")
            }
            // Checked once before timing: the output decodes to an image of the same size.
            let once: [UInt8]
            do { once = try JPEGEncoder.encode(image) } catch {
                throw BenchError.operationFailed(op: op, file: file.name, reason: "\(error)")
            }
            guard let back = try? JPEGDecoder.decode(once).pixels, back.width == image.width, back.height == image.height else {
                throw BenchError.checkFailed(op: op, file: file.name, reason: "the encoded JPEG does not decode to an image of the same size")
            }
            cases.append(.make(op: op, file: file, inputBytes: nil, expectedOutputCount: once.count,
                               run: { try JPEGEncoder.encode(image) },
                               digest: { Digest(bytes: $0) }))
        }
        return cases
    }
}
#endif
