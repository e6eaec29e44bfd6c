import RasterCore
import Testing
@testable import RasterJPEG

@Suite struct EncodeOptionsTests {
    @Test func rejectsOutOfRangeQuality() throws {
        let image = try RGBA8Image(width: 8, height: 8, fill: .white)
        for q in [0, -5, 101] {
            #expect(throws: JPEGEncodeError.invalidQuality(q)) {
                try JPEGEncoder.encode(image, options: JPEGEncodeOptions(quality: q))
            }
        }
        do {
            _ = try JPEGEncoder.encode(image, options: JPEGEncodeOptions(quality: 0))
        } catch {
            #expect(error.kind == .invalidArgument)
        }
    }
}
