import RasterCore
import RasterJPEG
import RasterTestSupport
import Testing

/// APPn/COM segments spliced into a fixture right after SOI.
@Suite struct DecodeMetadataTests {
    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// A little-endian TIFF block with one IFD0 entry: orientation = `value`.
    static func exif(orientation value: UInt16) -> [UInt8] {
        var tiff: [UInt8] = [0x49, 0x49, 42, 0, 8, 0, 0, 0]      // "II", 42, IFD0 at 8
        tiff += [1, 0]                                           // one entry
        tiff += [0x12, 0x01, 3, 0, 1, 0, 0, 0, UInt8(value & 0xFF), UInt8(value >> 8), 0, 0]
        tiff += [0, 0, 0, 0]                                     // no next IFD
        return Array("Exif\0\0".utf8) + tiff
    }

    static func icc(_ sequence: UInt8, of total: UInt8, _ data: [UInt8]) -> [UInt8] {
        Array("ICC_PROFILE\0".utf8) + [sequence, total] + data
    }

    static func splice(_ segments: [[UInt8]], into name: String = "sample_420.jpg") throws -> [UInt8] {
        let bytes = try TestPaths.fixture("jpeg/" + name)
        return Array(bytes[0..<2]) + segments.flatMap { $0 } + Array(bytes[2...])
    }

    @Test func exifOrientationIsReportedByDecodeAndProbe() throws {
        for orientation in Orientation.allCases {
            let file = try Self.splice([Self.segment(0xE1, Self.exif(orientation: UInt16(orientation.rawValue)))])
            let image = try JPEGDecoder.decode(file)
            #expect(image.metadata.orientation == orientation)
            #expect(image.header.orientation == orientation)
            #expect(try JPEGDecoder.probe(file).orientation == orientation)
            #expect(image.metadata.exif == Array(Self.exif(orientation: UInt16(orientation.rawValue)).dropFirst(6)))
        }
        // Pixels do not change: orientation is reported, not applied.
        let plain = try JPEGDecoder.decode(try TestPaths.fixture("jpeg/sample_420.jpg"))
        let rotated = try JPEGDecoder.decode(try Self.splice([Self.segment(0xE1, Self.exif(orientation: 6))]))
        #expect(plain.pixels == rotated.pixels)
        #expect(plain.metadata.orientation == .up)
    }

    @Test func iccChunksAreReassembledInSequenceOrder() throws {
        let a = [UInt8](repeating: 1, count: 300), b = [UInt8](repeating: 2, count: 200), c = [UInt8](repeating: 3, count: 5)
        let file = try Self.splice([Self.segment(0xE2, Self.icc(2, of: 3, b)), Self.segment(0xE2, Self.icc(3, of: 3, c)),
                                    Self.segment(0xE2, Self.icc(1, of: 3, a))])
        let image = try JPEGDecoder.decode(file)
        #expect(image.metadata.iccProfile == a + b + c)
        #expect(image.warnings.isEmpty)
        // A missing chunk drops the profile with a warning, never the image.
        let broken = try Self.splice([Self.segment(0xE2, Self.icc(1, of: 3, a)), Self.segment(0xE2, Self.icc(3, of: 3, c))])
        let partial = try JPEGDecoder.decode(broken)
        #expect(partial.metadata.iccProfile == nil)
        #expect(partial.warnings.count == 1)
    }

    @Test func commentsJFIFAndTheMetadataLimit() throws {
        let file = try Self.splice([Self.segment(0xFE, Array("first".utf8)), Self.segment(0xFE, Array("second".utf8))])
        let image = try JPEGDecoder.decode(file)
        #expect(image.metadata.comments == [Array("first".utf8), Array("second".utf8)])
        let limited = try JPEGDecoder.decode(file, options: .init(metadataLimit: 7))
        #expect(limited.metadata.comments == [Array("first".utf8)])
        #expect(limited.warnings.count == 1)
        // cjpeg writes JFIF 1.01 with no density units.
        let jfif = try #require(image.metadata.jfif)
        #expect(jfif.majorVersion == 1)
    }

    @Test func probeReadsHeaderOnly() throws {
        let bytes = try TestPaths.fixture("jpeg/prog_420.jpg")
        let header = try JPEGDecoder.probe(bytes)
        #expect(header.width == 67 && header.height == 45)
        #expect(header.process == .progressive && header.isProgressive)
        #expect(header.componentCount == 3 && header.colorSpace == .yCbCr)
        #expect(header.samplingFactors.map { [$0.horizontal, $0.vertical] } == [[2, 2], [1, 1], [1, 1]])
        // The probe never touches entropy data: cutting the file after the first SOS
        // header still probes, while a decode fails.
        let sos = try #require(bytes.indices.first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA })
        let cut = Array(bytes[0..<(sos + 14)])
        #expect(try JPEGDecoder.probe(cut) == header)
        #expect(throws: JPEGError.self) { try JPEGDecoder.decode(cut) }
        #expect(try JPEGDecoder.probe(try TestPaths.fixture("jpeg/gray.jpg")).colorSpace == .grayscale)
        #expect(try JPEGDecoder.probe(try TestPaths.fixture("jpeg/rgb.jpg")).colorSpace == .rgb)
        #expect(try JPEGDecoder.probe(try TestPaths.fixture("jpeg/cmyk.jpg")).colorSpace == .cmyk)
        #expect(try JPEGDecoder.probe(try TestPaths.fixture("jpeg/sof1_q16.jpg")).process == .extendedHuffman)
    }

    @Test func scaledSizesRoundUpAsDjpeg() throws {
        let bytes = try TestPaths.fixture("jpeg/size_17x15_420.jpg")
        for scale in JPEGScale.allCases {
            let image = try JPEGDecoder.decode(bytes, options: .init(scale: scale))
            #expect(image.pixels.width == (17 + scale.rawValue - 1) / scale.rawValue)
            #expect(image.pixels.height == (15 + scale.rawValue - 1) / scale.rawValue)
        }
    }
}
