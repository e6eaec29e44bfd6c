import Testing
import RasterCore
import RasterTestSupport

@Suite struct ClippingTests {
    static let background = RGBA8(r: 9, g: 8, b: 7, a: 200)

    static func destination() throws -> RGBA8Image {
        try RGBA8Image(width: 8, height: 6, fill: background)
    }

    static func source() throws -> RGBA8Image {
        try RGBA8Image(width: 4, height: 3, fill: RGBA8(r: 250, g: 10, b: 100, a: 255))
    }

    /// The set of destination pixels that differ from the background.
    static func changed(_ img: RGBA8Image) -> Set<Point> {
        var out = Set<Point>()
        for y in 0 ..< img.height {
            for x in 0 ..< img.width where img[x, y] != background { out.insert(Point(x: x, y: y)) }
        }
        return out
    }

    static func block(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) -> Set<Point> {
        var out = Set<Point>()
        for y in y0 ..< y1 { for x in x0 ..< x1 { out.insert(Point(x: x, y: y)) } }
        return out
    }

    @Test func whollyOutsideEachEdgeChangesNothing() throws {
        let src = try Self.source()
        for p in [Point(x: -4, y: 0), Point(x: 8, y: 0), Point(x: 0, y: -3), Point(x: 0, y: 6),
                  Point(x: -100, y: -100), Point(x: 100, y: 100), Point(x: -4, y: -3), Point(x: 8, y: 6)] {
            for op in CompositeOperator.allCases {
                var dst = try Self.destination()
                dst.draw(src, at: p, operator: op)
                #expect(dst == (try Self.destination()), "\(op) at \(p)")
            }
        }
    }

    @Test func partlyOutsideChangesOnlyTheOverlap() throws {
        let src = try Self.source()
        let cases: [(Point, Set<Point>)] = [
            (Point(x: -2, y: -1), Self.block(0, 0, 2, 2)),
            (Point(x: 6, y: 4), Self.block(6, 4, 8, 6)),
            (Point(x: -3, y: 5), Self.block(0, 5, 1, 6)),
            (Point(x: 7, y: -2), Self.block(7, 0, 8, 1)),
        ]
        for (p, want) in cases {
            var dst = try Self.destination()
            dst.draw(src, at: p, operator: .src)
            #expect(Self.changed(dst) == want, "at \(p)")
        }
    }

    /// Points, sizes and source rectangles at and near the Int limits: no trap, and the
    /// result equals the overflow-checked reference (so exactly the right pixels change).
    @Test func hugePointsAndSizesClipExactly() throws {
        let extremes = [Int.min, Int.min + 1, Int.min / 2, -5, -1, 0, 1, 3, Int.max / 2, Int.max - 1, Int.max]
        var src = try RGBA8Image(width: 4, height: 3)
        for y in 0 ..< 3 { for x in 0 ..< 4 { src[x, y] = RGBA8(r: UInt8(x * 60), g: UInt8(y * 80), b: 1, a: UInt8(100 + x + y)) } }
        let mask = try CoverageMask(width: 3, height: 2, values: [200, 255, 0, 9, 128, 255])
        var mismatches = 0
        var drawsThatChangedSomething = 0
        for x in extremes {
            for y in [Int.min, -1, 0, 2, Int.max] {
                for w in [Int.min, -1, 0, 2, 5, Int.max] {
                    let cases: [(Point, Rect?, Coverage)] = [
                        (Point(x: x, y: y), nil, .full),
                        (Point(x: y, y: x), Rect(x: x, y: y, width: w, height: w), .full),
                        (Point(x: 1, y: 1), Rect(x: x, y: 0, width: w, height: 3), .opacity(77)),
                        (Point(x: x, y: 1), Rect(x: x, y: 0, width: w, height: 3), .mask(mask)),
                        (Point(x: 2, y: 2), Rect(x: -1, y: -1, width: w, height: w), .mask(mask)),
                    ]
                    for (p, r, c) in cases {
                        var dst = try Self.destination()
                        dst.draw(src, at: p, operator: .srcOver, sourceRect: r, coverage: c)
                        if !Self.changed(dst).isEmpty { drawsThatChangedSomething += 1 }
                        if dst != CompositingReference.draw(try Self.destination(), src, at: p, op: .srcOver,
                                                            sourceRect: r, coverage: c) {
                            mismatches += 1
                        }
                    }
                    let rect = Rect(x: x, y: y, width: w, height: w)
                    var filled = try Self.destination()
                    filled.fill(rect, with: .white, operator: .xor, coverage: .opacity(9))
                    let inside = CompositingReference.blend(.xor, .white, Self.background, coverage: 9)
                    for py in 0 ..< 6 {
                        for px in 0 ..< 8
                        where filled[px, py] != (rect.contains(Point(x: px, y: py)) ? inside : Self.background) {
                            mismatches += 1
                        }
                    }
                }
            }
        }
        #expect(mismatches == 0)
        // Not vacuous: plenty of these placements do reach the destination.
        #expect(drawsThatChangedSomething > 100, "\(drawsThatChangedSomething)")
    }

