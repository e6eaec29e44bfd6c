import Raster

/// The 8-bit RGBA image a PNG of the corpus holds, for operations that start from pixels
/// (deflate, composite). Uses the PNG decoder when the package has one, else the plain
/// reference reader; nil when neither can read the file.
enum SourceImages {
    static func rgba8(_ file: CorpusFile) -> RGBA8Image? {
        guard file.kind == .png else { return nil }
        #if canImport(RasterPNG)
        if let image = try? PNGDecoder.decodeRGBA8(file.bytes) { return image }
        #endif
        #if canImport(RasterDeflate)
        if let bytes = ReferencePNG.rgba8(file) { return try? RGBA8Image(width: file.width, height: file.height, samples: bytes) }
        #endif
        return nil
    }
}
