import Foundation

/// One image of ../shared/conformance/manifest.json (see that folder's README).
public struct ConformanceEntry: Sendable, CustomStringConvertible {
    public enum Expectation: String, Sendable { case ok, error, either }

    public var file: String
    public var format: String
    public var expect: Expectation
    /// SHA-256 of the raw 8-bit RGBA reference (for 16-bit PNGs the truncating one).
    public var rgba8SHA256: String?
    /// SHA-256 of the exactly rounded 8-bit RGBA reference (16-bit PNGs only).
    public var rgba8RoundSHA256: String?
    /// SHA-256 of the 16-bit raster as big-endian RGBA16 (16-bit PNGs only).
    public var rgba16BESHA256: String?

    public var description: String { file }

    public var url: URL? { TestPaths.conformance?.appendingPathComponent(file) }

    /// The reference an exact 8-bit decode must hash to.
    public var expectedRGBA8: String? { rgba8RoundSHA256 ?? rgba8SHA256 }
}

public enum ConformanceManifest {
    /// Every entry, or none when the folder is absent (see `requirePresenceUnderCI`).
    public static let entries: [ConformanceEntry] = {
        guard let root = TestPaths.conformance,
              let data = try? Data(contentsOf: root.appendingPathComponent("manifest.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = json["files"] as? [[String: Any]] else { return [] }
        return files.compactMap { f in
            guard let name = f["file"] as? String, let format = f["format"] as? String,
                  let expect = (f["expect"] as? String).flatMap(ConformanceEntry.Expectation.init) else { return nil }
            return ConformanceEntry(file: name, format: format, expect: expect,
                                    rgba8SHA256: f["rgba8_sha256"] as? String,
                                    rgba8RoundSHA256: f["rgba8_round_sha256"] as? String,
                                    rgba16BESHA256: f["rgba16be_sha256"] as? String)
        }
    }()

    /// True when tests must fail rather than skip for a missing suite: CI always has it.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] != nil }
}
