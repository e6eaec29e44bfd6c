import Raster
import RasterTestSupport
import Testing

/// The format-independent entry points, and the README's example as written there.
@Suite struct UmbrellaTests {
    @Test func readmeExampleRuns() throws {
        let bytes = try TestPaths.fixture("png/rgba_d8_n.png")
        let decoded = try Codecs.decode(bytes)
        var canvas = decoded.image.narrowed()
        let badge = try RGBA8Image(width: 64, height: 64, fill: RGBA8(r: 255, g: 0, b: 0, a: 128))
        canvas.draw(badge, at: Point(x: -10, y: 20), operator: .srcOver)
        let png = try Codecs.encode(canvas, as: .png)
        let again = try Codecs.decode(png)
        #expect(again.image == .rgba8(canvas))
        let options = DecodeOptions(limits: DecodeLimits(maxWidth: 8192, maxHeight: 8192, maxPixels: 40_000_000))
        #expect(try Codecs.decode(bytes, options: options) == decoded)
    }

    @Test func detectsFormatsBySignature() {
        #expect(ImageFormat.detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) == .png)
        #expect(ImageFormat.detect([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(ImageFormat.detect([UInt8]()) == nil)
        #expect(ImageFormat.detect(Array("GIF89a".utf8)) == nil)
    }

    @Test func unknownBytesAreAnUnsupportedKind() {
        #expect(throws: RasterError.unknownFormat) { try Codecs.decode([1, 2, 3]) }
        #expect(throws: RasterError.unknownFormat) { try Codecs.probe([UInt8]()) }
        #expect(RasterError.unknownFormat.kind == .unsupported)
        #expect(RasterError.unknownFormat.description.contains("neither a PNG nor a JPEG signature"))
    }

    @Test func pngErrorsKeepTheirDetailAndKind() throws {
        let bytes = try TestPaths.fixture("png/rgba_d8_n.png")
        let cut = Array(bytes.prefix(bytes.count - 20))
        do {
            _ = try Codecs.decode(cut)
            Issue.record("a truncated PNG decoded")
        } catch {
            #expect(error.kind == .truncated)
            #expect(error.format == .png)
            #expect(error.png == .truncated)
            #expect(error.description == "png: PNG data is truncated: the file ends inside a chunk")
        }
    }

    @Test func limitsApplyThroughTheUmbrella() throws {
        let bytes = try TestPaths.fixture("png/rgba_d8_n.png")
        let tiny = DecodeLimits(maxWidth: 4, maxHeight: 4, maxPixels: 16, maxBytes: 1024)
        do {
            _ = try Codecs.decode(bytes, options: DecodeOptions(limits: tiny))
            Issue.record("a 13x11 image passed a 4x4 limit")
        } catch {
            #expect(error.kind == .limitExceeded)
            #expect(error.limitExceeded == LimitExceeded(cap: .width, requested: 13, limit: 4))
        }
    }

    @Test func encoderErrorsAreArgumentErrorsNotDecodeErrors() throws {
        let empty = try RGBA8Image(width: 0, height: 5)
        do {
            _ = try Codecs.encode(empty, as: .png)
            Issue.record("a 0x5 image encoded")
        } catch {
            #expect(error.kind == .invalidArgument)
            #expect(error.png == nil)
            #expect(error.pngEncode == .invalidDimensions(width: 0, height: 5))
        }
    }

    @Test func metadataAndWarningsTravelWithTheImage() throws {
        let decoded = try Codecs.decode(try TestPaths.fixture("png/pillow_meta.png"))
        #expect(decoded.format == .png)
        #expect(decoded.info == ImageInfo(format: .png, width: 48, height: 32, channels: 3, bitDepth: 8))
        #expect(decoded.metadata.iccProfile == (try TestPaths.fixture("png/pillow_meta.icc")))
        #expect(decoded.metadata.text.map(\.keyword) == ["Title", "Comment", "Description"])
        #expect(decoded.metadata.text.last?.text == "Grüße aus Raster")
        #expect(decoded.metadata.orientation == .up)
        #expect(decoded.warnings.isEmpty)
        #expect(decoded.image.narrowed().samples == (try TestPaths.fixture("png/pillow_meta.rgba")))
    }

    @Test func sixteenBitStaysSixteenBitThroughEncode() throws {
        let bytes = try TestPaths.fixture("png/rgb_d16_n.png")
        let image = try Codecs.decode(bytes).image
        guard case .rgba16 = image else { Issue.record("16-bit PNG decoded to 8-bit"); return }
        let info = try Codecs.probe(try Codecs.encode(image, as: .png))
        #expect(info.bitDepth == 16)
        #expect(try Codecs.decode(try Codecs.encode(image, as: .png)).image == image)
    }
}
