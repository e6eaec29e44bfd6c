import RasterCore
import RasterDeflate
import RasterPNG
import RasterTestSupport
import Testing

@Suite struct EncoderTests {
    static func image(_ w: Int, _ h: Int, seed: UInt64, _ pixel: (inout SplitMix64, Int, Int) -> RGBA8) throws -> RGBA8Image {
        var rng = SplitMix64(seed: seed)
        var img = try RGBA8Image(width: w, height: h)
        for y in 0 ..< h { for x in 0 ..< w { img[x, y] = pixel(&rng, x, y) } }
        return img
    }

    static func byte(_ rng: inout SplitMix64) -> UInt8 { UInt8(truncatingIfNeeded: rng.next()) }

    /// Encodes with defaults, checks the colour type and depth chosen, and the round trip.
    func expectReduction(_ img: RGBA8Image, _ type: PNGColorType, _ depth: Int,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let decoded = try PNGDecoder.decode(try PNGEncoder.encode(img))
        #expect(decoded.header.colorType == type, sourceLocation: sourceLocation)
        #expect(decoded.header.bitDepth == depth, sourceLocation: sourceLocation)
        #expect(decoded.pixels == .rgba8(img), sourceLocation: sourceLocation)
    }

    @Test func reducesToTheSmallestExactColourType() throws {
        try expectReduction(try Self.image(17, 9, seed: 1) { r, _, _ in
            let v: UInt8 = r.next() & 1 == 0 ? 0 : 255
            return RGBA8(r: v, g: v, b: v)
        }, .grey, 1)
        try expectReduction(try Self.image(17, 9, seed: 2) { r, _, _ in
            let v = UInt8(r.next() % 4) * 85
            return RGBA8(r: v, g: v, b: v)
        }, .grey, 2)
        try expectReduction(try Self.image(17, 9, seed: 3) { r, _, _ in
            let v = UInt8(r.next() % 16) * 17
            return RGBA8(r: v, g: v, b: v)
        }, .grey, 4)
        try expectReduction(try Self.image(40, 40, seed: 4) { r, _, _ in
            let v = Self.byte(&r)
            return RGBA8(r: v, g: v, b: v)
        }, .grey, 8)
        try expectReduction(try Self.image(40, 40, seed: 5) { r, _, _ in
            RGBA8(r: Self.byte(&r), g: Self.byte(&r), b: Self.byte(&r))
        }, .rgb, 8)
        try expectReduction(try Self.image(40, 40, seed: 6) { r, _, _ in
            RGBA8(r: Self.byte(&r), g: Self.byte(&r), b: Self.byte(&r), a: Self.byte(&r))
        }, .rgba, 8)
        try expectReduction(try Self.image(40, 40, seed: 7) { r, _, _ in
            let v = Self.byte(&r)
            return RGBA8(r: v, g: v, b: v, a: Self.byte(&r))
        }, .greyAlpha, 8)
        // Few colours, some translucent: a palette with tRNS.
        let colours = [RGBA8(r: 1, g: 2, b: 3), RGBA8(r: 200, g: 0, b: 0, a: 128), RGBA8.transparent,
                       RGBA8(r: 9, g: 99, b: 199)]
        try expectReduction(try Self.image(33, 7, seed: 8) { r, _, _ in colours[Int(r.next() % 4)] }, .indexed, 2)
        try expectReduction(try Self.image(33, 7, seed: 9) { r, _, _ in
            RGBA8(r: UInt8(r.next() % 200), g: 7, b: 7)
        }, .indexed, 8)
    }

    @Test func sixteenBitStaysSixteenBit() throws {
        var rng = SplitMix64(seed: 11)
        for (type, makeGrey, opaque) in [(PNGColorType.grey, true, true), (.greyAlpha, true, false),
                                         (.rgb, false, true), (.rgba, false, false)] {
            var samples: [UInt16] = []
            for _ in 0 ..< 15 * 6 {
                let r = UInt16(truncatingIfNeeded: rng.next())
                let g = makeGrey ? r : UInt16(truncatingIfNeeded: rng.next())
                let b = makeGrey ? r : UInt16(truncatingIfNeeded: rng.next())
                // v * 257 samples would fit 8 bits, but a 16-bit source must stay 16-bit.
                samples += [r / 257 * 257, g / 257 * 257, b / 257 * 257, opaque ? 65535 : UInt16(truncatingIfNeeded: rng.next())]
            }
            let image = try RGBA16Image(width: 15, height: 6, samples: samples)
            for interlaced in [false, true] {
                let decoded = try PNGDecoder.decode(try PNGEncoder.encode(image, options: PNGEncodeOptions(interlaced: interlaced)))
                #expect(decoded.header.colorType == type)
                #expect(decoded.header.bitDepth == 16)
                #expect(decoded.pixels == .rgba16(image))
            }
        }
    }

