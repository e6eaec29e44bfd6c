import Foundation
import RasterCore
import RasterPNG
import RasterTestSupport
import Testing

/// One PNG entry of /work/shared/conformance/manifest.json.
struct SuiteEntry: Sendable, CustomTestStringConvertible {
    var file: String
    var expectOK: Bool
    var rgba8: String?
    var rgba8Round: String?
    var rgba16BE: String?
    var testDescription: String { file }

    /// PNG entries of the manifest; empty when the conformance folder is absent.
    static let all: [SuiteEntry] = {
        guard let root = TestPaths.conformance,
              let data = try? Data(contentsOf: root.appendingPathComponent("manifest.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = json["files"] as? [[String: Any]] else { return [] }
        return files.compactMap { f in
            guard f["format"] as? String == "png", let name = f["file"] as? String else { return nil }
            return SuiteEntry(file: name, expectOK: f["expect"] as? String == "ok",
                              rgba8: f["rgba8_sha256"] as? String, rgba8Round: f["rgba8_round_sha256"] as? String,
                              rgba16BE: f["rgba16be_sha256"] as? String)
        }
    }()

    func bytes() throws -> [UInt8] {
        guard let root = TestPaths.conformance else { return [] }
        return [UInt8](try Data(contentsOf: root.appendingPathComponent(file)))
    }
}

func bigEndianBytes(_ image: RGBA16Image) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(image.samples.count * 2)
    for s in image.samples { out.append(UInt8(s >> 8)); out.append(UInt8(s & 0xFF)) }
    return out
}

@Suite struct ConformanceTests {
    /// The suite must be present on CI; locally its absence only skips the per-file tests.
    @Test func suiteIsPresentWithExpectedCounts() {
        if TestPaths.conformance == nil {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("conformance folder ../shared/conformance is missing")
            }
            return
        }
        #expect(SuiteEntry.all.filter(\.expectOK).count == 161)
        #expect(SuiteEntry.all.filter { !$0.expectOK }.count == 14)
    }

    /// One line with the totals, for reports: `swift test --filter ConformanceTests`.
    @Test func summary() throws {
        guard !SuiteEntry.all.isEmpty else { return }
        var passed = 0, failed = 0, rejected = 0
        for entry in SuiteEntry.all {
            let bytes = try entry.bytes()
            let image = try? PNGDecoder.decode(bytes)
            if !entry.expectOK {
                if image == nil { rejected += 1 } else { failed += 1 }
                continue
            }
            switch image?.pixels {
            case let .rgba8(p)?:
                if SHA256.hex(p.samples) == entry.rgba8 { passed += 1 } else { failed += 1 }
            case let .rgba16(p)?:
                let ok = SHA256.hex(p.narrowed().samples) == entry.rgba8Round && SHA256.hex(bigEndianBytes(p)) == entry.rgba16BE
                if ok { passed += 1 } else { failed += 1 }
            case nil:
                failed += 1
            }
        }
        print("PngSuite: \(passed) passed, \(failed) failed, \(rejected) expected errors rejected")
        #expect(failed == 0)
        #expect(passed + rejected == SuiteEntry.all.count)
    }

    @Test(arguments: SuiteEntry.all)
    func decodesToReference(_ entry: SuiteEntry) throws {
        let bytes = try entry.bytes()
        guard entry.expectOK else {
            #expect(throws: PNGError.self) { try PNGDecoder.decode(bytes) }
            return
        }
        let image = try PNGDecoder.decode(bytes)
        switch image.pixels {
        case let .rgba8(pixels):
            #expect(image.header.bitDepth <= 8)
            #expect(SHA256.hex(pixels.samples) == entry.rgba8)
        case let .rgba16(pixels):
            #expect(image.header.bitDepth == 16)
            #expect(SHA256.hex(pixels.narrowed().samples) == entry.rgba8Round)
            #expect(SHA256.hex(bigEndianBytes(pixels)) == entry.rgba16BE)
            #expect(SHA256.hex(try PNGDecoder.decodeRGBA8(bytes).samples) == entry.rgba8Round)
        }
        // probe agrees with the full decode
        #expect(try PNGDecoder.probe(bytes) == image.header)
    }

    @Test(arguments: SuiteEntry.all.filter(\.expectOK))
    func roundTripsBitExact(_ entry: SuiteEntry) throws {
        let image = try PNGDecoder.decode(try entry.bytes())
        for options in RoundTrip.optionSets(metadata: image.metadata) {
            let encoded = try PNGEncoder.encode(image.pixels, options: options)
            let again = try PNGDecoder.decode(encoded)
            #expect(again.pixels == image.pixels, "options \(options.interlaced) \(options.filter)")
            #expect(again.warnings.isEmpty)
        }
    }
}

enum RoundTrip {
    /// Default settings plus interlacing, every fixed filter and no colour reduction.
    static func optionSets(metadata: PNGMetadata = PNGMetadata()) -> [PNGEncodeOptions] {
        var sets = [PNGEncodeOptions(metadata: metadata), PNGEncodeOptions(interlaced: true),
                    PNGEncodeOptions(compressionLevel: 0, reduceColorType: false),
                    PNGEncodeOptions(compressionLevel: 9, interlaced: true, reduceColorType: false)]
        for type in PNGEncodeOptions.FilterType.allCases {
            sets.append(PNGEncodeOptions(compressionLevel: 1, filter: .fixed(type)))
        }
        return sets
    }
}
