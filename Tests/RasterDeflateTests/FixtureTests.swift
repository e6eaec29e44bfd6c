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
            for level in [1, 6, 9] {
                let ours = try Zlib.compress(input, level: level)
                let theirs = try TestPaths.fixture("deflate/\(name).zlib\(level)")
                #expect(try Zlib.decompress(ours) == input)
                // Same or smaller than zlib at the same level, give or take a few bytes.
                #expect(ours.count <= theirs.count + 8, "\(name) level \(level): \(ours.count) vs \(theirs.count)")
            }
        }
    }
}
