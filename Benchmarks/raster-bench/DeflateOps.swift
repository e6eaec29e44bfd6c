#if canImport(RasterDeflate)
import Raster
import RasterDeflate

/// inflate: a PNG's IDAT stream back to its filtered scanlines; deflate: an image's raw
/// RGBA bytes to a zlib stream at level 6 (the contract's op); deflate-1 and deflate-9 the
/// same at levels 1 and 9, for comparison with the peers at those levels; png-encode-fast:
/// png-encode with the `.fast` preset (level 1), to set beside png-encode at the defaults.
enum DeflateOps: OpFamily {
    static let ops = ["inflate", "deflate", "deflate-1", "deflate-9", "png-encode-fast"]

    static func cases(for op: String, corpus: Corpus) throws -> [BenchCase] {
        var cases: [BenchCase] = []
        for file in corpus.pngs {
            switch op {
            case "inflate":
                let idat = file.idat
                let limit = file.filteredSize
                // Into a buffer of the known size, allocated per call, as the C peers do with
                // malloc; the growable `decompress(_:outputLimit:)` is checked to agree once.
                let run: @Sendable () throws -> [UInt8] = {
                    try [UInt8](unsafeUninitializedCapacity: limit) { buffer, count in
                        count = try idat.withUnsafeBytes { src in
                            try Zlib.decompress(src, into: UnsafeMutableRawBufferPointer(buffer))
                        }
                    }
                }
                guard let viaArray = try? Zlib.decompress(idat, outputLimit: limit), (try? run()) == viaArray else {
                    throw BenchError.checkFailed(op: op, file: file.name, reason: "the two inflate entry points disagree or fail")
                }
                cases.append(.make(op: op, file: file, inputBytes: idat.count, expectedOutputCount: limit,
                                   run: run, digest: { Digest(bytes: $0) }))
            case "deflate", "deflate-1", "deflate-9":
                guard let image = SourceImages.rgba8(file) else { continue }
                let raw = image.samples
                let level = op == "deflate-1" ? 1 : (op == "deflate-9" ? 9 : 6)
                // One round trip before timing: a compressor that loses data must not be measured.
                let once = try Zlib.compress(raw, level: level)
                guard (try? Zlib.decompress(once, outputLimit: raw.count)) == raw else {
                    throw BenchError.checkFailed(op: op, file: file.name, reason: "level-\(level) output does not inflate back to the input")
                }
                cases.append(.make(op: op, file: file, inputBytes: nil, expectedOutputCount: once.count,
                                   run: { try Zlib.compress(raw, level: level) },
                                   digest: { Digest(bytes: $0) }))
            case "png-encode-fast":
                // As png-encode (the decoded pixels at their own precision), with `.fast`.
                let pixels = try PNGDecoder.decode(file.bytes).pixels
                let once = try PNGEncoder.encode(pixels, options: .fast)
                guard (try? PNGDecoder.decode(once).pixels) == pixels else {
                    throw BenchError.checkFailed(op: op, file: file.name, reason: ".fast output does not decode back to the image")
                }
                cases.append(.make(op: op, file: file, inputBytes: nil, expectedOutputCount: once.count,
                                   run: { try PNGEncoder.encode(pixels, options: .fast) },
                                   digest: { Digest(bytes: $0) }))
            default:
                throw BenchError.unknownOperation(op)
            }
        }
        return cases
    }
}
#endif
