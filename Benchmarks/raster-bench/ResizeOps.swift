import Raster

/// resize: each PNG's decoded 8-bit raster to width 256 (height by the aspect rule: rounded
/// to nearest, at least 1) and to half size (each side halved, rounded to nearest), with lanczos3,
/// triangle and catmull-rom, single-threaded. `file` is `NAME@w256-lanczos3`,
/// `NAME@half-triangle` and so on; pixels are the source's.
enum ResizeOps: OpFamily {
    static let ops = ["resize"]
    static let filters: [ResampleFilter] = [.lanczos3, .triangle, .catmullRom]

    static func cases(for op: String, corpus: Corpus) throws -> [BenchCase] {
        guard op == "resize" else { throw BenchError.unknownOperation(op) }
        var cases: [BenchCase] = []
        for file in corpus.pngs {
            guard let source = SourceImages.rgba8(file) else { continue }
            let (w, h) = (source.width, source.height)
            let targets = [("w256", 256, max((2 * h * 256 + w) / (2 * w), 1)),
                           ("half", (w + 1) / 2, (h + 1) / 2)]
            for (label, tw, th) in targets {
                for filter in filters {
                    let run: @Sendable () throws -> RGBA8Image = {
                        try source.resized(width: tw, height: th, filter: filter)
                    }
                    // Checked once outside the timing: the size, a sample of pixels against the
                    // reference, and that a uniform image stays uniform (weights sum to one).
                    let once = try run()
                    guard once.width == tw, once.height == th else {
                        throw BenchError.checkFailed(op: op, file: file.name, reason: "output is \(once.width)x\(once.height), expected \(tw)x\(th)")
                    }
                    // And against a slow exact reference (ResizeReference) on a sample of
                    // pixels: every channel within 1, as the contract allows.
                    if let wrong = ResizeReference.check(source, once, filter: filter) {
                        throw BenchError.checkFailed(op: op, file: "\(file.name)@\(label)-\(filter.name)", reason: wrong)
                    }
                    let flat = try RGBA8Image(width: w, height: h, fill: RGBA8(r: 200, g: 100, b: 7, a: 255))
                    let flatOut = try flat.resized(width: tw, height: th, filter: filter)
                    guard flatOut.samples == (try RGBA8Image(width: tw, height: th, fill: RGBA8(r: 200, g: 100, b: 7, a: 255))).samples else {
                        throw BenchError.checkFailed(op: op, file: file.name, reason: "a uniform image does not stay uniform")
                    }
                    let timed = BenchCase.make(op: op, file: file, inputBytes: nil, expectedOutputCount: tw * th * 4,
                                               run: run, digest: { Digest(bytes: $0.samples) })
                    cases.append(BenchCase(op: op, file: "\(file.name)@\(label)-\(filter.name)", pixels: file.pixels,
                                           inputBytes: nil, expectedOutputCount: tw * th * 4, runOnce: timed.runOnce))
                }
            }
        }
        return cases
    }
}
