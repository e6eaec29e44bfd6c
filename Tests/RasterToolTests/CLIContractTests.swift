import Foundation
import RasterTestSupport
import Testing

/// Argument handling and the error contract of `raster-tool`.
@Suite struct CLIContractTests {
    private func expectCleanFailure(_ args: [String], mentions word: String) throws {
        let result = try RasterTool.run(args)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderr)")
        #expect(lines.first?.hasPrefix("error: ") == true)
        #expect(result.stderr.contains(word), "stderr: \(result.stderr)")
    }

    @Test func badArgumentsExitOneWithOneErrorLine() throws {
        try expectCleanFailure([], mentions: "no command")
        try expectCleanFailure(["frobnicate"], mentions: "unknown command")
        try expectCleanFailure(["info"], mentions: "FILE")
        try expectCleanFailure(["convert", "a.png"], mentions: "IN and OUT")
        try expectCleanFailure(["convert", "a.png", "b.png", "--quality"], mentions: "--quality")
        try expectCleanFailure(["convert", "a.png", "b.png", "--bogus"], mentions: "unknown option")
        try expectCleanFailure(["composite", "a.png", "b.png", "c.png"], mentions: "--op")
    }

    @Test func missingInputExitsOneAndWritesNothing() throws {
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.png")
        try expectCleanFailure(["convert", dir.appendingPathComponent("missing.png").path, out.path],
                               mentions: "missing.png")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        try expectCleanFailure(["info", dir.appendingPathComponent("missing.png").path], mentions: "missing.png")
    }

    @Test func garbageInputIsAnUnknownFormat() throws {
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let junk = dir.appendingPathComponent("junk.png")
        try Data("hello, not an image".utf8).write(to: junk)
        try expectCleanFailure(["info", junk.path], mentions: "unknown image format")
        try expectCleanFailure(["convert", junk.path, dir.appendingPathComponent("o.rgba").path],
                               mentions: "unknown image format")
    }

    @Test func infoPrintsOneJSONLineFromTheHeader() throws {
        let file = TestPaths.fixtures.appendingPathComponent("bench/alpha.png")
        try #require(FileManager.default.fileExists(atPath: file.path))
        let result = try RasterTool.run(["info", file.path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["format"] as? String == "png")
        #expect((json?["width"] as? Int ?? 0) > 0)
        #expect(json?["channels"] as? Int == 4)
        #expect(json?["bitDepth"] as? Int == 8)
    }

    @Test func infoNeedsOnlyTheHeader() throws {
        // A PNG cut off right after IHDR still has a complete header.
        let full = try TestPaths.fixture("bench/alpha.png")
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cut = dir.appendingPathComponent("cut.png")
        try Data(full.prefix(8 + 25)).write(to: cut)
        let result = try RasterTool.run(["info", cut.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("\"format\":\"png\""))
    }

    @Test func compositeClipsAnyOffsetAndRejectsUnknownOperators() throws {
        let dst = TestPaths.fixtures.appendingPathComponent("png/rgb_d8_n.png").path
        let src = TestPaths.fixtures.appendingPathComponent("png/rgba_d8_n.png").path
        let dir = try RasterTool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.png").path
        for at in ["0,0", "-500,-300", "9223372036854775807,-9223372036854775808", "100,100"] {
            let result = try RasterTool.run(["composite", dst, src, out, "--op", "src-over", "--at", at])
            #expect(result.status == 0, "--at \(at): \(result.stderr)")
        }
        try expectCleanFailure(["composite", dst, src, out + "2", "--op", "multiply"], mentions: "unknown operator")
        try expectCleanFailure(["composite", dst, src, out + "3", "--op", "xor", "--at", "1;2"], mentions: "--at")
        #expect(!FileManager.default.fileExists(atPath: out + "2"))
    }
}
