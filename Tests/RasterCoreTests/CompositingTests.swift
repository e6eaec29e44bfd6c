import Testing
import RasterCore
import RasterTestSupport

@Suite struct CompositingTests {
    /// Colour pairs that stress rounding: extremes, equal colours, near-halfway values.
    static let colourPairs: [(RGBA8, RGBA8)] = [
        (RGBA8(r: 255, g: 0, b: 128, a: 0), RGBA8(r: 0, g: 255, b: 127, a: 0)),
        (RGBA8(r: 1, g: 254, b: 77, a: 0), RGBA8(r: 200, g: 3, b: 77, a: 0)),
        (RGBA8(r: 0, g: 0, b: 0, a: 0), RGBA8(r: 255, g: 1, b: 2, a: 0)),
    ]

    /// A 256x256 image whose alpha is `alpha(x, y)` and colour `colour` everywhere.
    static func image(_ colour: RGBA8, alpha: (Int, Int) -> Int) throws -> RGBA8Image {
        var img = try RGBA8Image(width: 256, height: 256)
        for y in 0 ..< 256 {
            for x in 0 ..< 256 {
                img[x, y] = RGBA8(r: colour.r, g: colour.g, b: colour.b, a: UInt8(alpha(x, y)))
            }
        }
        return img
    }

    /// Source/destination pairs covering every alpha pair: source alpha down the rows,
    /// destination alpha across the columns; fixed colour pairs, then random colours. Built
    /// once and shared by every operator's test.
    static let alphaGrids: [(RGBA8Image, RGBA8Image)] = {
        var rng = SplitMix64(seed: 0xC0FFEE)
        var grids: [(RGBA8Image, RGBA8Image)] = []
        for k in 0 ... colourPairs.count {
            var src = [UInt8](repeating: 0, count: 256 * 256 * 4)
            var dst = src
            for y in 0 ..< 256 {
                for x in 0 ..< 256 {
                    let i = (y * 256 + x) * 4
                    let (s, d): (RGBA8, RGBA8)
                    if k < colourPairs.count {
                        (s, d) = colourPairs[k]
                    } else {
                        let a = rng.next()
                        s = RGBA8(r: UInt8(truncatingIfNeeded: a), g: UInt8(truncatingIfNeeded: a >> 8),
                                  b: UInt8(truncatingIfNeeded: a >> 16))
                        d = RGBA8(r: UInt8(truncatingIfNeeded: a >> 24), g: UInt8(truncatingIfNeeded: a >> 32),
                                  b: UInt8(truncatingIfNeeded: a >> 40))
                    }
                    src[i] = s.r; src[i + 1] = s.g; src[i + 2] = s.b; src[i + 3] = UInt8(y)
                    dst[i] = d.r; dst[i + 1] = d.g; dst[i + 2] = d.b; dst[i + 3] = UInt8(x)
                }
            }
            if let s = try? RGBA8Image(width: 256, height: 256, samples: src),
               let d = try? RGBA8Image(width: 256, height: 256, samples: dst) {
                grids.append((s, d))
            }
        }
        return grids
    }()

    /// Every operator, every (source alpha, destination alpha) pair, several colour pairs,
    /// through the image kernels (fast paths included) and the per-pixel entry point.
    @Test(arguments: CompositeOperator.allCases)
    func everyAlphaPairMatchesTheRationalReference(op: CompositeOperator) throws {
        #expect(Self.alphaGrids.count == Self.colourPairs.count + 1)
        for (index, (src, before)) in Self.alphaGrids.enumerated() {
            var dst = before
            dst.draw(src, operator: op)
            var mismatches = 0
            for y in 0 ..< 256 {
                for x in 0 ..< 256 {
                    let s = src[x, y], d = before[x, y]
                    let want = CompositingReference.blend(op, s, d)
                    if dst[x, y] != want { mismatches += 1 }
                    // The scalar entry point on a sample (it is the same arithmetic).
                    if (x &+ y &* 3 &+ index) % 29 == 0, op.blend(s, onto: d) != want { mismatches += 1 }
                }
            }
            #expect(mismatches == 0, "op \(op) grid \(index)")
        }
    }

