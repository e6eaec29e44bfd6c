import Foundation
import Raster
import RasterTestSupport
import Testing

/// `raster-tool thumbnail`: the library's result, default size and quality, and the error contract.
@Suite struct ThumbnailCommandTests {
    static func source(in dir: URL) throws -> URL {
        let image = try RGBA8Image(width: 320, height: 200) { p in
            for i in 0 ..< 320 * 200 { p[i * 4] = UInt8(i % 320 * 255 / 319); p[i * 4 + 1] = UInt8(i / 320); p[i * 4 + 3] = 255 }
        }
        let url = dir.appendingPathComponent("source.jpg")
        try Data(try Codecs.encode(image, as: .jpeg)).write(to: url)
        return url
    }

    @Test func writesTheLibrarysThumbnail() throws {
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = try Self.source(in: dir)
        let bytes = [UInt8](try Data(contentsOf: src))
        let png = dir.appendingPathComponent("t.png")
        let r1 = try RasterTool.run(["thumbnail", src.path, png.path, "--size", "64"])
        #expect(r1.status == 0, "\(r1.stderr)")
        #expect(try Codecs.decode([UInt8](try Data(contentsOf: png))).image == (try Thumbnail.image(bytes, size: 64)))
        // Defaults: 256 box (the 320x200 source becomes 256x160), JPEG quality 85.
        let jpg = dir.appendingPathComponent("t.jpg")
        let r2 = try RasterTool.run(["thumbnail", src.path, jpg.path])
        #expect(r2.status == 0, "\(r2.stderr)")
        #expect([UInt8](try Data(contentsOf: jpg)) == (try Thumbnail.make(bytes, size: 256, format: .jpeg, quality: 85)))
        let info = try Codecs.probe([UInt8](try Data(contentsOf: jpg)))
        #expect(info.width == 256 && info.height == 160)
    }

    @Test func badRequestsExitOneWithOneLineAndNoOutput() throws {
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = try Self.source(in: dir).path
        let out = dir.appendingPathComponent("out.jpg")
        try RasterTool.expectCleanFailure(["thumbnail", src], mentions: "IN and OUT", output: out)
        try RasterTool.expectCleanFailure(["thumbnail", src, out.path, "--size", "0"], mentions: "--size", output: out)
        try RasterTool.expectCleanFailure(["thumbnail", src, out.path, "--size", "big"], mentions: "--size", output: out)
        try RasterTool.expectCleanFailure(["thumbnail", src, out.path, "--quality", "101"], mentions: "--quality", output: out)
        try RasterTool.expectCleanFailure(["thumbnail", src, out.path, "--bogus"], mentions: "unknown option", output: out)
        try RasterTool.expectCleanFailure(["thumbnail", dir.appendingPathComponent("none.jpg").path, out.path], mentions: "none.jpg", output: out)
        let junk = dir.appendingPathComponent("junk.jpg")
        try Data("not an image".utf8).write(to: junk)
        try RasterTool.expectCleanFailure(["thumbnail", junk.path, out.path], mentions: "unknown image format", output: out)
        // A truncated JPEG: a clean error, no partial output.
        let cut = dir.appendingPathComponent("cut.jpg")
        let whole = try Data(contentsOf: URL(fileURLWithPath: src))
        try whole.prefix(whole.count / 2).write(to: cut)
        let r = try RasterTool.run(["thumbnail", cut.path, out.path])
        #expect(r.status == 1 && r.stderr.hasPrefix("error: ") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
