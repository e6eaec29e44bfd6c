import RasterCore
import RasterTestSupport
import Testing
@testable import RasterJPEG

/// What the encoder writes in the headers: quantisation tables for every quality (against
/// cjpeg's own), frame and scan parameters for each setting, and metadata segments.
@Suite struct EncodeMarkerTests {
    /// Fixtures/jpeg-encode/dqt.txt: for q = 1...100, the DQT segments of
    /// `cjpeg -baseline -quality q` on a colour image.
    @Test func everyQualityWritesCjpegsTables() throws {
        let text = String(decoding: try TestPaths.fixture("jpeg-encode/dqt.txt"), as: UTF8.self)
        var expected: [Int: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let q = Int(parts[0]) { expected[q] = String(parts[1]) }
        }
        #expect(expected.count == 100)
        let image = try EncodeSamples.photo(width: 16, height: 16)
        for q in 1 ... 100 {
            let file = try JPEGEncoder.encode(image, options: JPEGEncodeOptions(quality: q))
            var dqt: [UInt8] = []
            for segment in EncodedSegments(file).all(0xDB) {
                let length = segment.payload.count + 2
                dqt += [0xFF, 0xDB, UInt8(length >> 8), UInt8(length & 0xFF)] + segment.payload
            }
            let hex = dqt.map { byte -> String in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
            #expect(hex == expected[q], "quality \(q)")
        }
    }

    @Test(arguments: [(ChromaSubsampling.s444, UInt8(0x11)), (.s422, 0x21), (.s420, 0x22)])
    func subsamplingShowsInTheFrameHeader(_ subsampling: ChromaSubsampling, _ lumaFactors: UInt8) throws {
        let image = try EncodeSamples.photo(width: 40, height: 24)
        let file = try JPEGEncoder.encode(image, options: JPEGEncodeOptions(subsampling: subsampling))
        let sof = try #require(EncodedSegments(file).first(0xC0))
        #expect(sof.payload[5] == 3)
        #expect(sof.payload[7] == lumaFactors)
        #expect(sof.payload[10] == 0x11 && sof.payload[13] == 0x11)
        // Height and width, big-endian.
        #expect(Array(sof.payload[1 ... 4]) == [0, 24, 0, 40])
    }

    @Test func restartIntervalWritesDRIAndMarkers() throws {
        let image = try EncodeSamples.photo(width: 64, height: 32)
        let file = try JPEGEncoder.encode(image, options: JPEGEncodeOptions(restartInterval: 3))
        let dri = try #require(EncodedSegments(file).first(0xDD))
        #expect(dri.payload == [0, 3])
        // 4 x 2 = 8 MCUs at 4:2:0, a marker after every 3: RST0 and RST1.
        let markers = zip(file, file.dropFirst()).filter { $0.0 == 0xFF && (0xD0 ... 0xD7).contains($0.1) }.map { $0.1 }
        #expect(markers == [0xD0, 0xD1])
        let plain = try JPEGEncoder.encode(image)
        #expect(EncodedSegments(plain).first(0xDD) == nil)
    }

    @Test func optimizedTablesDifferFromTheStandardOnesAndShrinkTheFile() throws {
        let image = try EncodeSamples.photo(width: 64, height: 48)
        let standard = try JPEGEncoder.encode(image)
        let optimized = try JPEGEncoder.encode(image, options: JPEGEncodeOptions(optimizeHuffman: true))
        let standardDHT = EncodedSegments(standard).all(0xC4).map(\.payload)
        let optimizedDHT = EncodedSegments(optimized).all(0xC4).map(\.payload)
        #expect(standardDHT.count == 4 && optimizedDHT.count == 4)
        #expect(standardDHT[0] == [0x00] + HuffmanTableSpec.standardDCLuminance.counts + HuffmanTableSpec.standardDCLuminance.symbols)
        #expect(standardDHT != optimizedDHT)
        #expect(optimized.count < standard.count)
    }

    @Test func progressiveWritesSOF2AndLibjpegsScanScript() throws {
        let image = try EncodeSamples.photo(width: 48, height: 40)
        let file = try JPEGEncoder.encode(image, options: JPEGEncodeOptions(progressive: true))
        let segments = EncodedSegments(file)
        #expect(segments.first(0xC0) == nil)
        #expect(segments.first(0xC2) != nil)
        // (components, Ss, Se, Ah/Al) of each SOS, as jpeg_simple_progression.
        let scans = segments.all(0xDA).map { sos -> [Int] in
            let n = Int(sos.payload[0])
            return [n] + sos.payload[(1 + 2 * n)...].map(Int.init)
        }
        #expect(scans == [[3, 0, 0, 0x01], [1, 1, 5, 0x02], [1, 1, 63, 0x01], [1, 1, 63, 0x01], [1, 6, 63, 0x02],
                          [1, 1, 63, 0x21], [3, 0, 0, 0x10], [1, 1, 63, 0x10], [1, 1, 63, 0x10], [1, 1, 63, 0x10]])
    }

    @Test func greyImagesBecomeOneComponentUnlessAskedOtherwise() throws {
        let grey = try EncodeSamples.solid(RGBA8(r: 90, g: 90, b: 90))
        let colour = try EncodeSamples.photo(width: 24, height: 16)
        func components(_ image: RGBA8Image, _ mode: JPEGColorMode) throws -> UInt8? {
            EncodedSegments(try JPEGEncoder.encode(image, options: JPEGEncodeOptions(color: mode))).first(0xC0)?.payload[5]
        }
        #expect(try components(grey, .automatic) == 1)
        #expect(try components(grey, .ycbcr) == 3)
        #expect(try components(colour, .automatic) == 3)
        #expect(try components(colour, .grayscale) == 1)
        // One quantisation table and two Huffman tables for one component.
        let file = try JPEGEncoder.encode(grey)
        #expect(EncodedSegments(file).all(0xDB).count == 1)
        #expect(EncodedSegments(file).all(0xC4).count == 2)
    }

    @Test func metadataIsWrittenBack() throws {
        let image = try EncodeSamples.photo(width: 16, height: 16)
        let exif: [UInt8] = [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 0]
        var icc = [UInt8](repeating: 0, count: 70_000)
        for i in icc.indices { icc[i] = UInt8(truncatingIfNeeded: i &* 31) }
        let comment = Array("made by Raster".utf8)
        let file = try JPEGEncoder.encode(image, options: JPEGEncodeOptions(exif: exif, iccProfile: icc, comment: comment))
        let segments = EncodedSegments(file)
        #expect(segments.segments[1].marker == 0xE0)
        #expect(segments.segments[1].payload.prefix(5) == [0x4A, 0x46, 0x49, 0x46, 0])
        #expect(segments.first(0xE1)?.payload == Array("Exif".utf8) + [0, 0] + exif)
        let app2 = segments.all(0xE2)
        #expect(app2.count == 2)
        let header = Array("ICC_PROFILE".utf8) + [0]
        #expect(app2.map { Array($0.payload.prefix(14)) } == [header + [1, 2], header + [2, 2]])
        #expect(app2.flatMap { $0.payload.dropFirst(14) } == icc)
        #expect(segments.first(0xFE)?.payload == comment)
        // A block that already carries the "Exif\0\0" prefix is not prefixed twice.
        let prefixed = try JPEGEncoder.encode(image, options: JPEGEncodeOptions(exif: Array("Exif".utf8) + [0, 0] + exif))
        #expect(EncodedSegments(prefixed).first(0xE1)?.payload == Array("Exif".utf8) + [0, 0] + exif)
    }
}
