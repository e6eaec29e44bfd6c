import Raster

/// `raster-tool resize IN OUT --size WxH [--filter F] [--fit fill|contain|cover|crop] [--linear]`:
/// IN resampled with the contract's semantics; a 16-bit source stays 16-bit.
enum ResizeCommand {
    static let valued: Set<String> = ["size", "filter", "fit"]
    static let switches: Set<String> = ["linear"]

    static func run(_ args: Arguments) throws {
        guard args.positional.count == 2 else { throw CLIError("resize takes IN and OUT") }
        let (input, output) = (args.positional[0], args.positional[1])
        guard let sizeText = args.value("size") else { throw CLIError("resize needs --size WxH (or Wx, xH)") }
        let target = try parseSize(sizeText)
        let filterName = args.value("filter") ?? ResampleFilter.lanczos3.name
        guard let filter = ResampleFilter(name: filterName) else {
            let names = ResampleFilter.allCases.map(\.name).joined(separator: ", ")
            throw CLIError("unknown filter '\(filterName)'; use one of: \(names)")
        }
        let modeName = args.value("fit") ?? FitMode.fill.rawValue
        guard let mode = FitMode(name: modeName) else {
            throw CLIError("unknown fit '\(modeName)'; use one of: fill, contain, cover, crop")
        }
        let kind = try OutputKind(path: output)
        let linear = args.flag("linear")
        let result: DecodedImage
        switch try Codecs.decode(try Files.read(input)).image {
        case let .rgba8(image):
            result = .rgba8(try image.resized(toFit: target, mode: mode, filter: filter, linearLight: linear))
        case let .rgba16(image):
            result = .rgba16(try image.resized(toFit: target, mode: mode, filter: filter, linearLight: linear))
        }
        try Files.writeAtomically(try kind.encode(result), to: output)
    }

    /// `WxH`, `Wx` or `xH` with positive whole numbers.
    static func parseSize(_ text: String) throws(CLIError) -> FitTarget {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        let bad = CLIError("--size must be WxH, Wx or xH with positive whole numbers, got '\(text)'")
        guard parts.count == 2 else { throw bad }
        func side(_ s: Substring) throws(CLIError) -> Int? {
            if s.isEmpty { return nil }
            guard let v = Int(s), v > 0 else { throw bad }
            return v
        }
        let target = FitTarget(width: try side(parts[0]), height: try side(parts[1]))
        guard target.width != nil || target.height != nil else { throw bad }
        return target
    }
}
