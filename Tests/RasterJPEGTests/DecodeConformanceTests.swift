import Foundation
import RasterCore
import RasterJPEG
import RasterPNG
import RasterTestSupport
import Testing

/// One JPEG entry of ../shared/conformance/manifest.json.
struct JPEGSuiteEntry: Sendable, CustomTestStringConvertible {
    enum Expect: String, Sendable { case ok, error, either }
    var file: String
    var expect: Expect
    var sof: String?
    var referencePNG: String?
    var testDescription: String { file }

    static let all: [JPEGSuiteEntry] = {
        guard let root = TestPaths.conformance,
              let data = try? Data(contentsOf: root.appendingPathComponent("manifest.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = json["files"] as? [[String: Any]] else { return [] }
        return files.compactMap { f in
            guard f["format"] as? String == "jpeg", let name = f["file"] as? String,
                  let expect = (f["expect"] as? String).flatMap(Expect.init) else { return nil }
            return JPEGSuiteEntry(file: name, expect: expect, sof: f["sof"] as? String,
                                  referencePNG: f["reference_png"] as? String)
        }
    }()

    func bytes() throws -> [UInt8] {
        guard let root = TestPaths.conformance else { return [] }
        return [UInt8](try Data(contentsOf: root.appendingPathComponent(file)))
    }

    func reference() throws -> RGBA8Image? {
        guard let root = TestPaths.conformance, let referencePNG else { return nil }
        let png = [UInt8](try Data(contentsOf: root.appendingPathComponent(referencePNG)))
        return try PNGDecoder.decodeRGBA8(png)
    }
}

/// Largest and mean per-channel difference of two images of the same size.
func pixelDifference(_ a: RGBA8Image, _ b: RGBA8Image) -> (max: Int, mean: Double) {
    precondition(a.width == b.width && a.height == b.height)
    var worst = 0
    var total = 0
    let x = a.samples, y = b.samples
    for i in x.indices {
        let d = abs(Int(x[i]) - Int(y[i]))
        worst = max(worst, d)
        total += d
    }
    return (worst, x.isEmpty ? 0 : Double(total) / Double(x.count))
}

@Suite struct DecodeConformanceTests {
    @Test func suiteIsPresent() {
        if TestPaths.conformance == nil {
            if ConformanceManifest.isRequired { Issue.record("conformance folder ../shared/conformance is missing") }
            return
        }
        #expect(JPEGSuiteEntry.all.filter { $0.expect == .ok }.count == 42)
        #expect(JPEGSuiteEntry.all.filter { $0.expect == .error }.count == 6)
        #expect(JPEGSuiteEntry.all.filter { $0.expect == .either }.count == 112)
    }

    /// One line with the totals, for reports: `swift test --filter DecodeConformanceTests`.
    @Test func summary() throws {
        guard !JPEGSuiteEntry.all.isEmpty else { return }
        var exact = 0, withinOne = 0, failed = 0, rejected = 0, eitherImage = 0, eitherError = 0
        var failures: [String] = []
        for entry in JPEGSuiteEntry.all {
            let bytes = try entry.bytes()
            let result = Result { () throws(JPEGError) in try JPEGDecoder.decode(bytes) }
            switch entry.expect {
            case .error:
                if case .failure(let e) = result, e.kind == .unsupported { rejected += 1 } else {
                    failed += 1; failures.append(entry.file)
                }
            case .either:
                if case .success = result { eitherImage += 1 } else { eitherError += 1 }
            case .ok:
                guard case .success(let image) = result, let reference = try entry.reference(),
                      image.pixels.width == reference.width, image.pixels.height == reference.height else {
                    failed += 1; failures.append("\(entry.file) (\(result))")
                    continue
                }
                let d = pixelDifference(image.pixels, reference)
                if d.max == 0 { exact += 1 } else if d.max <= 1 { withinOne += 1 } else {
                    failed += 1; failures.append("\(entry.file) max \(d.max) mean \(d.mean)")
                }
            }
        }
        print("JPEG conformance: \(exact) exact, \(withinOne) within 1, \(failed) failed, \(rejected) unsupported rejected, crashtest/either: \(eitherImage) images, \(eitherError) clean errors")
        for f in failures { print("  FAILED \(f)") }
        #expect(failed == 0)
    }

    @Test(arguments: JPEGSuiteEntry.all.filter { $0.expect == .ok })
    func decodesWithinOneOfReference(_ entry: JPEGSuiteEntry) throws {
        let bytes = try entry.bytes()
        let image = try JPEGDecoder.decode(bytes)
        let reference = try #require(try entry.reference())
        #expect(image.pixels.width == reference.width && image.pixels.height == reference.height)
        guard image.pixels.width == reference.width, image.pixels.height == reference.height else { return }
        let d = pixelDifference(image.pixels, reference)
        #expect(d.max <= 1, "max \(d.max) mean \(d.mean)")
        // probe reads the same header without entropy data
        #expect(try JPEGDecoder.probe(bytes) == image.header)
    }

    @Test(arguments: JPEGSuiteEntry.all.filter { $0.expect == .error })
    func rejectsUnsupportedModes(_ entry: JPEGSuiteEntry) throws {
        let bytes = try entry.bytes()
        #expect(throws: JPEGError.self) { try JPEGDecoder.decode(bytes) }
        do {
            _ = try JPEGDecoder.decode(bytes)
        } catch {
            #expect(error.kind == .unsupported, "\(error)")
            if entry.file.contains("12") { #expect(error == .unsupported(.precision(12))) }
            if entry.file.contains("lossless") { #expect(error == .unsupported(.lossless)) }
            if entry.file.contains("ari") { #expect(error == .unsupported(.arithmetic)) }
        }
    }

    /// Damaged and fuzzed files end in an image or a typed error, in strict and lenient mode.
    @Test(arguments: JPEGSuiteEntry.all.filter { $0.expect == .either })
    func crashtestEndsCleanly(_ entry: JPEGSuiteEntry) throws {
        let bytes = try entry.bytes()
        for lenient in [false, true] {
            do {
                let image = try JPEGDecoder.decode(bytes, options: .init(lenient: lenient))
                #expect(image.pixels.width > 0 && image.pixels.height > 0)
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }
}
