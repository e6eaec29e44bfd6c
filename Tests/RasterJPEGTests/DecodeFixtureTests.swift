import Foundation
import RasterCore
import RasterJPEG
import RasterTestSupport
import Testing

/// One line of Fixtures/jpeg/manifest.txt (made by Fixtures/scripts/make_jpeg_fixtures.py).
struct JPEGFixture: Sendable, CustomTestStringConvertible {
    var jpeg: String
    var reference: String
    var scale: JPEGScale
    /// "exact", "near" or "error".
    var expectation: String
    var errorKind: String?
    var testDescription: String { scale == .full ? jpeg : "\(jpeg) @1/\(scale.rawValue)" }

    static let all: [JPEGFixture] = {
        guard let text = try? String(contentsOf: TestPaths.fixtures.appendingPathComponent("jpeg/manifest.txt"), encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ").map(String.init)
            guard f.count >= 4, let n = Int(f[2]), let scale = JPEGScale(rawValue: n) else { return nil }
            return JPEGFixture(jpeg: f[0], reference: f[1], scale: scale, expectation: f[3], errorKind: f.count > 4 ? f[4] : nil)
        }
    }()
}

/// Reads a binary PGM (P5) or PPM (P6) as djpeg writes it, into RGBA.
func readPNM(_ bytes: [UInt8]) throws -> RGBA8Image {
    var i = 0
    func token() -> String {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        var s = ""
        while i < bytes.count, !(bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09) {
            s.append(Character(UnicodeScalar(bytes[i]))); i += 1
        }
        return s
    }
    let magic = token()
    let w = Int(token()) ?? 0, h = Int(token()) ?? 0
    _ = token()
    i += 1
    let channels = magic == "P5" ? 1 : 3
    var out = [UInt8](repeating: 255, count: w * h * 4)
    for p in 0..<(w * h) {
        for c in 0..<3 { out[p * 4 + c] = bytes[i + p * channels + (channels == 1 ? 0 : c)] }
    }
    return try RGBA8Image(width: w, height: h, samples: out)
}

@Suite struct DecodeFixtureTests {
    @Test func fixturesArePresent() {
        #expect(JPEGFixture.all.count >= 100)
    }

    @Test(arguments: JPEGFixture.all)
    func matchesDjpeg(_ fixture: JPEGFixture) throws {
        let bytes = try TestPaths.fixture("jpeg/" + fixture.jpeg)
        let options = JPEGDecodeOptions(scale: fixture.scale)
        if fixture.expectation == "error" {
            do {
                _ = try JPEGDecoder.decode(bytes, options: options)
                Issue.record("decoded a file that must fail")
            } catch {
                #expect(error.kind.rawValue == fixture.errorKind)
            }
            return
        }
        let image = try JPEGDecoder.decode(bytes, options: options)
        let reference = try readPNM(try TestPaths.fixture("jpeg/" + fixture.reference))
        try #require(image.pixels.width == reference.width && image.pixels.height == reference.height,
                     "size \(image.pixels.width)x\(image.pixels.height), djpeg \(reference.width)x\(reference.height)")
        let d = pixelDifference(image.pixels, reference)
        if fixture.expectation == "exact" {
            #expect(d.max == 0, "max \(d.max) mean \(d.mean)")
        } else {
            #expect(d.max <= 1, "max \(d.max) mean \(d.mean)")
        }
        #expect(image.warnings.isEmpty)
    }

    /// A line per fixture with its differences, for reports.
    @Test func summary() throws {
        var exact = 0, near = 0, failed = 0
        for f in JPEGFixture.all where f.expectation != "error" {
            let bytes = try TestPaths.fixture("jpeg/" + f.jpeg)
            guard let image = try? JPEGDecoder.decode(bytes, options: .init(scale: f.scale)),
                  let reference = try? readPNM(try TestPaths.fixture("jpeg/" + f.reference)),
                  image.pixels.width == reference.width, image.pixels.height == reference.height else {
                failed += 1; print("  FAILED \(f.testDescription): no image or wrong size"); continue
            }
            let d = pixelDifference(image.pixels, reference)
            if d.max == 0 { exact += 1 } else if d.max <= 1 && f.expectation == "near" { near += 1 } else {
                failed += 1; print("  FAILED \(f.testDescription): max \(d.max) mean \(d.mean)")
            }
        }
        print("JPEG fixtures vs djpeg: \(exact) exact, \(near) within 1, \(failed) failed")
        #expect(failed == 0)
    }
}
