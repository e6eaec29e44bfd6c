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
        let long = String(repeating: "k", count: 80)
        let cases: [(PNGMetadata, String)] = [
            (PNGMetadata(text: [PNGTextEntry(keyword: "", text: "x")]), "keyword \"\" must be 1 to 79 characters without NUL"),
            (PNGMetadata(text: [PNGTextEntry(keyword: long, text: "x")]), "keyword \"\(long)\" must be 1 to 79 characters without NUL"),
            (PNGMetadata(text: [PNGTextEntry(keyword: "Title", text: "日本")]), "tEXt text \"日本\" is not Latin-1; use iTXt"),
            (PNGMetadata(sRGBIntent: 4), "sRGB rendering intent 4 is not 0 to 3"),
        ]
        for (meta, reason) in cases {
            #expect(throws: PNGEncodeError.invalidMetadata(reason)) {
                try PNGEncoder.encode(image, options: PNGEncodeOptions(metadata: meta))
            }
        }
    }

    /// bKGD is reported in the decoded pixels' scale: a palette index resolves to its colour
    /// and low-depth grey scales as the pixels do, so it survives re-encoding in any form.
    @Test func backgroundIsInThePixelsScaleAndSurvivesReduction() throws {
        // Palette PNG with bKGD index 1 (colour 40,50,60): re-encoded as a palette again.
        let palette = PNGBuilder.chunk("PLTE", [10, 20, 30, 40, 50, 60])
        let indexed = PNGBuilder.png(width: 2, height: 1, bitDepth: 8, colorType: 3, rows: [[0, 0, 1]],
                                     before: [palette], after: [PNGBuilder.chunk("bKGD", [1])])
        let decoded = try PNGDecoder.decode(indexed)
        #expect(decoded.metadata.background == .rgb(r: 40, g: 50, b: 60))
        let again = try PNGDecoder.decode(try PNGEncoder.encode(decoded.pixels, options: PNGEncodeOptions(metadata: decoded.metadata)))
        #expect(again.header.colorType == .indexed)
        #expect(again.metadata.background == .rgb(r: 40, g: 50, b: 60))
        // 4-bit grey 5 is 85 in 8 bits, as the pixels scale.
        let grey4 = PNGBuilder.png(width: 2, height: 1, bitDepth: 4, colorType: 0, rows: [[0, 0x5A]],
                                   after: [PNGBuilder.chunk("bKGD", [0, 5])])
        #expect(try PNGDecoder.decode(grey4).metadata.background == .grey(85))
    }

    /// A background missing from the chosen palette is added when the depth leaves room;
    /// one the chosen form cannot hold is an error that says so, never dropped.
    @Test func unrepresentableBackgroundIsReported() throws {
        let meta = PNGMetadata(background: .rgb(r: 1, g: 2, b: 3))
        let oneColour = try RGBA8Image(width: 2, height: 2, fill: RGBA8(r: 10, g: 20, b: 30))
        let kept = try PNGDecoder.decode(try PNGEncoder.encode(oneColour, options: PNGEncodeOptions(metadata: meta)))
        #expect(kept.header.colorType == .indexed)
        #expect(kept.metadata.background == .rgb(r: 1, g: 2, b: 3))
        var twoColours = oneColour
        twoColours[1, 1] = RGBA8(r: 200, g: 0, b: 0)  // a full 1-bit palette: no room for a third
        #expect(throws: PNGEncodeError.backgroundNotRepresentable(.rgb(r: 1, g: 2, b: 3), colorType: .indexed, bitDepth: 1)) {
            try PNGEncoder.encode(twoColours, options: PNGEncodeOptions(metadata: meta))
        }
        let unreduced = try PNGDecoder.decode(try PNGEncoder.encode(twoColours, options: PNGEncodeOptions(reduceColorType: false, metadata: meta)))
        #expect(unreduced.metadata.background == .rgb(r: 1, g: 2, b: 3))
        #expect(throws: PNGEncodeError.self) {
            try PNGEncoder.encode(twoColours, options: PNGEncodeOptions(reduceColorType: false, metadata: PNGMetadata(background: .grey(300))))
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

    /// Failed inflations are charged too: a bomb uses up the budget and a corrupt stream
    /// pays for what it produced, so many bad chunks cannot each inflate the whole budget.
    /// (Before, both were charged nothing and the small valid chunk after them was kept.)
    @Test func failedInflationsAreChargedToTheBudget() throws {
        let small = PNGBuilder.chunk("zTXt", Array("Note".utf8) + [0, 0] + Zlib.compress([UInt8](repeating: 0x42, count: 500)))
        let options = PNGDecodeOptions(metadataLimit: 1000)

        let bomb = PNGBuilder.chunk("zTXt", Array("Bomb".utf8) + [0, 0] + Zlib.compress([UInt8](repeating: 0x41, count: 5000)))
        let afterBomb = try PNGDecoder.decode(PNGBuilder.smallRGB(extra: bomb + small), options: options)
        #expect(afterBomb.metadata.text.isEmpty)
        #expect(afterBomb.warnings == [.metadataLimitExceeded(chunk: "zTXt"), .metadataLimitExceeded(chunk: "zTXt")])

        // 900 bytes inflate, then the stream breaks (its Adler-32 is cut off): 900 are charged,
        // so the 500-byte chunk no longer fits in the 100 left.
        let stream = Zlib.compress((0 ..< 900).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let broken = PNGBuilder.chunk("zTXt", Array("Cut".utf8) + [0, 0] + Array(stream.dropLast(4)))
        let afterBroken = try PNGDecoder.decode(PNGBuilder.smallRGB(extra: broken + small), options: options)
        #expect(afterBroken.metadata.text.isEmpty)
        #expect(afterBroken.warnings.count == 2)
        #expect(afterBroken.warnings.last == .metadataLimitExceeded(chunk: "zTXt"))
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
        #expect(try PNGDecoder.decode(sig + ihdr + plte + PNGBuilder.chunk("tRNS", [7]) + body).pixels.narrowed()[0, 0]
                == RGBA8(r: 1, g: 2, b: 3, a: 7))
    }

    /// A tRNS that `decode` ignores (before PLTE, too long, bad CRC) must not make `probe`
    /// report an alpha channel either. (Before, probe counted any tRNS chunk header.)
    @Test func probeAndDecodeAgreeOnMisplacedTransparency() throws {
        let sig = PNGBuilder.signature
        let ihdr = PNGBuilder.ihdr(width: 1, height: 1, depth: 8, colorType: 3)
        let plte = PNGBuilder.chunk("PLTE", [1, 2, 3])
        let body = PNGBuilder.idat([0, 0]) + PNGBuilder.iend
        let files: [[UInt8]] = [
            sig + ihdr + PNGBuilder.chunk("tRNS", [7]) + plte + body,             // before PLTE
            sig + ihdr + plte + PNGBuilder.chunk("tRNS", [7, 8]) + body,          // more alphas than entries
            sig + ihdr + plte + PNGBuilder.chunk("tRNS", [7], corruptCRC: true) + body,
            sig + ihdr + plte + body.dropLast(12) + PNGBuilder.chunk("tRNS", [7]) + PNGBuilder.iend,  // after IDAT
        ]
        for file in files {
            let decoded = try PNGDecoder.decode(file)
            #expect(decoded.header.channels == 3)
            #expect(decoded.pixels.narrowed()[0, 0].a == 255)
            #expect(try PNGDecoder.probe(file) == decoded.header)
        }
    }
}
