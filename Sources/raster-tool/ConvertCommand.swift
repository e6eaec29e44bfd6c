import Raster

/// `raster-tool convert IN OUT [--quality Q] [--subsampling 444|422|420] [--optimize]
/// [--progressive] [--orient] [--scale 1/N]`: the output format follows OUT's extension.
/// A JPEG output keeps the source's EXIF block and ICC profile; with `--orient` the
/// orientation is baked into the pixels and the EXIF orientation reset to 1.
enum ConvertCommand {
    static let valued: Set<String> = ["quality", "scale", "subsampling"]
    static let switches: Set<String> = ["orient", "optimize", "progressive"]

    static func run(_ args: Arguments) throws {
        guard args.positional.count == 2 else { throw CLIError("convert takes IN and OUT") }
        let (input, output) = (args.positional[0], args.positional[1])
        let target = try OutputKind(path: output)
        let quality = try parseQuality(args.value("quality"))
        let bytes = try Files.read(input)
        var options = DecodeOptions()
        if let scale = args.value("scale") {
            options.jpegScale = try parseScale(scale)
            guard ImageFormat.detect(bytes) == .jpeg else {
                throw CLIError("--scale applies to JPEG input only; \(input) is not a JPEG")
            }
        }
        let decoded = try Codecs.decode(bytes, options: options)
        var image = decoded.image
        var jpeg = JPEGEncodeOptions(quality: quality, subsampling: try parseSubsampling(args.value("subsampling")),
                                     optimizeHuffman: args.flag("optimize"), progressive: args.flag("progressive"))
        jpeg.exif = decoded.metadata.exif
        jpeg.iccProfile = decoded.metadata.iccProfile
        if args.flag("orient") {
            image = image.oriented(decoded.metadata.orientation)
            jpeg.exif = jpeg.exif.map(JPEGExif.resettingOrientation)
        }
        try Files.writeAtomically(try target.encode(image, options: EncodeOptions(jpeg: jpeg)), to: output)
    }

    /// `444`, `422` or `420` (the default, as cjpeg's).
    static func parseSubsampling(_ text: String?) throws(CLIError) -> ChromaSubsampling {
        switch text {
        case nil, "420": return .s420
        case "422": return .s422
        case "444": return .s444
        case let other?: throw CLIError("--subsampling must be 444, 422 or 420, got '\(other)'")
        }
    }

    static func parseQuality(_ text: String?) throws(CLIError) -> Int {
        guard let text else { return 90 }
        guard let value = Int(text), (1 ... 100).contains(value) else {
            throw CLIError("--quality must be a whole number from 1 to 100, got '\(text)'")
        }
        return value
    }

    /// `1/2`, `1/4` or `1/8` (and `1/1`), as `djpeg -scale`.
    static func parseScale(_ text: String) throws(CLIError) -> JPEGScale {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "1", let n = Int(parts[1]), let scale = JPEGScale(rawValue: n) else {
            throw CLIError("--scale must be 1/2, 1/4 or 1/8, got '\(text)'")
        }
        return scale
    }
}

extension DecodedImage {
    /// The image turned upright for `orientation`, at its own precision.
    func oriented(_ orientation: Orientation) -> DecodedImage {
        switch self {
        case let .rgba8(image): return .rgba8(image.oriented(orientation))
        case let .rgba16(image): return .rgba16(image.oriented(orientation))
        }
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

    func encode(_ image: DecodedImage, options: EncodeOptions = EncodeOptions()) throws -> [UInt8] {
        switch self {
        case .rgba: return image.narrowed().samples
        case .png: return try Codecs.encode(image, as: .png, options: options)
        case .jpeg: return try Codecs.encode(image, as: .jpeg, options: options)
        }
    }
}
