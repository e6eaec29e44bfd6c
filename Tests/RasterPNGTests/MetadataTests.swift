import RasterCore
import RasterDeflate
import RasterPNG
import RasterTestSupport
import Testing

@Suite struct MetadataTests {
    static let sample = PNGMetadata(
        gamma: 45455,
        chromaticities: PNGChromaticities(whiteX: 31270, whiteY: 32900, redX: 64000, redY: 33000,
                                          greenX: 30000, greenY: 60000, blueX: 15000, blueY: 6000),
        sRGBIntent: nil,
        iccProfile: PNGICCProfile(name: "Test profile", profile: Array((0 ..< 600).map { UInt8($0 % 251) })),
        physicalDimensions: PNGPhysicalDimensions(pixelsPerUnitX: 2835, pixelsPerUnitY: 2835, unitIsMetre: true),
        modificationTime: PNGTime(year: 2026, month: 11, day: 27, hour: 13, minute: 5, second: 9),
        background: .rgb(r: 10, g: 20, b: 30),
        text: [
            PNGTextEntry(keyword: "Title", text: "Café au lait"),
            PNGTextEntry(keyword: "Comment", text: String(repeating: "long text ", count: 50), kind: .compressed),
            PNGTextEntry(keyword: "Author", text: "Łukasz 日本", kind: .international(compressed: false),
                         languageTag: "pl", translatedKeyword: "Autor"),
            PNGTextEntry(keyword: "Description", text: "zip me ✓", kind: .international(compressed: true)),
        ])

    /// A many-colour opaque image, so the encoder writes RGB and the RGB bKGD fits.
    static func colourful() throws -> RGBA8Image {
        var rng = SplitMix64(seed: 5)
        var image = try RGBA8Image(width: 20, height: 20)
        for y in 0 ..< 20 {
            for x in 0 ..< 20 {
                let v = rng.next()
                image[x, y] = RGBA8(r: UInt8(truncatingIfNeeded: v), g: UInt8(truncatingIfNeeded: v >> 8),
                                    b: UInt8(truncatingIfNeeded: v >> 16))
            }
        }
        return image
    }

    @Test func metadataRoundTrips() throws {
        let encoded = try PNGEncoder.encode(try MetadataTests.colourful(), options: PNGEncodeOptions(metadata: MetadataTests.sample))
        let decoded = try PNGDecoder.decode(encoded)
        #expect(decoded.header.colorType == .rgb)
        #expect(decoded.metadata == MetadataTests.sample)
        #expect(decoded.warnings.isEmpty)
    }

    @Test func sRGBRoundTrips() throws {
        let meta = PNGMetadata(sRGBIntent: 1)
        let decoded = try PNGDecoder.decode(try PNGEncoder.encode(try MetadataTests.colourful(),
                                                                  options: PNGEncodeOptions(metadata: meta)))
        #expect(decoded.metadata.sRGBIntent == 1)
    }

    @Test func invalidMetadataIsRejectedByTheEncoder() throws {
        let image = try MetadataTests.colourful()
        for meta in [PNGMetadata(text: [PNGTextEntry(keyword: "", text: "x")]),
                     PNGMetadata(text: [PNGTextEntry(keyword: String(repeating: "k", count: 80), text: "x")]),
                     PNGMetadata(text: [PNGTextEntry(keyword: "Title", text: "日本")]),
                     PNGMetadata(sRGBIntent: 4)] {
            #expect(throws: PNGError.self) { try PNGEncoder.encode(image, options: PNGEncodeOptions(metadata: meta)) }
        }
    }

    /// A zTXt that inflates past the metadata limit is dropped; the image still decodes.
    @Test func zTXtBombIsDroppedWithAWarning() throws {
        let bomb = try Zlib.compress([UInt8](repeating: 0x41, count: 20 << 20), level: 1)
        let ztxt = PNGBuilder.chunk("zTXt", Array("Comment".utf8) + [0, 0] + bomb)
        let image = try PNGDecoder.decode(PNGBuilder.smallRGB(extra: ztxt))
        #expect(image.warnings == [.metadataLimitExceeded(chunk: "zTXt")])
        #expect(image.metadata.text.isEmpty)
        #expect(image.pixels.width == 4)
    }

    /// The limit is shared by all compressed chunks of a file.
    @Test func metadataLimitIsCumulative() throws {
        let text = Zlib.compress([UInt8](repeating: 0x42, count: 600))
        let chunk = PNGBuilder.chunk("zTXt", Array("Note".utf8) + [0, 0] + text)
        let options = PNGDecodeOptions(metadataLimit: 1000)
        let image = try PNGDecoder.decode(PNGBuilder.smallRGB(extra: chunk + chunk), options: options)
        #expect(image.metadata.text.count == 1)
        #expect(image.warnings == [.metadataLimitExceeded(chunk: "zTXt")])
    }

    @Test func malformedAncillaryChunksAreDropped() throws {
        let extra = PNGBuilder.chunk("gAMA", [0, 1]) + PNGBuilder.chunk("tEXt", Array("no separator".utf8))
            + PNGBuilder.chunk("zTXt", Array("k".utf8) + [0, 0, 1, 2, 3])
        let image = try PNGDecoder.decode(PNGBuilder.smallRGB(extra: extra))
        #expect(image.metadata.isEmpty)
        #expect(image.warnings.count == 3)
    }

    @Test func misplacedAncillaryChunkIsIgnored() throws {
        // gAMA after IDAT is not allowed (PNG spec §5.6).
        let bytes = PNGBuilder.signature + PNGBuilder.ihdr(width: 4, height: 3, depth: 8, colorType: 2)
            + PNGBuilder.idat(PNGBuilder.rgbScanlines) + PNGBuilder.chunk("gAMA", [0, 0, 0xB1, 0x8F]) + PNGBuilder.iend
        let image = try PNGDecoder.decode(bytes)
        #expect(image.metadata.gamma == nil)
        #expect(image.warnings == [.chunkOutOfPlace(chunk: "gAMA")])
    }

    @Test func probeReportsTransparency() throws {
        let sig = PNGBuilder.signature
        let ihdr = PNGBuilder.ihdr(width: 1, height: 1, depth: 8, colorType: 3)
        let plte = PNGBuilder.chunk("PLTE", [1, 2, 3])
        let body = PNGBuilder.idat([0, 0]) + PNGBuilder.iend
        let plain = try PNGDecoder.probe(sig + ihdr + plte + body)
        #expect(plain.channels == 3)
        #expect(plain.bitDepth == 8)
        let withAlpha = try PNGDecoder.probe(sig + ihdr + plte + PNGBuilder.chunk("tRNS", [7]) + body)
        #expect(withAlpha.channels == 4)
        #expect(try PNGDecoder.decode(sig + ihdr + plte + PNGBuilder.chunk("tRNS", [7]) + body).pixels.rgba8[0, 0]
                == RGBA8(r: 1, g: 2, b: 3, a: 7))
    }
}