    @Test func hugeSourceRectMapsExactly() throws {
        let src = try Self.source()
        // A source rectangle starting at Int.min and spanning past 0: source pixel (0, 0) sits at
        // offset -Int.min from the rectangle's corner, so with the point at Int.min it lands on
        // destination (0, 0).
        var dst = try Self.destination()
        dst.draw(src, at: Point(x: Int.min, y: Int.min), operator: .src,
                 sourceRect: Rect(x: Int.min, y: Int.min, width: Int.max, height: Int.max))
        // The rectangle ends at Int.min + Int.max = -1, before the source begins.
        #expect(Self.changed(dst).isEmpty)

        // Placed at the far end: the destination is before the rectangle's start.
        dst = try Self.destination()
        dst.fill(Rect(x: Int.max - 1, y: 0, width: Int.max, height: 6), with: .white)
        #expect(Self.changed(dst).isEmpty)

        // A fill covering everything.
        dst = try Self.destination()
        dst.fill(Rect(x: Int.min, y: Int.min, width: Int.max, height: Int.max), with: .white)
        #expect(Self.changed(dst).isEmpty) // ends at -1
        dst.fill(Rect(x: -5, y: -5, width: Int.max, height: Int.max), with: .white)
        #expect(Self.changed(dst) == Self.block(0, 0, 8, 6))
    }

    @Test func emptyRectsDrawNothing() throws {
        let src = try Self.source()
        for r in [Rect.empty, Rect(x: 0, y: 0, width: 0, height: 3), Rect(x: 0, y: 0, width: 3, height: -1),
                  Rect(x: 1, y: 1, width: Int.min, height: Int.min)] {
            var dst = try Self.destination()
            dst.draw(src, at: .zero, operator: .clear, sourceRect: r)
            dst.fill(r, with: .white, operator: .src)
            #expect(Self.changed(dst).isEmpty, "\(r)")
        }
        var dst = try Self.destination()
        dst.draw(try RGBA8Image(width: 0, height: 0), operator: .clear)
        dst.draw(src, operator: .clear, coverage: .mask(try CoverageMask(width: 0, height: 0)))
        #expect(Self.changed(dst).isEmpty)
        var empty = try RGBA8Image(width: 0, height: 5)
        empty.draw(src, operator: .src)
        empty.fill(Rect(x: 0, y: 0, width: 9, height: 9), with: .white)
        #expect(empty.samples.isEmpty)
    }

    @Test func sourceRectPartlyOutsideTheSourceKeepsItsPlacement() throws {
        var src = try RGBA8Image(width: 4, height: 3)
        for y in 0 ..< 3 { for x in 0 ..< 4 { src[x, y] = RGBA8(r: UInt8(x), g: UInt8(y), b: 50) } }
        var dst = try Self.destination()
        // The rectangle starts one pixel left of and above the source: source (0, 0) lands at
        // point + (1, 1), and only the part of the rectangle inside the source draws.
        dst.draw(src, at: Point(x: 2, y: 2), operator: .src, sourceRect: Rect(x: -1, y: -1, width: 3, height: 10))
        #expect(Self.changed(dst) == Self.block(3, 3, 5, 6))
        #expect(dst[3, 3] == RGBA8(r: 0, g: 0, b: 50))
        #expect(dst[4, 5] == RGBA8(r: 1, g: 2, b: 50))
    }

    @Test func maskSmallerThanTheSourceClipsToTheMask() throws {
        let src = try Self.source()
        let mask = try CoverageMask(width: 2, height: 1, values: [255, 255])
        for op in CompositeOperator.allCases {
            var dst = try Self.destination()
            dst.draw(src, at: Point(x: 3, y: 2), operator: op, coverage: .mask(mask))
            let want = CompositingReference.blend(op, src[0, 0], Self.background)
            let changed = want == Self.background ? Set<Point>() : Self.block(3, 2, 5, 3)
            #expect(Self.changed(dst) == changed, "\(op)")
            #expect(dst[3, 2] == want)
        }
    }
}
