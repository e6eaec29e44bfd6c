import Foundation
import Testing
import RasterDeflate
import RasterTestSupport

/// Streams written by Python's zlib (see Fixtures/scripts/make_deflate_fixtures.py).
@Suite struct FixtureTests {
    @Test(arguments: ["text", "binary"]) func zlibAndRawFixtures(name: String) throws {
        let expected = try TestPaths.fixture("deflate/\(name).bin")
        for level in [1, 6, 9] {
            let z = try TestPaths.fixture("deflate/\(name).zlib\(level)")
            #expect(try Zlib.decompress(z) == expected, "level \(level)")
            #expect(try inflateIncrementally(z, format: .zlib, step: 1) == expected)
            let (n, buf) = try inflateInto(z, capacity: expected.count)
            #expect(n == expected.count && buf == expected)
        }
        let raw = try TestPaths.fixture("deflate/\(name).raw")
        #expect(try Deflate.decompress(raw) == expected)
    }

    @Test func gzipWithName() throws {
        let expected = try TestPaths.fixture("deflate/text.bin")
        let gz = try TestPaths.fixture("deflate/text.named.gz")
        #expect(gz[3] & 0x08 != 0)
        #expect(try Gzip.decompress(gz) == expected)
        #expect(try inflateIncrementally(gz, format: .gzip, step: 1) == expected)
    }

    @Test func gzipMultiMember() throws {
        let expected = try TestPaths.fixture("deflate/text.bin") + TestPaths.fixture("deflate/binary.bin")
        let gz = try TestPaths.fixture("deflate/multi.gz")
        #expect(try Gzip.decompress(gz) == expected)
        #expect(try inflateIncrementally(gz, format: .gzip, step: 3) == expected)
    }

    @Test func ourOutputMatchesFixtureContent() throws {
        for name in ["text", "binary"] {
            let input = try TestPaths.fixture("deflate/\(name).bin")
            for level in [6, 9] {
                let ours = try Zlib.compress(input, level: level)
                let theirs = try TestPaths.fixture("deflate/\(name).zlib\(level)")
                #expect(try Zlib.decompress(ours) == input)
                // Same or smaller than zlib at the same level, give or take a few bytes.
                #expect(ours.count <= theirs.count + 8, "\(name) level \(level): \(ours.count) vs \(theirs.count)")
            }
            // Level 1 is libdeflate's kind of matcher (4-byte matches, no chains): its
            // reference is libdeflate's level 1, which our inflater must also read.
            let ours = try Zlib.compress(input, level: 1)
            let libdeflate = try TestPaths.fixture("deflate/\(name).libdeflate1")
            #expect(try Zlib.decompress(libdeflate) == input)
            #expect(try Zlib.decompress(ours) == input)
            #expect(ours.count <= libdeflate.count, "\(name) level 1: \(ours.count) vs libdeflate \(libdeflate.count)")
        }
    }

    /// Every level and format inflates back to the input the reference streams (Python's zlib,
    /// libdeflate) were made from, one-shot and fed in pieces.
    @Test(arguments: 0...9) func everyLevelInflatesToTheFixtureInput(level: Int) throws {
        for name in ["text", "binary"] {
            let input = try TestPaths.fixture("deflate/\(name).bin")
            #expect(try Zlib.decompress(Zlib.compress(input, level: level)) == input)
            #expect(try Gzip.decompress(Gzip.compress(input, level: level)) == input)
            #expect(try Deflate.decompress(Deflate.compress(input, level: level)) == input)
            #expect(try inflateIncrementally(Zlib.compress(input, level: level), format: .zlib, step: 7) == input)
        }
    }
    /// Each level's output, in all three formats and every strategy, inflates (with our
    /// inflater) to exactly the input the reference zlib streams above decode to. With
    /// RASTER_DEFLATE_STREAMS_DIR set, the streams are also written there, named
    /// `<input>.<strategy>.<level>.<zlib|gzip|raw>`, so that
    /// Fixtures/scripts/check_deflate_with_zlib.py can inflate every one with Python's zlib
    /// when fixtures are made (tests themselves never need Python).
    @Test(arguments: 0...9) func everyLevelMatchesTheReferenceStreamsContent(level: Int) throws {
        let outDir = ProcessInfo.processInfo.environment["RASTER_DEFLATE_STREAMS_DIR"]
        let strategies: [(String, DeflateStrategy)] = [
            ("default", .default), ("filtered", .filtered), ("huffmanOnly", .huffmanOnly), ("rle", .rle)]
        for name in ["text", "binary"] {
            let input = try TestPaths.fixture("deflate/\(name).bin")
            // The reference streams' own expectation: what Python's zlib wrote decodes to `input`.
            #expect(try Zlib.decompress(TestPaths.fixture("deflate/\(name).zlib6")) == input)
            for (label, strategy) in strategies {
                for format in ["zlib", "gzip", "raw"] {
                    let stream: [UInt8], inflated: [UInt8]
                    switch format {
                    case "zlib":
                        stream = try Zlib.compress(input, level: level, strategy: strategy)
                        inflated = try Zlib.decompress(stream)
                    case "gzip":
                        stream = try Gzip.compress(input, level: level, strategy: strategy)
                        inflated = try Gzip.decompress(stream)
                    default:
                        stream = try Deflate.compress(input, level: level, strategy: strategy)
                        inflated = try Deflate.decompress(stream)
                    }
                    #expect(inflated == input, "\(name) \(label) level \(level) \(format)")
                    if let outDir {
                        let url = URL(fileURLWithPath: outDir)
                            .appendingPathComponent("\(name).\(label).\(level).\(format)")
                        try Data(stream).write(to: url)
                    }
                }
            }
        }
    }
}
