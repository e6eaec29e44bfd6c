import RasterCore
import RasterTestSupport
import Testing
@testable import RasterJPEG

/// Option checking, alpha handling and the errors a caller can get.
@Suite struct EncodeOptionsTests {
    @Test func rejectsOutOfRangeQuality() throws {
        let image = try RGBA8Image(width: 8, height: 8, fill: .white)
        for q in [0, -5, 101] {
            #expect(throws: JPEGEncodeError.invalidQuality(q)) {
                try JPEGEncoder.encode(image, options: JPEGEncodeOptions(quality: q))
            }
        }
        #expect(JPEGEncodeError.invalidQuality(0).kind == .invalidArgument)
        #expect(JPEGEncodeError.invalidQuality(0).description.contains("1 to 100"))
    }

    @Test func rejectsBadImagesAndOptions() throws {
        #expect(throws: JPEGEncodeError.emptyImage) {
            try JPEGEncoder.encode(try RGBA8Image(width: 0, height: 5))
        }
        #expect(throws: JPEGEncodeError.imageTooLarge(width: 65536, height: 1)) {
            try JPEGEncoder.encode(try RGBA8Image(width: 65536, height: 1))
        }
        let image = try RGBA8Image(width: 8, height: 8, fill: .white)
        for n in [-1, 65536] {
            #expect(throws: JPEGEncodeError.invalidRestartInterval(n)) {
                try JPEGEncoder.encode(image, options: JPEGEncodeOptions(restartInterval: n))
            }
        }
        #expect(throws: JPEGEncodeError.self) {
            try JPEGEncoder.encode(image, options: JPEGEncodeOptions(exif: [UInt8](repeating: 0, count: 65528)))
        }
        #expect(throws: JPEGEncodeError.self) {
            try JPEGEncoder.encode(image, options: JPEGEncodeOptions(comment: [UInt8](repeating: 65, count: 65534)))
        }
        // The largest EXIF block that fits is accepted.
        _ = try JPEGEncoder.encode(image, options: JPEGEncodeOptions(exif: [UInt8](repeating: 0, count: 65527)))
    }

    @Test func alphaIsFlattenedOntoWhiteByDefault() throws {
        let transparentRed = try EncodeSamples.solid(RGBA8(r: 255, g: 0, b: 0, a: 0))
        let white = try EncodeSamples.solid(.white)
        #expect(try JPEGEncoder.encode(transparentRed) == JPEGEncoder.encode(white))
        // .drop keeps the stored colour.
        let red = try EncodeSamples.solid(RGBA8(r: 255, g: 0, b: 0))
        #expect(try JPEGEncoder.encode(transparentRed, options: JPEGEncodeOptions(alpha: .drop)) == JPEGEncoder.encode(red))
        // Half-transparent black over blue: round((0 * 128 + 255 * 127) / 255) = 127 in blue.
        let halfBlack = try EncodeSamples.solid(RGBA8(r: 0, g: 0, b: 0, a: 128))
        let expected = try EncodeSamples.solid(RGBA8(r: 0, g: 0, b: 127))
        let blue = RGBA8(r: 0, g: 0, b: 255)
        #expect(try JPEGEncoder.encode(halfBlack, options: JPEGEncodeOptions(alpha: .flatten(onto: blue)))
                == JPEGEncoder.encode(expected))
    }

    @Test func grayDetectionLooksAtTheFlattenedColour() throws {
        // A grey pixel that is partly transparent stays grey over white, not over red.
        var image = try EncodeSamples.solid(RGBA8(r: 50, g: 50, b: 50))
        image[3, 3] = RGBA8(r: 10, g: 10, b: 10, a: 100)
        #expect(JPEGEncoder.isGray(image, background: .white))
        #expect(!JPEGEncoder.isGray(image, background: RGBA8(r: 255, g: 0, b: 0)))
        #expect(JPEGEncoder.isGray(image, background: nil))
        image[0, 0] = RGBA8(r: 50, g: 51, b: 50)
        #expect(!JPEGEncoder.isGray(image, background: .white))
    }

    @Test func encodingIsDeterministicAndSizesAreOdd() throws {
        // Sizes that leave partial MCUs and dummy blocks on both edges, every mode.
        for (w, h) in [(1, 1), (17, 9), (33, 31), (8, 72)] {
            let image = try EncodeSamples.photo(width: w, height: h, seed: UInt64(w * h))
            for options in [JPEGEncodeOptions(), JPEGEncodeOptions(subsampling: .s422, restartInterval: 1),
                            JPEGEncodeOptions(optimizeHuffman: true), JPEGEncodeOptions(progressive: true)] {
                let a = try JPEGEncoder.encode(image, options: options)
                #expect(a == (try JPEGEncoder.encode(image, options: options)))
                #expect(a.prefix(2) == [0xFF, 0xD8] && a.suffix(2) == [0xFF, 0xD9])
            }
        }
    }
}

/// Every mode's output through RasterJPEG's decoder: the right size, and close to what was
/// encoded (a wrong table, scan or restart would wreck it).
@Suite struct EncodeRoundTripTests {
    @Test(arguments: [JPEGEncodeOptions(), JPEGEncodeOptions(quality: 95, subsampling: .s444),
                      JPEGEncodeOptions(subsampling: .s422, restartInterval: 2),
                      JPEGEncodeOptions(optimizeHuffman: true), JPEGEncodeOptions(progressive: true),
                      JPEGEncodeOptions(restartInterval: 3, progressive: true), JPEGEncodeOptions(color: .grayscale)])
    func decodesWithRasterJPEG(_ options: JPEGEncodeOptions) throws {
        for (w, h) in [(57, 41), (64, 64), (9, 130)] {
            let image = try EncodeSamples.photo(width: w, height: h, seed: UInt64(w + h))
            let file = try JPEGEncoder.encode(image, options: options)
            let back = try JPEGDecoder.decode(file).pixels
            #expect(back.width == w && back.height == h)
            // Mean absolute error per channel against the source (greyscale: against luma).
            var total = 0
            for p in 0 ..< w * h {
                let s = image.samples[p * 4 ..< p * 4 + 3].map(Int.init)
                let d = back.samples[p * 4 ..< p * 4 + 3].map(Int.init)
                if options.color == .grayscale {
                    let y = (19595 * s[0] + 38470 * s[1] + 7471 * s[2] + 32768) >> 16
                    total += abs(d[0] - y)
                } else {
                    total += zip(s, d).map { abs($0 - $1) }.reduce(0, +) / 3
                }
            }
            // The sample has hard blue checks and grain, which 4:2:0 at q90 blurs to a mean
            // error near 12; a broken table, scan or restart gives errors of 40 and more.
            #expect(Double(total) / Double(w * h) < 16, "\(w)x\(h)")
        }
    }
}
