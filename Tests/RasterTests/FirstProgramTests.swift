import Raster
import RasterTestSupport
import Testing

/// The program a server developer writes on their first day with `import Raster`: decode
/// an upload with server caps, read what the file said, turn any failure into an HTTP status
/// with one switch, draw a badge and encode the result. It uses only the public API and
/// reads as the README teaches; if it stops compiling, the front door changed.
@Suite struct FirstProgramTests {
    /// What a service answers for an error, decided by its kind alone.
    static func httpStatus(for error: RasterError) -> Int {
        switch error.kind {
        case .corrupt, .truncated, .invalidArgument: return 400
        case .limitExceeded: return 413
        case .unsupported: return 415
        case .budgetExceeded: return 503
        }
    }

    /// Decodes an upload and answers with a status: 200 or what its error maps to.
    static func status(of upload: [UInt8], options: DecodeOptions = .server) -> Int {
        do {
            _ = try Codecs.decode(upload, options: options)
            return 200
        } catch {
            return httpStatus(for: error)
        }
    }

    @Test func decodeReadMetadataMapErrorsDrawAndEncode() throws {
        let upload = try TestPaths.fixture("png/pillow_meta.png")

        // Decode with the server preset and read what the file said.
        let decoded = try Codecs.decode(upload, options: .server)
        #expect(decoded.format == .png)
        #expect((decoded.info.width, decoded.info.height) == (48, 32))
        #expect(decoded.metadata.text.first?.keyword == "Title")
        #expect(decoded.metadata.text.first?.text == "Raster fixture")
        #expect(decoded.metadata.iccProfile?.count == 588)
        #expect(decoded.warnings.isEmpty)

        // Three bad uploads, three different statuses from one switch.
        var corrupt = upload
        corrupt[40] ^= 0xFF                                    // inside a critical chunk: CRC fails
        let unsupported = Array("GIF89a, which Raster does not read".utf8)
        let tight = DecodeOptions(limits: DecodeLimits(maxWidth: 32, maxHeight: 32, maxPixels: 1024))
        #expect(Self.status(of: corrupt) == 400)
        #expect(Self.status(of: unsupported) == 415)
        #expect(Self.status(of: upload, options: tight) == 413)
        #expect(Self.status(of: Array(upload.prefix(100))) == 400)   // truncated

        // Draw a half-transparent badge partly off the edge, then encode.
        var canvas = decoded.image.narrowed()
        let badge = try RGBA8Image(width: 16, height: 16, fill: RGBA8(r: 255, g: 255, b: 255, a: 128))
        canvas.draw(badge, at: Point(x: 40, y: -4))            // clipped: never traps
        let png = try Codecs.encode(canvas, as: .png)
        let reread = try Codecs.decode(png)
        #expect(reread.image == .rgba8(canvas))
        #expect(canvas[44, 2] == RGBA8(r: 255, g: 255, b: 255).blended(over: decoded.image.narrowed()[44, 2], alpha: 128))
    }
}

extension RGBA8 {
    /// `self` at `alpha` over an opaque `background`, rounded to nearest: what src-over with
    /// a straight-alpha source gives on an opaque destination.
    fileprivate func blended(over background: RGBA8, alpha: Int) -> RGBA8 {
        func mix(_ s: UInt8, _ d: UInt8) -> UInt8 {
            let n = Int(s) * alpha + Int(d) * (255 - alpha)
            return UInt8((n + 127) / 255)
        }
        return RGBA8(r: mix(r, background.r), g: mix(g, background.g), b: mix(b, background.b))
    }
}