    /// Random images of awkward sizes survive every option set exactly.
    @Test func randomImagesRoundTrip() throws {
        var rng = SplitMix64(seed: 42)
        for size in [(1, 1), (1, 9), (9, 1), (3, 5), (8, 8), (17, 13), (64, 3)] {
            for flavour in 0 ..< 4 {
                let img = try Self.image(size.0, size.1, seed: rng.next()) { r, x, y in
                    switch flavour {
                    case 0: return RGBA8(r: Self.byte(&r), g: Self.byte(&r), b: Self.byte(&r), a: Self.byte(&r))
                    case 1: return RGBA8(r: UInt8(truncatingIfNeeded: x * 9), g: UInt8(truncatingIfNeeded: y * 7), b: 3)
                    case 2: return r.next() % 3 == 0 ? .transparent : .white
                    default:
                        let v = UInt8(truncatingIfNeeded: x &+ y)
                        return RGBA8(r: v, g: v, b: v, a: 255 &- v)
                    }
                }
                for options in RoundTrip.optionSets() {
                    let decoded = try PNGDecoder.decode(try PNGEncoder.encode(img, options: options))
                    #expect(decoded.pixels == .rgba8(img), "size \(size) flavour \(flavour) options \(options.filter)")
                }
            }
        }
    }

    @Test func emptyImagesCannotBeEncoded() throws {
        #expect(throws: PNGEncodeError.invalidDimensions(width: 0, height: 5)) {
            try PNGEncoder.encode(try RGBA8Image(width: 0, height: 5))
        }
        #expect(throws: PNGEncodeError.invalidDimensions(width: 3, height: 0)) {
            try PNGEncoder.encode(try RGBA16Image(width: 3, height: 0))
        }
        let one = try RGBA8Image(width: 1, height: 1)
        #expect(throws: PNGEncodeError.invalidCompressionLevel(10)) {
            try PNGEncoder.encode(one, options: PNGEncodeOptions(compressionLevel: 10))
        }
        #expect(PNGEncodeError.invalidCompressionLevel(10).kind == .invalidArgument)
        #expect(PNGEncodeError.invalidCompressionLevel(10).description == "cannot encode PNG: compression level 10 is not 0 to 9")
    }

    @Test func unreducedOutputIsRGBA() throws {
        let img = try Self.image(5, 5, seed: 3) { _, _, _ in .black }
        let decoded = try PNGDecoder.decode(try PNGEncoder.encode(img, options: PNGEncodeOptions(reduceColorType: false)))
        #expect(decoded.header.colorType == .rgba)
        #expect(decoded.header.bitDepth == 8)
    }

    /// A smooth photo-like RGB image with noise, where filters are used and short matches
    /// abound in the filtered rows.
    static func photoLike() throws -> RGBA8Image {
        try image(96, 64, seed: 21) { r, x, y in
            let n = UInt8(truncatingIfNeeded: r.next() % 5)
            return RGBA8(r: UInt8(truncatingIfNeeded: x * 2) &+ n, g: UInt8(truncatingIfNeeded: y * 3) &+ n,
                         b: UInt8(truncatingIfNeeded: x &+ y) &+ (n >> 1))
        }
    }

    /// As libpng: Z_FILTERED-style compression whenever rows may be filtered.
    @Test func filteredImagesUseTheFilteredStrategy() throws {
        let img = try Self.photoLike()
        let auto = try PNGEncoder.encode(img)
        let filtered = try PNGEncoder.encode(img, options: PNGEncodeOptions(compressionStrategy: .filtered))
        let plain = try PNGEncoder.encode(img, options: PNGEncodeOptions(compressionStrategy: .default))
        #expect(auto == filtered)
        #expect(auto != plain)
        #expect(try PNGDecoder.decode(auto).pixels == .rgba8(img))
        // A fixed filter other than None also counts as filtering.
        let up = PNGEncodeOptions(filter: .fixed(.up))
        var upFiltered = up
        upFiltered.compressionStrategy = .filtered
        #expect(try PNGEncoder.encode(img, options: up) == PNGEncoder.encode(img, options: upFiltered))
    }

    /// Unfiltered data (filter None, palette images) keeps the default strategy, as libpng.
    @Test func unfilteredImagesUseTheDefaultStrategy() throws {
        let img = try Self.photoLike()
        let none = PNGEncodeOptions(filter: .fixed(.none))
        var noneDefault = none
        noneDefault.compressionStrategy = .default
        #expect(try PNGEncoder.encode(img, options: none) == PNGEncoder.encode(img, options: noneDefault))
        let colours = [RGBA8(r: 1, g: 2, b: 3), RGBA8(r: 200, g: 0, b: 0), RGBA8(r: 9, g: 99, b: 199)]
        let pal = try Self.image(120, 50, seed: 22) { r, x, _ in colours[(x / 7 + Int(r.next() % 2)) % 3] }
        #expect(try PNGEncoder.encode(pal) == PNGEncoder.encode(pal, options: PNGEncodeOptions(compressionStrategy: .default)))
    }

    @Test(arguments: [DeflateStrategy.default, .filtered, .huffmanOnly, .rle])
    func everyStrategyRoundTrips(strategy: DeflateStrategy) throws {
        let img = try Self.photoLike()
        for level in [1, 6, 9] {
            let options = PNGEncodeOptions(compressionLevel: level, compressionStrategy: strategy)
            #expect(try PNGDecoder.decode(try PNGEncoder.encode(img, options: options)).pixels == .rgba8(img))
        }
    }
}
