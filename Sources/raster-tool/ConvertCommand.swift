import Raster

/// `raster-tool convert IN OUT [--quality Q] [--orient]`: the output format follows OUT's extension.
enum ConvertCommand {
    static func run(_ args: Arguments) throws {
        guard args.positional.count == 2 else { throw CLIError("convert takes IN and OUT") }
        let (input, output) = (args.positional[0], args.positional[1])
        let target = try OutputKind(path: output)
        let quality = try parseQuality(args.value("quality"))
        _ = quality  // used by the JPEG encoder once it exists
        // --orient applies EXIF orientation, which only JPEG carries here; PNG input ignores it.
        let image = try Codecs.decode(try Files.read(input)).image
        try Files.writeAtomically(try target.encode(image), to: output)
    }

    static func parseQuality(_ text: String?) throws(CLIError) -> Int {
        guard let text else { return 90 }
        guard let value = Int(text), (1 ... 100).contains(value) else {
            throw CLIError("--quality must be a whole number from 1 to 100, got '\(text)'")
        }
        return value
    }
}

/// The output formats `convert` and `composite` can write, chosen by file extension.
enum OutputKind {
    case png, jpeg, rgba

    init(path: String) throws(CLIError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.contains(".") ? (name.split(separator: ".").last.map { $0.lowercased() } ?? "") : ""
        switch ext {
        case "png": self = .png
        case "jpg", "jpeg": self = .jpeg
        case "rgba": self = .rgba
        default: throw CLIError("cannot tell the output format of \(path): use .png, .jpg, .jpeg or .rgba")
        }
    }

    func encode(_ image: DecodedImage) throws -> [UInt8] {
        switch self {
        case .rgba: return image.narrowed().samples
        case .png: return try Codecs.encode(image, as: .png)
        case .jpeg: return try Codecs.encode(image, as: .jpeg)
        }
    }
}
