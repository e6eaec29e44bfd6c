#if canImport(RasterJPEG)
import Raster
import RasterJPEG
import Foundation

/// jpeg-encode: a corpus JPEG's raster to JPEG at quality 90, 4:2:0, baseline, standard
/// tables (JPEGEncoder's defaults). Until the JPEG decoder is in the package, the raster
/// is the PNG of the same stem (photo.jpg <- photo.png): the corpus scripts make both from
/// the same pixels, so it is the JPEG's content before its lossy coding. A PNG with alpha
/// is flattened onto white first, as its JPEG was. JPEGs without such a PNG are skipped
/// (reported on stderr).
enum JPEGEncodeOps: OpFamily {
    static let ops = ["jpeg-encode"]

    static func cases(for op: String, corpus: Corpus) throws -> [BenchCase] {
        guard op == "jpeg-encode" else { throw BenchError.unknownOperation(op) }
        var cases: [BenchCase] = []
        for file in corpus.jpegs {
            let stem = file.name.split(separator: ".").dropLast().joined(separator: ".")
            guard let png = corpus.pngs.first(where: { $0.name.split(separator: ".").dropLast().joined(separator: ".") == stem }),
                  png.width == file.width, png.height == file.height,
                  let source = SourceImages.rgba8(png) else {
                FileHandle.standardError.write("raster-bench: jpeg-encode skips \(file.name): no PNG of the same stem and size to take its pixels from\n".data(using: .utf8)!)
                continue
            }
            let image = try flattenedOntoWhite(source)
            // Checked once before timing: the header says what was asked for.
            let once = try JPEGEncoder.encode(image)
            guard once.count > 600, once[0] == 0xFF, once[1] == 0xD8, once.suffix(2) == [0xFF, 0xD9] else {
                throw BenchError.checkFailed(op: op, file: file.name, reason: "the encoder's output is not a complete JPEG")
            }
            cases.append(.make(op: op, file: file, inputBytes: nil, expectedOutputCount: once.count,
                               run: { try JPEGEncoder.encode(image) },
                               digest: { Digest(bytes: $0) }))
        }
        return cases
    }

    /// Opaque pixels: `round((c * a + 255 * (255 - a)) / 255)`, as the corpus JPEGs were
    /// made (and as the encoder would do itself; done here so every implementation gets
    /// the same opaque raster).
    static func flattenedOntoWhite(_ image: RGBA8Image) throws -> RGBA8Image {
        var bytes = image.samples
        var i = 0
        while i < bytes.count {
            let a = Int(bytes[i + 3])
            if a != 255 {
                for c in 0 ..< 3 { bytes[i + c] = UInt8((Int(bytes[i + c]) * a + 255 * (255 - a) + 127) / 255) }
                bytes[i + 3] = 255
            }
            i += 4
        }
        return try RGBA8Image(width: image.width, height: image.height, samples: bytes)
    }
}
#endif
