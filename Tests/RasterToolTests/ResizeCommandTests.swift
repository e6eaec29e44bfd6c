import Foundation
import Raster
import RasterTestSupport
import Testing

/// `raster-tool resize`: output sizes per fit mode, the library's pixels, and the error contract.
@Suite struct ResizeCommandTests {
    /// A small 70x45 PNG with an alpha gradient and a transparent corner, written to `dir`
    /// (the bench corpus is megapixels: too slow for the debug-built tool).
    static func makeSource(in dir: URL) throws -> URL {
        let image = try RGBA8Image(width: 70, height: 45) { p in
            for y in 0 ..< 45 {
                for x in 0 ..< 70 {
                    let i = (y * 70 + x) * 4
                    p[i] = UInt8(x * 3); p[i + 1] = UInt8(y * 5); p[i + 2] = UInt8((x * y) & 255)
                    p[i + 3] = x < 10 && y < 10 ? 0 : UInt8(min(255, 40 + x * 4))
                }
            }
        }
        let url = dir.appendingPathComponent("source.png")
        try Data(try Codecs.encode(.rgba8(image), as: .png)).write(to: url)
        return url
    }

    private func decode(_ url: URL) throws -> RGBA8Image {
        try Codecs.decode([UInt8](try Data(contentsOf: url))).image.narrowed()
    }

    @Test func sizesFollowTheFitModes() throws {
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try Self.makeSource(in: dir)
        let original = try decode(source)
        let (w, h) = (original.width, original.height)
        func aspect(_ v: Int, _ num: Int, _ den: Int) -> Int { max((2 * v * num + den) / (2 * den), 1) }
        let cases: [([String], Int, Int)] = [
            (["--size", "40x30"], 40, 30),
            (["--size", "40x30", "--fit", "fill"], 40, 30),
            (["--size", "64x"], 64, aspect(h, 64, w)),
            (["--size", "x64"], aspect(w, 64, h), 64),
            (["--size", "50x50", "--fit", "cover"], 50, 50),
            (["--size", "50x50", "--fit", "contain"], w >= h ? 50 : aspect(w, 50, h), w >= h ? aspect(h, 50, w) : 50),
        ]
        for (i, (extra, ew, eh)) in cases.enumerated() {
            let out = dir.appendingPathComponent("out\(i).png")
            let result = try RasterTool.run(["resize", source.path, out.path] + extra)
            #expect(result.status == 0, "\(extra): \(result.stderr)")
            let image = try decode(out)
            #expect(image.width == ew && image.height == eh, "\(extra): got \(image.width)x\(image.height)")
        }
    }

    @Test func pixelsAreTheLibrarysResult() throws {
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try Self.makeSource(in: dir)
        let original = try decode(source)
        for (filter, linear) in [("lanczos3", false), ("triangle", true), ("nearest", false)] {
            let out = dir.appendingPathComponent("\(filter).png")
            var args = ["resize", source.path, out.path, "--size", "33x21", "--filter", filter]
            if linear { args.append("--linear") }
            let result = try RasterTool.run(args)
            #expect(result.status == 0, "\(result.stderr)")
            let expected = try original.resized(width: 33, height: 21, filter: ResampleFilter(name: filter) ?? .box,
                                                linearLight: linear)
            #expect(try decode(out) == expected)
        }
    }

    @Test func sixteenBitStaysSixteenBit() throws {
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = TestPaths.fixtures.appendingPathComponent("png/grey_d16_n.png")
        let out = dir.appendingPathComponent("deep.png")
        let result = try RasterTool.run(["resize", source.path, out.path, "--size", "9x"])
        #expect(result.status == 0, "\(result.stderr)")
        guard case let .rgba16(original) = try Codecs.decode([UInt8](try Data(contentsOf: source))).image,
              case let .rgba16(resized) = try Codecs.decode([UInt8](try Data(contentsOf: out))).image else {
            Issue.record("a 16-bit source must give a 16-bit result")
            return
        }
        #expect(resized == (try original.resized(toFit: FitTarget(width: 9, height: nil))))
    }

    @Test func badRequestsExitOneWithOneLineAndNoOutput() throws {
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.png")
        let src = try Self.makeSource(in: dir).path
        try RasterTool.expectCleanFailure(["resize", src, out.path], mentions: "--size", output: out)
        try RasterTool.expectCleanFailure(["resize", src, out.path, "--size", "0x10"], mentions: "--size", output: out)
        try RasterTool.expectCleanFailure(["resize", src, out.path, "--size", "x"], mentions: "--size", output: out)
        try RasterTool.expectCleanFailure(["resize", src, out.path, "--size", "-5x10"], mentions: "--size", output: out)
        try RasterTool.expectCleanFailure(["resize", src, out.path, "--size", "abc"], mentions: "--size", output: out)
        try RasterTool.expectCleanFailure(["resize", src, out.path, "--size", "10x10", "--filter", "bicubic"], mentions: "unknown filter", output: out)
        try RasterTool.expectCleanFailure(["resize", src, out.path, "--size", "10x10", "--fit", "stretch"], mentions: "unknown fit", output: out)
        try RasterTool.expectCleanFailure(["resize", src, out.path, "--size", "1000000000x1000000000"], mentions: "too large", output: out)
        try RasterTool.expectCleanFailure(["resize", src], mentions: "IN and OUT", output: out)
        try RasterTool.expectCleanFailure(["resize", dir.appendingPathComponent("missing.png").path, out.path, "--size", "8x8"],
                               mentions: "missing.png", output: out)
        let junk = dir.appendingPathComponent("junk.png")
        try Data("not an image".utf8).write(to: junk)
        try RasterTool.expectCleanFailure(["resize", junk.path, out.path, "--size", "8x8"], mentions: "unknown image format", output: out)
        let bad = dir.appendingPathComponent("out.bmp")
        try RasterTool.expectCleanFailure(["resize", src, bad.path, "--size", "8x8"], mentions: "output format", output: bad)
    }
}
