import Raster

/// `raster-tool thumbnail IN OUT [--size N] [--quality Q]`: IN fitted inside NxN (default
/// 256) with lanczos3, never enlarged, EXIF orientation applied, written as OUT's extension
/// says (JPEG at quality Q, default 85). A JPEG is decoded at a reduced DCT scale when that
/// still covers the target (see `Thumbnail`).
enum ThumbnailCommand {
    static let valued: Set<String> = ["size", "quality"]

    static func run(_ args: Arguments) throws {
        guard args.positional.count == 2 else { throw CLIError("thumbnail takes IN and OUT") }
        let (input, output) = (args.positional[0], args.positional[1])
        let size = try positive(args.value("size"), name: "--size", default: 256, max: 1 << 16)
        let quality = try positive(args.value("quality"), name: "--quality", default: 85, max: 100)
        let kind = try OutputKind(path: output)
        let picture = try Thumbnail.image(try Files.read(input), size: size)
        var options = EncodeOptions()
        options.jpeg.quality = quality
        try Files.writeAtomically(try kind.encode(picture, options: options), to: output)
    }

    static func positive(_ text: String?, name: String, default value: Int, max: Int) throws(CLIError) -> Int {
        guard let text else { return value }
        guard let v = Int(text), v >= 1, v <= max else {
            throw CLIError("\(name) must be a whole number from 1 to \(max), got '\(text)'")
        }
        return v
    }
}
