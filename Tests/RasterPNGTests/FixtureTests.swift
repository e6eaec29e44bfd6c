import Foundation
import RasterPNG
import RasterTestSupport
import Testing

/// Fixtures/png: every colour type x bit depth x interlace, with goldens computed by
/// Fixtures/scripts/make_png_fixtures.py from the source samples.
@Suite struct FixtureTests {
    static let names: [String] = {
        let dir = TestPaths.fixtures.appendingPathComponent("png")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".png") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test func fixturesArePresent() {
        #expect(FixtureTests.names.count >= 52)
    }

    @Test(arguments: FixtureTests.names)
    func decodesToGolden(_ name: String) throws {
        let bytes = try TestPaths.fixture("png/\(name).png")
        let image = try PNGDecoder.decode(bytes)
        #expect(image.warnings.isEmpty)
        switch image.pixels {
        case let .rgba8(pixels):
            #expect(pixels.samples == (try TestPaths.fixture("png/\(name).rgba")))
        case let .rgba16(pixels):
            #expect(bigEndianBytes(pixels) == (try TestPaths.fixture("png/\(name).rgba16be")))
        }
        #expect(image.header.interlaced == name.contains("_i"))
    }

    @Test(arguments: FixtureTests.names)
    func roundTripsBitExact(_ name: String) throws {
        let image = try PNGDecoder.decode(try TestPaths.fixture("png/\(name).png"))
        for options in RoundTrip.optionSets() {
            let again = try PNGDecoder.decode(try PNGEncoder.encode(image.pixels, options: options))
            #expect(again.pixels == image.pixels)
        }
    }

    /// Feeding the decoder a non-contiguous collection gives the same result.
    @Test func acceptsAnyCollection() throws {
        let bytes = try TestPaths.fixture("png/rgba_d8_i.png")
        let viaArray = try PNGDecoder.decode(bytes)
        let viaLazy = try PNGDecoder.decode(bytes.lazy.map { $0 })
        let viaSlice = try PNGDecoder.decode(([0] + bytes)[1...])
        #expect(viaArray == viaLazy)
        #expect(viaArray == viaSlice)
    }
}
