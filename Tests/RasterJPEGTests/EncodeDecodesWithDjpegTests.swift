import Foundation
import RasterCore
import RasterTestSupport
import Testing
@testable import RasterJPEG

/// Decoding by libjpeg-turbo, recorded at fixture time: for each source, the file the
/// encoder writes at quality 90, 4:2:0 is the file djpeg decoded into `<case>.djpeg.pnm`
/// (the bytes are compared here), and that decode is close to the source pixels. Then the
/// same file through RasterJPEG's own decoder: the pixels djpeg gave, within 1 per channel
/// (the decoder's contract with libjpeg-turbo).
@Suite struct EncodeDecodesWithDjpegTests {
    static let cases = [("photo-61x45", 61, 45), ("photo-48x32", 48, 32), ("gray-33x17", 33, 17), ("alpha-40x26", 40, 26)]

    @Test(arguments: cases)
    func djpegDecodeIsCloseToTheSource(_ name: String, _ width: Int, _ height: Int) throws {
        let stem = "jpeg-encode/\(name)_q90_420_standard_r0"
        let source = try RGBA8Image(width: width, height: height, samples: try TestPaths.fixture("jpeg-encode/\(name).rgba"))
        let ours = try JPEGEncoder.encode(source)
        #expect(ours == (try TestPaths.fixture(stem + ".jpg")))

        // PNM: "P5"/"P6", width, height, 255, then samples.
        let pnm = try TestPaths.fixture(stem + ".djpeg.pnm")
        var fields: [String] = []
        var i = 0
        while fields.count < 4 {
            var token = ""
            while i < pnm.count, pnm[i] == 0x20 || pnm[i] == 0x0A { i += 1 }
            while i < pnm.count, pnm[i] != 0x20, pnm[i] != 0x0A { token.append(Character(UnicodeScalar(pnm[i]))); i += 1 }
            fields.append(token)
        }
        i += 1
        let channels = fields[0] == "P5" ? 1 : 3
        #expect(fields[1] == String(width) && fields[2] == String(height))
        #expect(pnm.count - i == width * height * channels)

        // Compare with the source as the encoder saw it (alpha flattened onto white).
        var squaredError = 0.0
        var count = 0
        for p in 0 ..< width * height {
            let a = Int(source.samples[p * 4 + 3])
            for c in 0 ..< 3 {
                let s = (Int(source.samples[p * 4 + c]) * a + 255 * (255 - a) + 127) / 255
                let d = Int(pnm[i + p * channels + (channels == 1 ? 0 : c)])
                squaredError += Double((s - d) * (s - d))
                count += 1
            }
        }
        // RasterJPEG's decoder on our file gives djpeg's pixels (at most 1 apart).
        let decoded = try JPEGDecoder.decode(ours).pixels
        #expect(decoded.width == width && decoded.height == height)
        var worst = 0
        for p in 0 ..< width * height {
            for c in 0 ..< 3 {
                let d = Int(pnm[i + p * channels + (channels == 1 ? 0 : c)])
                worst = max(worst, abs(Int(decoded.samples[p * 4 + c]) - d))
            }
            #expect(decoded.samples[p * 4 + 3] == 255)
        }
        #expect(worst <= 1, "largest difference from djpeg: \(worst)")

        let mse = squaredError / Double(count)
        let psnr = 10 * log10(255.0 * 255.0 / max(mse, 1e-9))
        // The sources are small and noisy (grain of sigma 9): about 28.5 dB for the photos at
        // quality 90, 4:2:0; a wrong decode or a shifted plane gives far less.
        #expect(psnr > 27, "PSNR \(psnr) dB")
    }
}
