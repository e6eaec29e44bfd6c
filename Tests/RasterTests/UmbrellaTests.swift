import Raster
import RasterTestSupport
import Testing

/// The format-independent entry points, and the README's example as written there.
@Suite struct UmbrellaTests {
    @Test func readmeExampleRuns() throws {
        let bytes = try TestPaths.fixture("png/rgba_d8_n.png")
        let image = try Codecs.decode(bytes)
        var canvas = image.rgba8
        let badge = try RGBA8Image(width: 64, height: 64, fill: RGBA8(r: 255, g: 0, b: 0, a: 128))
        canvas.draw(badge, at: Point(x: -10, y: 20), operator: .srcOver)
        let png = try PNGEncoder.encode(canvas)
        let again = try Codecs.decode(png)
        #expect(again.rgba8 == canvas)
        let limits = DecodeLimits(maxWidth: 8192, maxHeight: 8192, maxPixels: 40_000_000)
        #expect(try Codecs.decode(bytes, limits: limits) == image)
    }

    @Test func detectsFormatsBySignature() {
        #expect(ImageFormat.detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) == .png)
        #expect(ImageFormat.detect([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(ImageFormat.detect([UInt8]()) == nil)
        #expect(ImageFormat.detect(Array("GIF89a".utf8)) == nil)
    }

    @Test func unknownBytesAreATypedError() {
        #expect(throws: RasterError.unknownFormat) { try Codecs.decode([1, 2, 3]) }
        #expect(throws: RasterError.unknownFormat) { try Codecs.probe([UInt8]()) }
    }

    @Test func pngErrorsArriveWrapped() throws {
        let bytes = try TestPaths.fixture("png/rgba_d8_n.png")
        let cut = Array(bytes.prefix(bytes.count - 20))
        #expect(throws: RasterError.self) { try Codecs.decode(cut) }
        do {
            _ = try Codecs.decode(cut)
        } catch {
            guard case .png = error else { Issue.record("expected a PNG error, got \(error)"); return }
        }
    }

    @Test func limitsApplyThroughTheUmbrella() throws {
        let bytes = try TestPaths.fixture("png/rgba_d8_n.png")
        let tiny = DecodeLimits(maxWidth: 4, maxHeight: 4, maxPixels: 16, maxBytes: 1024)
        do {
            _ = try Codecs.decode(bytes, limits: tiny)
            Issue.record("a 13x11 image passed a 4x4 limit")
        } catch {
            guard case .png(.limitExceeded) = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test func sixteenBitStaysSixteenBitThroughEncode() throws {
        let bytes = try TestPaths.fixture("png/rgb_d16_n.png")
        let image = try Codecs.decode(bytes)
        guard case .rgba16 = image else { Issue.record("16-bit PNG decoded to 8-bit"); return }
        let info = try Codecs.probe(try Codecs.encode(image, as: .png))
        #expect(info.bitDepth == 16)
        #expect(try Codecs.decode(try Codecs.encode(image, as: .png)) == image)
    }
}
