import Testing
import Raster

/// `Thumbnail`: shrink-on-load scale choice, orientation, fit and never enlarging.
@Suite struct ThumbnailTests {
    static func pattern(width: Int, height: Int, alpha: Bool) throws -> RGBA8Image {
        try RGBA8Image(width: width, height: height) { p in
            for y in 0 ..< height {
                for x in 0 ..< width {
                    let i = (y * width + x) * 4
                    p[i] = UInt8(x * 255 / max(width - 1, 1)); p[i + 1] = UInt8(y * 255 / max(height - 1, 1))
                    p[i + 2] = UInt8((x / 8 + y / 8) % 2 * 200); p[i + 3] = alpha ? UInt8(255 - x % 256) : 255
                }
            }
        }
    }

    /// A minimal big-endian TIFF block holding only the orientation tag.
    static func exif(orientation: UInt8) -> [UInt8] {
        [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]
    }

    @Test func shrinkOnLoadPicksTheSmallestCoveringScale() {
        let stored = PixelSize(width: 4000, height: 3000)
        #expect(Thumbnail.shrinkOnLoad(stored: stored, target: PixelSize(width: 256, height: 192)) == .eighth)  // 500x375
        #expect(Thumbnail.shrinkOnLoad(stored: stored, target: PixelSize(width: 600, height: 450)) == .quarter) // 1000x750
        #expect(Thumbnail.shrinkOnLoad(stored: stored, target: PixelSize(width: 1001, height: 10)) == .half)
        #expect(Thumbnail.shrinkOnLoad(stored: stored, target: PixelSize(width: 2001, height: 10)) == .full)
        // Partial blocks round up: 4001 / 8 -> 501 still covers 501.
        #expect(Thumbnail.shrinkOnLoad(stored: PixelSize(width: 4001, height: 8), target: PixelSize(width: 501, height: 1)) == .eighth)
    }

    @Test func pngIsFittedWithLanczosAndNeverEnlarged() throws {
        let image = try Self.pattern(width: 150, height: 100, alpha: true)
        let png = try Codecs.encode(image, as: .png)
        let thumb = try Thumbnail.image(png, size: 60)
        #expect(thumb == .rgba8(try image.resized(width: 60, height: 40, filter: .lanczos3)))
        // Smaller than the box: unchanged.
        #expect(try Thumbnail.image(png, size: 500) == .rgba8(image))
        let bytes = try Thumbnail.make(png, size: 60, format: .png)
        #expect(try Codecs.decode(bytes).image == thumb)
    }

    @Test func jpegIsDecodedScaledThenTurnedUprightThenFitted() throws {
        let image = try Self.pattern(width: 90, height: 60, alpha: false)
        var options = EncodeOptions()
        options.jpeg.quality = 95
        options.jpeg.exif = Self.exif(orientation: 6)
        let jpeg = try Codecs.encode(image, as: .jpeg, options: options)
        #expect(try Codecs.probe(jpeg).orientation == .right)
        // Upright 60x90 fitted in 30x30 is 20x30; as stored that is 30x20, which the half
        // scale (45x30) covers and the quarter (23x15) does not.
        let thumb = try Thumbnail.image(jpeg, size: 30)
        var decodeOptions = DecodeOptions()
        decodeOptions.jpegScale = .half
        let half = try Codecs.decode(jpeg, options: decodeOptions).image.narrowed()
        #expect(half.width == 45 && half.height == 30)
        let expected = try half.oriented(.right).resized(width: 20, height: 30, filter: .lanczos3)
        #expect(thumb == .rgba8(expected))
        let bytes = try Thumbnail.make(jpeg, size: 30, format: .jpeg, quality: 85)
        let back = try Codecs.decode(bytes).image
        #expect(back.width == 20 && back.height == 30)
    }

    @Test func errorsSayWhatFailed() throws {
        #expect(throws: ThumbnailError.self) { try Thumbnail.make([UInt8]("junk".utf8), format: .jpeg) }
        do {
            _ = try Thumbnail.make([UInt8]("junk".utf8), format: .jpeg)
        } catch {
            #expect(error.kind == .unsupported)
        }
        let png = try Codecs.encode(try Self.pattern(width: 4, height: 4, alpha: false), as: .png)
        do {
            _ = try Thumbnail.make(png, size: 0, format: .png)
            Issue.record("size 0 was accepted")
        } catch {
            #expect(error.kind == .invalidArgument)
        }
    }
}