    /// Every coverage value for a grid of alpha pairs (constant opacity through the kernels),
    /// then random per-pixel coverage over all alpha pairs (mask).
    @Test(arguments: CompositeOperator.allCases)
    func coverageMatchesTheRationalReference(op: CompositeOperator) throws {
        let alphas = [0, 1, 2, 64, 127, 128, 129, 200, 254, 255]
        var rng = SplitMix64(seed: 0xBEEF &+ UInt64(op.rawValue.utf8.count))
        var src = try RGBA8Image(width: alphas.count, height: alphas.count)
        var dst = try RGBA8Image(width: alphas.count, height: alphas.count)
        for (j, sa) in alphas.enumerated() {
            for (i, da) in alphas.enumerated() {
                let a = rng.next()
                src[i, j] = RGBA8(r: UInt8(truncatingIfNeeded: a), g: UInt8(truncatingIfNeeded: a >> 8),
                                  b: UInt8(truncatingIfNeeded: a >> 16), a: UInt8(sa))
                dst[i, j] = RGBA8(r: UInt8(truncatingIfNeeded: a >> 24), g: UInt8(truncatingIfNeeded: a >> 32),
                                  b: UInt8(truncatingIfNeeded: a >> 40), a: UInt8(da))
            }
        }
        var mismatches = 0
        for m in 0 ... 255 {
            var out = dst
            out.draw(src, operator: op, coverage: .opacity(UInt8(m)))
            for y in 0 ..< src.height {
                for x in 0 ..< src.width
                where out[x, y] != CompositingReference.blend(op, src[x, y], dst[x, y], coverage: UInt8(m)) {
                    mismatches += 1
                }
            }
        }
        #expect(mismatches == 0, "op \(op) constant coverage")

        // Mask: random coverage (with 0 and 255 well represented) over every alpha pair.
        var big = try RGBA8Image(width: 256, height: 256)
        var bigDst = try RGBA8Image(width: 256, height: 256)
        var values = [UInt8](repeating: 0, count: 256 * 256)
        for y in 0 ..< 256 {
            for x in 0 ..< 256 {
                let a = rng.next()
                big[x, y] = RGBA8(r: UInt8(truncatingIfNeeded: a), g: UInt8(truncatingIfNeeded: a >> 8),
                                  b: UInt8(truncatingIfNeeded: a >> 16), a: UInt8(y))
                bigDst[x, y] = RGBA8(r: UInt8(truncatingIfNeeded: a >> 24), g: UInt8(truncatingIfNeeded: a >> 32),
                                     b: UInt8(truncatingIfNeeded: a >> 40), a: UInt8(x))
                let pick = a >> 48
                values[y * 256 + x] = pick % 5 == 0 ? 0 : (pick % 5 == 1 ? 255 : UInt8(truncatingIfNeeded: pick >> 8))
            }
        }
        let mask = try CoverageMask(width: 256, height: 256, values: values)
        var out = bigDst
        out.draw(big, operator: op, coverage: .mask(mask))
        mismatches = 0
        for y in 0 ..< 256 {
            for x in 0 ..< 256
            where out[x, y] != CompositingReference.blend(op, big[x, y], bigDst[x, y], coverage: mask[x, y]) {
                mismatches += 1
            }
        }
        #expect(mismatches == 0, "op \(op) mask coverage")
    }

    /// Every coverage value for every alpha pair, on the scalar entry point, for src-over
    /// (the operator with the most special cases).
    @Test func srcOverEveryCoverageOnSampledColours() {
        var rng = SplitMix64(seed: 99)
        var mismatches = 0
        for sa in stride(from: 0, through: 255, by: 15) {
            for da in [0, 1, 100, 254, 255] {
                for m in 0 ... 255 {
                    let a = rng.next()
                    let s = RGBA8(r: UInt8(truncatingIfNeeded: a), g: UInt8(truncatingIfNeeded: a >> 8),
                                  b: UInt8(truncatingIfNeeded: a >> 16), a: UInt8(sa))
                    let d = RGBA8(r: UInt8(truncatingIfNeeded: a >> 24), g: UInt8(truncatingIfNeeded: a >> 32),
                                  b: UInt8(truncatingIfNeeded: a >> 40), a: UInt8(da))
                    if CompositeOperator.srcOver.blend(s, onto: d, coverage: UInt8(m))
                        != CompositingReference.blend(.srcOver, s, d, coverage: UInt8(m)) {
                        mismatches += 1
                    }
                }
            }
        }
        #expect(mismatches == 0)
    }

