import Raster

/// composite: for each PNG with alpha, src-over of the image onto an opaque destination of
/// the same size whose pixel (x, y) is (x, y, x + y, 255) mod 256 (the peers use the same).
/// composite-watermark: the same at a constant 50% coverage (`.opacity(128)`), as a
/// watermark is drawn. Each run starts from the shared destination value, so the
/// copy-on-write copy is timed, as the peers time their copy of the destination.
enum CompositeOps: OpFamily {
    static let ops = ["composite", "composite-watermark"]

    static func cases(for op: String, corpus: Corpus) throws -> [BenchCase] {
        let coverage: UInt8
        switch op {
        case "composite": coverage = 255
        case "composite-watermark": coverage = 128
        default: throw BenchError.unknownOperation(op)
        }
        var cases: [BenchCase] = []
        for file in corpus.pngs {
            guard let source = SourceImages.rgba8(file), hasAlpha(source) else { continue }
            let destination = try makeDestination(width: file.width, height: file.height)
            let run: @Sendable () -> RGBA8Image = {
                var out = destination
                out.draw(source, at: Point(x: 0, y: 0), operator: .srcOver,
                         coverage: .opacity(coverage))
                return out
            }
            let worst = maxError(source: source, destination: destination, result: run(), coverage: coverage)
            guard worst == 0 else {
                throw BenchError.checkFailed(op: op, file: file.name, reason: "a channel is off by \(worst) from the exact src-over result")
            }
            cases.append(.make(op: op, file: file, inputBytes: file.pixels * 4, expectedOutputCount: file.pixels * 4,
                               run: run, digest: { Digest(bytes: $0.samples) }))
        }
        return cases
    }

    static func hasAlpha(_ image: RGBA8Image) -> Bool {
        image.withUnsafeSamples { p in stride(from: 3, to: p.count, by: 4).contains { p[$0] != 255 } }
    }

    static func makeDestination(width: Int, height: Int) throws -> RGBA8Image {
        do {
            return try RGBA8Image(width: width, height: height) { p in
                for y in 0 ..< height {
                    for x in 0 ..< width {
                        let i = (y * width + x) * 4
                        p[i] = UInt8(truncatingIfNeeded: x)
                        p[i + 1] = UInt8(truncatingIfNeeded: y)
                        p[i + 2] = UInt8(truncatingIfNeeded: x + y)
                        p[i + 3] = 255
                    }
                }
            }
        } catch {
            throw BenchError.corpus("cannot make a \(width)x\(height) destination: \(error)")
        }
    }

    /// The largest channel difference from the contract's exact src-over onto an opaque
    /// destination at coverage m: with w = m*a, (w*s + (65025-w)*d) / 65025 rounded to
    /// nearest (65025 is odd, so there are no ties); the result alpha is 255.
    static func maxError(source: RGBA8Image, destination: RGBA8Image, result: RGBA8Image, coverage m: UInt8) -> Int {
        let s = source.samples, d = destination.samples, r = result.samples
        var worst = 0
        for i in 0 ..< s.count {
            let w = Int(m) * Int(s[i | 3])
            let exact = i & 3 == 3 ? 255 : (w * Int(s[i]) + (65025 - w) * Int(d[i]) + 32512) / 65025
            worst = max(worst, abs(exact - Int(r[i])))
        }
        return worst
    }
}
