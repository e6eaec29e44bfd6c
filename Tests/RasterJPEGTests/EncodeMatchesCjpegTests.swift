import RasterCore
import RasterTestSupport
import Testing
@testable import RasterJPEG

/// The encoder against libjpeg-turbo 2.1.5's cjpeg, byte for byte: every case in
/// Fixtures/jpeg-encode/cases.txt (made by Fixtures/scripts/make_jpeg_encoder_fixtures.py)
/// is a source raster, settings, and the file cjpeg wrote for them. Equal bytes mean equal
/// quantisation tables, DCT, downsampling, Huffman tables and scans, hence equal pixels and
/// PSNR under any decoder.
@Suite struct EncodeMatchesCjpegTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: String
        var width: Int
        var height: Int
        var options: JPEGEncodeOptions
        var expected: String
        var testDescription: String { expected }
    }

    static let cases: [Case] = {
        guard let text = try? TestPaths.fixture("jpeg-encode/cases.txt") else { return [] }
        return String(decoding: text, as: UTF8.self).split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let f = line.split(separator: " ").map(String.init)
            guard f.count == 8, let w = Int(f[1]), let h = Int(f[2]), let q = Int(f[3]), let r = Int(f[6]) else { return nil }
            var options = JPEGEncodeOptions(quality: q, restartInterval: r)
            options.subsampling = ["420": .s420, "422": .s422, "444": .s444][f[4]] ?? .s420
            options.optimizeHuffman = f[5] == "optimize"
            options.progressive = f[5] == "progressive"
            return Case(source: f[0], width: w, height: h, options: options, expected: f[7])
        }
    }()

    @Test func manifestIsComplete() {
        // 4 sources x 20 settings (see the fixture script).
        #expect(Self.cases.count == 80)
    }

    @Test(arguments: cases)
    func matchesCjpeg(_ c: Case) throws {
        let pixels = try TestPaths.fixture("jpeg-encode/" + c.source)
        let image = try RGBA8Image(width: c.width, height: c.height, samples: pixels)
        let expected = try TestPaths.fixture("jpeg-encode/" + c.expected)
        let ours = try JPEGEncoder.encode(image, options: c.options)
        // Compared as a whole, reported by the first differing offset (the arrays are long).
        let firstDifference = zip(ours, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil, "first difference at byte \(firstDifference ?? -1) of \(expected.count)")
        #expect(ours.count == expected.count)
    }
}