    /// Random sizes, offsets (often partly outside), source rectangles, operators and
    /// coverage, against the reference applied pixel by pixel.
    @Test func randomDrawsMatchThePixelReference() throws {
        var rng = SplitMix64(seed: 2024)
        func random(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        func randomImage(_ w: Int, _ h: Int, opaqueBias: Bool) throws -> RGBA8Image {
            var img = try RGBA8Image(width: w, height: h)
            img.withUnsafeMutableSamples { buf in
                for i in 0 ..< buf.count { buf[i] = UInt8(truncatingIfNeeded: rng.next()) }
                if opaqueBias {
                    var i = 3
                    while i < buf.count {
                        let r = rng.next() % 4
                        buf[i] = r == 0 ? 255 : (r == 1 ? 0 : buf[i])
                        i += 4
                    }
                }
            }
            return img
        }
        for trial in 0 ..< 300 {
            let dst = try randomImage(1 + random(24), 1 + random(20), opaqueBias: trial % 2 == 0)
            let src = try randomImage(1 + random(20), 1 + random(16), opaqueBias: trial % 3 == 0)
            let op = CompositeOperator.allCases[random(CompositeOperator.allCases.count)]
            let point = Point(x: random(50) - 25, y: random(40) - 20)
            let sourceRect: Rect? = trial % 4 == 0
                ? Rect(x: random(30) - 10, y: random(30) - 10, width: random(30) - 3, height: random(30) - 3) : nil
            var coverage: Coverage
            switch trial % 3 {
            case 1: coverage = .opacity(UInt8(truncatingIfNeeded: rng.next()))
            case 2:
                let mw = random(src.width + 4), mh = random(src.height + 4)
                let vals = (0 ..< mw * mh).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                coverage = .mask(try CoverageMask(width: mw, height: mh, values: vals))
            default: coverage = .full
            }
            var out = dst
            out.draw(src, at: point, operator: op, sourceRect: sourceRect, coverage: coverage)
            let want = CompositingReference.draw(dst, src, at: point, op: op, sourceRect: sourceRect, coverage: coverage)
            #expect(out == want, "trial \(trial) op \(op) at \(point) rect \(String(describing: sourceRect))")
        }
    }

    @Test func fillMatchesDrawingASolidImage() throws {
        var rng = SplitMix64(seed: 7)
        for trial in 0 ..< 120 {
            var dst = try RGBA8Image(width: 19, height: 13)
            dst.withUnsafeMutableSamples { buf in
                for i in 0 ..< buf.count { buf[i] = UInt8(truncatingIfNeeded: rng.next()) }
            }
            let op = CompositeOperator.allCases[trial % CompositeOperator.allCases.count]
            let a = rng.next()
            let colour = RGBA8(r: UInt8(truncatingIfNeeded: a), g: UInt8(truncatingIfNeeded: a >> 8),
                               b: UInt8(truncatingIfNeeded: a >> 16),
                               a: [0, 255, UInt8(truncatingIfNeeded: a >> 24)][trial % 3])
            let rect = Rect(x: Int(rng.next() % 30) - 8, y: Int(rng.next() % 20) - 5,
                            width: Int(rng.next() % 25), height: Int(rng.next() % 18))
            let coverage: Coverage = trial % 2 == 0 ? .full : .opacity(UInt8(truncatingIfNeeded: a >> 32))
            var filled = dst
            filled.fill(rect, with: colour, operator: op, coverage: coverage)
            let solid = try RGBA8Image(width: max(rect.width, 0), height: max(rect.height, 0), fill: colour)
            let want = CompositingReference.draw(dst, solid, at: rect.origin, op: op, coverage: coverage)
            #expect(filled == want, "trial \(trial)")
        }
    }

    @Test func fillWithMaskPositionsTheMaskAtTheRect() throws {
        var dst = try RGBA8Image(width: 6, height: 6, fill: RGBA8(r: 10, g: 20, b: 30))
        let mask = try CoverageMask(width: 2, height: 2, values: [255, 0, 128, 255])
        dst.fill(Rect(x: 3, y: 3, width: 10, height: 10), with: .white, coverage: .mask(mask))
        #expect(dst[3, 3] == .white)
        #expect(dst[4, 3] == RGBA8(r: 10, g: 20, b: 30))
        #expect(dst[3, 4] == CompositingReference.blend(.srcOver, .white, RGBA8(r: 10, g: 20, b: 30), coverage: 128))
        #expect(dst[4, 4] == .white)
        // Outside the 2x2 mask nothing is drawn.
        #expect(dst[5, 5] == RGBA8(r: 10, g: 20, b: 30))
        #expect(dst[5, 3] == RGBA8(r: 10, g: 20, b: 30))
    }

    @Test func drawingAnImageOntoItselfReadsTheOriginal() throws {
        var rng = SplitMix64(seed: 5)
        var img = try RGBA8Image(width: 9, height: 7)
        img.withUnsafeMutableSamples { buf in
            for i in 0 ..< buf.count { buf[i] = UInt8(truncatingIfNeeded: rng.next()) }
        }
        let original = img
        img.draw(img, at: Point(x: 2, y: 1), operator: .srcOver)
        #expect(img == CompositingReference.draw(original, original, at: Point(x: 2, y: 1), op: .srcOver))
        #expect(original != img)
    }

    @Test func operatorNamesMatchTheContract() {
        let names = CompositeOperator.allCases.map(\.rawValue)
        #expect(names == ["clear", "src", "dst", "src-over", "dst-over", "src-in", "dst-in", "src-out",
                          "dst-out", "src-atop", "dst-atop", "xor", "plus"])
        #expect(CompositeOperator(name: "src-atop") == .srcAtop)
        #expect(CompositeOperator(name: "over") == nil)
    }

    @Test func watermarkAtHalfOpacity() throws {
        var dst = try RGBA8Image(width: 4, height: 1, fill: RGBA8(r: 0, g: 0, b: 0))
        let src = try RGBA8Image(width: 4, height: 1, fill: .white)
        dst.draw(src, coverage: .opacity(128))
        // 255 * 128 / 255 = 128 exactly.
        #expect(dst[0, 0] == RGBA8(r: 128, g: 128, b: 128))
    }
}
