import RasterCore
import RasterDeflate
import RasterPNG
import RasterTestSupport
import Testing

/// The `.fast` encode preset: level 1, lossless like the default, and an out-of-range level
/// is the caller's argument under one rule with RasterDeflate.
@Suite struct FastPresetTests {
    /// The zlib FLG byte of the first IDAT chunk (its FLEVEL bits say the level class).
    static func idatFLG(_ png: [UInt8]) -> UInt8? {
        var i = 8
        while i + 8 <= png.count {
            let n = Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3])
            if png[i + 4 ..< i + 8].elementsEqual("IDAT".utf8) { return png[i + 9] }
            i += 12 + n
        }
        return nil
    }

    @Test func fastIsLevelOneAndLossless() throws {
        var rng = SplitMix64(seed: 77)
        var img = try RGBA8Image(width: 61, height: 37)
        for y in 0 ..< 37 {
            for x in 0 ..< 61 {
                let n = UInt8(truncatingIfNeeded: rng.next() & 7)
                img[x, y] = RGBA8(r: UInt8(truncatingIfNeeded: x * 4) &+ n, g: UInt8(truncatingIfNeeded: y * 6), b: n, a: 200)
            }
        }
        #expect(PNGEncodeOptions.fast.compressionLevel == 1)
        let fast = try PNGEncoder.encode(img, options: .fast)
        let normal = try PNGEncoder.encode(img)
        #expect(try PNGDecoder.decode(fast).pixels == .rgba8(img))
        // FLEVEL 0 (fastest) for level 1, 2 (default) for level 6, as zlib writes them.
        #expect(Self.idatFLG(fast).map { $0 >> 6 } == 0)
        #expect(Self.idatFLG(normal).map { $0 >> 6 } == 2)
    }

    @Test func levelOutOfRangeIsAnArgumentError() throws {
        let img = try RGBA8Image(width: 2, height: 2)
        #expect(throws: PNGEncodeError.invalidCompressionLevel(12)) {
            try PNGEncoder.encode(img, options: PNGEncodeOptions(compressionLevel: 12))
        }
    }
}
