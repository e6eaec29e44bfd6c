import RasterCore

/// Reads PNG files (PNG specification, third edition; ISO/IEC 15948).
///
/// Every chunk's CRC is checked. A damaged critical chunk, bad ordering, or damaged image
/// data is an error and no pixels are returned; a damaged or oversized ancillary chunk is
/// dropped and reported in `PNGImage.warnings`, as libpng does by default.
public enum PNGDecoder {
    /// Reads the header without decoding pixels: the signature, IHDR, and the chunks before
    /// the first IDAT, applied by the same rules as `decode` (CRCs, order, which tRNS counts)
    /// so that `channels` agrees with what `decode` reports. Compressed metadata is not
    /// inflated, and nothing from the first IDAT on is read.
    public static func probe<C: Collection<UInt8>>(_ bytes: C) throws(PNGError) -> PNGHeader {
        try withContiguousBytes(bytes) { (buf) throws(PNGError) -> PNGHeader in
            var reader = try ChunkReader(buf)
            var header = try readFirstChunk(&reader)
            var state = ChunkState(header: header, metadataLimit: 0)
            while let chunk = try reader.next() {
                if chunk.type == ChunkType.IDAT || chunk.type == ChunkType.IEND { break }
                _ = try state.consume(chunk, reader.payload(chunk))
            }
            header.hasTransparencyChunk = state.hasTransparency
            return header
        }
    }

    /// Decodes a complete PNG. Files of 8 bits per sample or less give `.rgba8`; 16-bit
    /// files give `.rgba16`, losslessly. No gamma or colour management is applied.
    public static func decode<C: Collection<UInt8>>(_ bytes: C, options: PNGDecodeOptions = PNGDecodeOptions())
        throws(PNGError) -> PNGImage {
        try withContiguousBytes(bytes) { (buf) throws(PNGError) -> PNGImage in try decodeBuffer(buf, options) }
    }

    /// Decodes to 8-bit RGBA; 16-bit samples are rounded to nearest (`RGBA16.narrow(_:)`).
    public static func decodeRGBA8<C: Collection<UInt8>>(_ bytes: C, options: PNGDecodeOptions = PNGDecodeOptions())
        throws(PNGError) -> RGBA8Image {
        try decode(bytes, options: options).pixels.narrowed()
    }

    /// Runs `body` over the bytes without copying when the collection is contiguous.
    static func withContiguousBytes<C: Collection<UInt8>, R>(
        _ bytes: C, _ body: (UnsafeRawBufferPointer) throws(PNGError) -> R) throws(PNGError) -> R {
        var result: Result<R, PNGError>?
        bytes.withContiguousStorageIfAvailable { buf in
            do throws(PNGError) {
                result = .success(try body(UnsafeRawBufferPointer(buf)))
            } catch {
                result = .failure(error)
            }
        }
        if result == nil {
            Array(bytes).withUnsafeBytes { buf in
                do throws(PNGError) { result = .success(try body(buf)) } catch { result = .failure(error) }
            }
        }
        guard let result else { throw .truncated }
        return try result.get()
    }

    /// The first chunk must be an intact IHDR (PNG spec §5.6).
    static func readFirstChunk(_ reader: inout ChunkReader) throws(PNGError) -> PNGHeader {
        guard let first = try reader.next() else { throw .missingChunk("IHDR") }
        guard first.type == ChunkType.IHDR else {
            throw ChunkType.isWellFormed(first.type) && first.type != ChunkType.IHDR
                ? .missingChunk("IHDR") : .invalidChunk(chunk: first.name, reason: "unexpected first chunk")
        }
        guard first.crcMatches else { throw .crcMismatch(chunk: "IHDR") }
        return try HeaderParser.readIHDR(reader.payload(first))
    }

    static func decodeBuffer(_ buf: UnsafeRawBufferPointer, _ options: PNGDecodeOptions) throws(PNGError) -> PNGImage {
        var reader = try ChunkReader(buf)
        var header = try readFirstChunk(&reader)
        let layout = ImageLayout(header: header)
        // Checked before any allocation: the output raster plus the inflated scanlines.
        do {
            try options.limits.check(width: header.width, height: header.height,
                                     bytesPerPixel: header.bitDepth == 16 ? 8 : 4, extraBytes: layout.filteredSize)
        } catch {
            throw .limitExceeded(error)
        }
        var state = ChunkState(header: header, metadataLimit: options.metadataLimit)
        var sawIEND = false
        while let chunk = try reader.next() {
            if try !state.consume(chunk, reader.payload(chunk)) {
                sawIEND = true
                break
            }
        }
        if !sawIEND { throw .missingChunk(state.idatRanges.isEmpty ? "IDAT" : "IEND") }
        if !reader.isAtEnd { state.warnings.append(.dataAfterIEND(count: reader.remaining)) }
        header.hasTransparencyChunk = state.hasTransparency

        let filtered = try ImageReconstructor.inflate(buf, ranges: state.idatRanges, expected: layout.filteredSize)
        let pixels = try ImageReconstructor(header: header, layout: layout, state: state).reconstruct(consume filtered)
        return PNGImage(pixels: pixels, header: header, metadata: state.metadata, warnings: state.warnings)
    }
}
