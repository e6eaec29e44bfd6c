import Raster

/// `raster-tool convert IN OUT [--quality Q] [--orient]`: the output format follows OUT's extension.
enum ConvertCommand {
    static func run(_ args: Arguments) throws {
        guard args.positional.count == 2 else { throw CLIError("convert takes IN and OUT") }
        let (input, output) = (args.positional[0], args.positional[1])
        let target = try OutputKind(path: output)
        var quality = 90
        if let q = args.value("quality") {
            guard let value = Int(q), (1 ... 100).contains(value) else {
                throw CLIError("--quality must be a whole number from 1 to 100, got '\(q)'")
            }
            quality = value
        }
        _ = quality
        let image = try Codecs.decode(try Files.read(input))
        let encoded: [UInt8]
        switch target {
        case .rgba:
            encoded = image.rgba8.bytes
        case .png:
            throw RasterError.unsupportedFormat(.png)
        case .jpeg:
            throw RasterError.unsupportedFormat(.jpeg)
        }
        try Files.writeAtomically(encoded, to: output)
    }
}

/// The output formats `convert` and `composite` can write, chosen by file extension.
enum OutputKind {
    case png, jpeg, rgba

    init(path: String) throws(CLIError) {
        let ext = path.split(separator: ".", omittingEmptySubsequences: false).last.map { $0.lowercased() } ?? ""
        switch ext {
        case "png": self = .png
        case "jpg", "jpeg": self = .jpeg
        case "rgba": self = .rgba
        default: throw CLIError("cannot tell the output format of \(path): use .png, .jpg, .jpeg or .rgba")
        }
    }
}
