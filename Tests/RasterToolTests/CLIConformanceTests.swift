import Foundation
import Raster
import RasterTestSupport
import Testing

/// The CLI contract over every conformance image: valid files convert to the reference
/// pixels, broken ones exit 1 with one `error:` line and no output file, and nothing
/// crashes or hangs.
@Suite struct CLIConformanceTests {
    @Test func suiteIsPresentUnderCI() {
        if ConformanceManifest.isRequired { #expect(!ConformanceManifest.entries.isEmpty) }
    }

    @Test(arguments: ConformanceManifest.entries)
    func convertToRGBA(_ entry: ConformanceEntry) throws {
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.rgba")
        let input = try #require(entry.url)
        let result = try RasterTool.run(["convert", input.path, out.path])
        let wrote = FileManager.default.fileExists(atPath: out.path)
        // A crash shows as a signal status or a status other than 0 and 1.
        #expect(result.status == 0 || result.status == 1, "status \(result.status): \(result.stderr)")
        if result.status == 0 {
            #expect(wrote)
            #expect(result.stderr.isEmpty)
        } else {
            #expect(!wrote, "a failed convert left \(out.lastPathComponent) behind")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("error: "), "stderr: \(result.stderr)")
        }
        switch entry.expect {
        case .error:
            #expect(result.status == 1)
        case .ok where entry.format == "png":
            #expect(result.status == 0)
            if result.status == 0, let expected = entry.expectedRGBA8 {
                let bytes = [UInt8](try Data(contentsOf: out))
                #expect(SHA256.hex(bytes) == expected)
            }
        case .ok:
            // JPEG: the contract allows 1 per channel from libjpeg-turbo's decode, so the
            // output is compared with the reference PNG beside the suite, not by hash.
            #expect(result.status == 0)
            if result.status == 0, let root = TestPaths.conformance {
                let reference = root.appendingPathComponent("jpeg-reference")
                    .appendingPathComponent(String(entry.file.dropFirst("jpeg/".count)) + ".png")
                let expected = try Codecs.decode([UInt8](try Data(contentsOf: reference))).image.narrowed()
                let got = [UInt8](try Data(contentsOf: out))
                #expect(got.count == expected.samples.count)
                let worst = zip(got, expected.samples).reduce(0) { max($0, abs(Int($1.0) - Int($1.1))) }
                #expect(worst <= 1, "\(entry.file): a channel is \(worst) from the reference")
            }
        case .either:
            // Damaged files may decode or be refused, but never crash (checked above).
            break
        }
    }
}
