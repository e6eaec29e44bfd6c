#if canImport(RasterPNG)
import Raster
import RasterPNG

/// png-decode: the file's bytes to its raster (16-bit files to the 16-bit raster);
/// png-encode: that raster back to PNG at default settings.
enum PNGOps: OpFamily {
    static let ops = ["png-decode", "png-encode"]

    static func cases(for op: String, corpus: Corpus) throws -> [BenchCase] {
        var cases: [BenchCase] = []
        for file in corpus.pngs {
            let bytes = file.bytes
            let pixels = try decodeChecked(file, op: op)
            switch op {
            case "png-decode":
                let expected = file.pixels * 4 * (file.bitDepth == 16 ? 2 : 1)
                cases.append(.make(op: op, file: file, inputBytes: bytes.count, expectedOutputCount: expected,
                                   run: { try PNGDecoder.decode(bytes).pixels },
                                   digest: digest))
            case "png-encode":
                // One round trip before timing: an encoder that loses pixels must not be measured.
                let once = try PNGEncoder.encode(pixels)
                guard (try? PNGDecoder.decode(once).pixels) == pixels else {
                    throw BenchError.checkFailed(op: op, file: file.name, reason: "the encoded PNG does not decode to the same pixels")
                }
                cases.append(.make(op: op, file: file, inputBytes: nil, expectedOutputCount: once.count,
                                   run: { try PNGEncoder.encode(pixels) },
                                   digest: { Digest(bytes: $0) }))
            default:
                throw BenchError.unknownOperation(op)
            }
        }
        return cases
    }

    static func digest(_ pixels: DecodedImage) -> Digest {
        switch pixels {
        case let .rgba8(image): return Digest(bytes: image.samples)
        case let .rgba16(image): return Digest(samples: image.samples)
        }
    }

    /// Decodes once, checking the size against the header and the pixels against the plain
    /// reference reader wherever that reader handles the file.
    static func decodeChecked(_ file: CorpusFile, op: String) throws -> DecodedImage {
        let pixels: DecodedImage
        do { pixels = try PNGDecoder.decode(file.bytes).pixels } catch {
            throw BenchError.operationFailed(op: op, file: file.name, reason: "\(error)")
        }
        guard pixels.width == file.width, pixels.height == file.height else {
            throw BenchError.checkFailed(op: op, file: file.name,
                                         reason: "decoded \(pixels.width)x\(pixels.height), header says \(file.width)x\(file.height)")
        }
        if let reference = ReferencePNG.rgba8(file), pixels.narrowed().samples != reference {
            throw BenchError.checkFailed(op: op, file: file.name, reason: "decoded pixels differ from the reference reader's")
        }
        return pixels
    }
}
#endif
