import Foundation
import Raster
import RasterTestSupport
import Testing

/// `raster-tool info` and `convert` with JPEG on either side: the contract's fields, the
/// encoder flags, DCT-scaled decoding and EXIF orientation.
@Suite struct JPEGCommandTests {
    /// A minimal big-endian EXIF (TIFF) block whose IFD0 holds only the orientation tag.
    static func exif(orientation: UInt8) -> [UInt8] {
        [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,      // "MM", 42, IFD0 at 8
         0x00, 0x01,                                          // one entry
         0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,      // tag 0x0112, SHORT, count 1
         0x00, orientation, 0x00, 0x00,                       // value, padding
         0x00, 0x00, 0x00, 0x00]                              // no next IFD
    }

    static func info(_ path: String) throws -> [String: Any] {
        let result = try RasterTool.run(["info", path])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func infoReportsProgressiveAndOrientation() throws {
        let json = try Self.info(TestPaths.fixtures.appendingPathComponent("jpeg/prog_420.jpg").path)
        #expect(json["format"] as? String == "jpeg")
        #expect(json["channels"] as? Int == 3)
        #expect(json["bitDepth"] as? Int == 8)
        #expect(json["progressive"] as? Bool == true)
        #expect(json["orientation"] as? Int == 1)
    }

    @Test func convertWritesTheRequestedJPEG() throws {
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = TestPaths.fixtures.appendingPathComponent("bench/alpha.png").path
        let out = dir.appendingPathComponent("out.jpg").path
        let result = try RasterTool.run(["convert", source, out, "--quality", "50", "--subsampling", "444", "--progressive"])
        #expect(result.status == 0, "\(result.stderr)")
        let header = try JPEGDecoder.probe([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))
        #expect(header.isProgressive)
        #expect(header.components.allSatisfy { $0.horizontalSampling == 1 && $0.verticalSampling == 1 })
        let plain = dir.appendingPathComponent("plain.jpg").path
        #expect(try RasterTool.run(["convert", source, plain]).status == 0)
        let defaults = try JPEGDecoder.probe([UInt8](try Data(contentsOf: URL(fileURLWithPath: plain))))
        #expect(defaults.process == .baseline)
        #expect(defaults.components.first?.horizontalSampling == 2 && defaults.components.first?.verticalSampling == 2)
    }

    @Test func scaledDecodeAndItsErrors() throws {
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let jpeg = TestPaths.fixtures.appendingPathComponent("bench/photo.jpg").path
        let png = TestPaths.fixtures.appendingPathComponent("bench/photo.png").path
        let out = dir.appendingPathComponent("eighth.png").path
        #expect(try RasterTool.run(["convert", jpeg, out, "--scale", "1/8"]).status == 0)
        let json = try Self.info(out)
        #expect(json["width"] as? Int == 240 && json["height"] as? Int == 135)
        for (args, word) in [(["convert", png, out + "2.png", "--scale", "1/2"], "JPEG input only"),
                             (["convert", jpeg, out + "3.png", "--scale", "1/3"], "--scale"),
                             (["convert", jpeg, out + "4.jpg", "--subsampling", "411"], "--subsampling")] {
            let result = try RasterTool.run(args)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(word), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: args[2]))
        }
    }

    @Test func orientIsAppliedOnlyWhenAskedAndThenReset() throws {
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var image = try RGBA8Image(width: 6, height: 4, fill: .white)
        image.fill(Rect(x: 0, y: 0, width: 2, height: 2), with: RGBA8(r: 255, g: 0, b: 0))  // a red top-left corner
        let tagged = try JPEGEncoder.encode(image, options: JPEGEncodeOptions(quality: 95, subsampling: .s444,
                                                                                 exif: Self.exif(orientation: 6)))
        let source = dir.appendingPathComponent("rotated.jpg")
        try Data(tagged).write(to: source)
        #expect(try Self.info(source.path)["orientation"] as? Int == 6)

        let kept = dir.appendingPathComponent("kept.jpg").path
        #expect(try RasterTool.run(["convert", source.path, kept]).status == 0)
        let keptInfo = try Self.info(kept)
        #expect(keptInfo["orientation"] as? Int == 6 && keptInfo["width"] as? Int == 6)

        let upright = dir.appendingPathComponent("upright.jpg").path
        #expect(try RasterTool.run(["convert", source.path, upright, "--orient"]).status == 0)
        let uprightInfo = try Self.info(upright)
        #expect(uprightInfo["orientation"] as? Int == 1)
        #expect(uprightInfo["width"] as? Int == 4 && uprightInfo["height"] as? Int == 6)
        let pixels = try Codecs.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: upright)))).image.narrowed()
        // Orientation 6 turns the image clockwise: the stored top-left corner lands top-right.
        func isRed(_ p: RGBA8) -> Bool { Int(p.r) - Int(p.g) > 100 }
        #expect(isRed(pixels[3, 0]) && isRed(pixels[2, 1]))
        #expect(!isRed(pixels[0, 0]) && !isRed(pixels[0, 5]) && !isRed(pixels[3, 5]))
    }
}
