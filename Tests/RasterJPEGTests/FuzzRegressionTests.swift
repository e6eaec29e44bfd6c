import Foundation
import RasterCore
import RasterJPEG
import RasterTestSupport
import Testing

/// Every input the JPEG fuzz target ever crashed on (Tests/Fuzz/regressions/jpeg: the first
/// byte picks the fuzz target's DCT scale, the rest is the file) decodes to an image or a
/// typed error, strict and lenient, at every scale.
@Suite struct FuzzRegressionTests {
    static let directory = TestPaths.packageRoot.appendingPathComponent("Tests/Fuzz/regressions/jpeg")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".jpg") }.sorted()
    }

    @Test func regressionInputsArePresent() {
        #expect(Self.inputs.contains("lenient-index-out-of-range.jpg"))
    }

    @Test(arguments: FuzzRegressionTests.inputs)
    func endsInAnImageOrATypedError(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent(name)).dropFirst())
        let limits = DecodeLimits(maxWidth: 1 << 14, maxHeight: 1 << 14, maxPixels: 1 << 22, maxBytes: 1 << 27)
        for scale in JPEGScale.allCases {
            for lenient in [false, true] {
                do {
                    let image = try JPEGDecoder.decode(bytes, options: JPEGDecodeOptions(limits: limits, scale: scale, lenient: lenient))
                    #expect(image.pixels.width == scale.scaled(image.header.width))
                } catch {
                    #expect(ErrorKind.allCases.contains(error.kind))
                }
            }
        }
    }
}
