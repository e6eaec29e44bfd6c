import Testing
import RasterCore
import RasterTestSupport

/// Flips, rotations, transpose and the eight EXIF orientations against a per-pixel reference
/// written from the definitions (where each source pixel lands), not from the index maps.
@Suite struct TransformTests {
    /// Where source pixel (x, y) of a `w x h` image lands when shown upright for `o`, and the
    /// shown size. Written as the TIFF/EXIF 0x0112 table describes row 0 and column 0.
    static func destination(of x: Int, _ y: Int, w: Int, h: Int, _ o: Orientation) -> (x: Int, y: Int) {
        switch o {
        case .up: return (x, y)
        case .upMirrored: return (w - 1 - x, y)
        case .down: return (w - 1 - x, h - 1 - y)
        case .downMirrored: return (x, h - 1 - y)
        case .leftMirrored: return (y, x)
        case .right: return (h - 1 - y, x)         // a clockwise quarter turn
        case .rightMirrored: return (h - 1 - y, w - 1 - x)
        case .left: return (y, w - 1 - x)          // a counter-clockwise quarter turn
        }
    }

    static func randomImage(width: Int, height: Int, seed: UInt64) throws -> RGBA8Image {
        var rng = SplitMix64(seed: seed)
        return try RGBA8Image(width: width, height: height) { p in
            for i in 0 ..< p.count { p[i] = UInt8.random(in: 0 ... 255, using: &rng) }
        }
    }

    @Test(arguments: Orientation.allCases)
    func orientationMovesEveryPixelToItsPlace8(_ o: Orientation) throws {
        for (w, h) in [(1, 1), (1, 7), (7, 1), (5, 3), (3, 5), (16, 9)] {
            let image = try Self.randomImage(width: w, height: h, seed: UInt64(w * 100 + h))
            let out = image.oriented(o)
            #expect(out.width == (o.swapsDimensions ? h : w))
            #expect(out.height == (o.swapsDimensions ? w : h))
            for y in 0 ..< h {
                for x in 0 ..< w {
                    let d = Self.destination(of: x, y, w: w, h: h, o)
                    #expect(out[d.x, d.y] == image[x, y], "\(o) \(w)x\(h) pixel (\(x),\(y))")
                }
            }
        }
    }

    @Test(arguments: Orientation.allCases)
    func orientationMovesEveryPixelToItsPlace16(_ o: Orientation) throws {
        var rng = SplitMix64(seed: 77)
        let (w, h) = (6, 4)
        let samples = (0 ..< w * h * 4).map { _ in UInt16.random(in: 0 ... 65535, using: &rng) }
        let image = try RGBA16Image(width: w, height: h, samples: samples)
        let out = image.oriented(o)
        #expect(out.width == (o.swapsDimensions ? h : w))
        for y in 0 ..< h {
            for x in 0 ..< w {
                let d = Self.destination(of: x, y, w: w, h: h, o)
                #expect(out[d.x, d.y] == image[x, y])
            }
        }
    }

    @Test func namedTransformsAreTheirOrientations() throws {
        let image = try Self.randomImage(width: 5, height: 3, seed: 9)
        #expect(image.flippedHorizontally() == image.oriented(.upMirrored))
        #expect(image.flippedVertically() == image.oriented(.downMirrored))
        #expect(image.rotated(by: .clockwise90) == image.oriented(.right))
        #expect(image.rotated(by: .clockwise180) == image.oriented(.down))
        #expect(image.rotated(by: .clockwise270) == image.oriented(.left))
        #expect(image.transposed() == image.oriented(.leftMirrored))
        #expect(image.transversed() == image.oriented(.rightMirrored))
        // Group identities: four quarter turns, two flips, and a transpose twice are the identity.
        var turned = image
        for _ in 0 ..< 4 { turned = turned.rotated(by: .clockwise90) }
        #expect(turned == image)
        #expect(image.flippedHorizontally().flippedHorizontally() == image)
        #expect(image.transposed().transposed() == image)
        #expect(image.rotated(by: .clockwise90).rotated(by: .clockwise270) == image)
        #expect(image.flippedHorizontally().flippedVertically() == image.rotated(by: .clockwise180))
        #expect(image.transposed().flippedHorizontally() == image.rotated(by: .clockwise90))
        #expect(image.oriented(.up) == image)
    }

    @Test func emptyImagesStayEmptyWithSwappedSides() throws {
        let image = try RGBA8Image(width: 0, height: 4)
        let t = image.transposed()
        #expect(t.width == 4 && t.height == 0 && t.samples.isEmpty)
        let wide = try RGBA16Image(width: 3, height: 0)
        #expect(wide.rotated(by: .clockwise90).width == 0)
        #expect(wide.rotated(by: .clockwise90).height == 3)
    }
}
