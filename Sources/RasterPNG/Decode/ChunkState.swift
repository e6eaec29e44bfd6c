import RasterDeflate

/// Everything gathered from the chunks before pixels are reconstructed: the header,
/// palette, transparency, IDAT locations, metadata and warnings. Applies the chunk
/// ordering rules of PNG spec §5.6.
struct ChunkState {
    let header: PNGHeader
    /// PLTE as RGB triples.
    var palette: [UInt8] = []
    var paletteCount = 0
    /// tRNS for indexed images: alpha per palette entry (shorter than the palette is allowed).
    var paletteAlpha: [UInt8] = []
    /// tRNS for grey (r = g = b) and truecolour images, at the file's bit depth.
    var colorKey: (r: UInt16, g: UInt16, b: UInt16)?
    var hasTransparency = false
    var idatRanges: [Range<Int>] = []
    var metadata = PNGMetadata()
    var warnings: [PNGWarning] = []
    var metadataBudget: Int

    private var seenPLTE = false
    private var seenIDAT = false
    private var idatFinished = false
    private var seen: Set<UInt32> = []

    private static let beforePLTE: Set<UInt32> = [ChunkType.gAMA, ChunkType.cHRM, ChunkType.sRGB, ChunkType.iCCP]
    private static let beforeIDAT: Set<UInt32> = [ChunkType.tRNS, ChunkType.bKGD, ChunkType.hIST, ChunkType.pHYs,
                                                  ChunkType.sPLT]
    private static let once: Set<UInt32> = beforePLTE.union(beforeIDAT).union([ChunkType.tIME]).subtracting([ChunkType.sPLT])

    init(header: PNGHeader, metadataLimit: Int) {
        self.header = header
        metadataBudget = max(0, metadataLimit)
    }

    /// Handles one chunk after IHDR. Returns false when the chunk was IEND.
    mutating func consume(_ chunk: Chunk, _ data: UnsafeRawBufferPointer) throws(PNGError) -> Bool {
        let type = chunk.type
        if type != ChunkType.IDAT && seenIDAT { idatFinished = true }
        if ChunkType.isCritical(type) {
            guard chunk.crcMatches else { throw .crcMismatch(chunk: chunk.name) }
            switch type {
            case ChunkType.IDAT:
                if idatFinished { throw .chunkOrder("IDAT chunks are not consecutive") }
                if header.colorType == .indexed && !seenPLTE { throw .missingChunk("PLTE") }
                seenIDAT = true
                idatRanges.append(chunk.data)
            case ChunkType.PLTE:
                if seenIDAT { throw .chunkOrder("PLTE after IDAT") }
                if seenPLTE { throw .chunkOrder("more than one PLTE") }
                seenPLTE = true
                try readPLTE(data)
            case ChunkType.IEND:
                if !seenIDAT { throw .missingChunk("IDAT") }
                return false
            case ChunkType.IHDR:
                throw .chunkOrder("more than one IHDR")
            default:
                throw .unknownCriticalChunk(chunk.name)
            }
            return true
        }
        guard chunk.crcMatches else {
            warnings.append(.ancillaryCRCMismatch(chunk: chunk.name))
            return true
        }
        readAncillary(type, chunk.name, data)
        return true
    }

    /// PLTE (PNG spec §11.2.3): 1 to 256 RGB entries. libpng ignores a palette in a
    /// greyscale image with a warning; so do we.
    private mutating func readPLTE(_ data: UnsafeRawBufferPointer) throws(PNGError) {
        if header.colorType == .grey || header.colorType == .greyAlpha {
            warnings.append(.chunkOutOfPlace(chunk: "PLTE"))
            return
        }
        guard data.count % 3 == 0 else { throw .invalidPalette("length \(data.count) is not a multiple of 3") }
        let count = data.count / 3
        guard count >= 1, count <= 256 else { throw .invalidPalette("\(count) entries; must be 1 to 256") }
        // More entries than the bit depth can index breaks §11.2.3, but libpng accepts it
        // (the extra entries are unreachable) and encoders that always write 256 entries
        // exist; so accept it with a warning.
        if header.colorType == .indexed && count > 1 << header.bitDepth {
            warnings.append(.paletteLongerThanBitDepth(entries: count, bitDepth: header.bitDepth))
        }
        palette = Array(data)
        paletteCount = count
    }

    private mutating func readAncillary(_ type: UInt32, _ name: String, _ data: UnsafeRawBufferPointer) {
        // Chunks that must precede PLTE/IDAT, or may appear once, are dropped when misplaced
        // (libpng's "out of place" benign error).
        let beforePLTE = ChunkState.beforePLTE.contains(type)
        let beforeIDAT = beforePLTE || ChunkState.beforeIDAT.contains(type)
        if (beforePLTE && (seenPLTE || seenIDAT)) || (beforeIDAT && seenIDAT)
            || (ChunkState.once.contains(type) && seen.contains(type)) {
            warnings.append(.chunkOutOfPlace(chunk: name))
            return
        }
        seen.insert(type)
        var reader = AncillaryReader(data: data, name: name, budget: metadataBudget)
        switch type {
        case ChunkType.tRNS: readtRNS(data)
        case ChunkType.gAMA: metadata.gamma = reader.readgAMA()
        case ChunkType.cHRM: metadata.chromaticities = reader.readcHRM()
        case ChunkType.sRGB: metadata.sRGBIntent = reader.readsRGB()
        case ChunkType.iCCP: metadata.iccProfile = reader.readiCCP()
        case ChunkType.pHYs: metadata.physicalDimensions = reader.readpHYs()
        case ChunkType.tIME: metadata.modificationTime = reader.readtIME()
        case ChunkType.bKGD: metadata.background = reader.readbKGD(header: header, palette: palette)
        case ChunkType.tEXt: if let t = reader.readtEXt() { metadata.text.append(t) }
        case ChunkType.zTXt: if let t = reader.readzTXt() { metadata.text.append(t) }
        case ChunkType.iTXt: if let t = reader.readiTXt() { metadata.text.append(t) }
        default: break  // unknown ancillary chunks are skipped (PNG spec §5.4)
        }
        metadataBudget = reader.budget
        if let warning = reader.warning { warnings.append(warning) }
    }

    /// tRNS (PNG spec §11.3.2.1): palette alphas, or a grey / RGB colour key at file depth.
    private mutating func readtRNS(_ data: UnsafeRawBufferPointer) {
        switch header.colorType {
        case .indexed:
            guard seenPLTE else { warnings.append(.chunkOutOfPlace(chunk: "tRNS")); return }
            guard data.count >= 1, data.count <= paletteCount else {
                warnings.append(.invalidAncillaryChunk(chunk: "tRNS",
                                                       reason: "\(data.count) alphas for \(paletteCount) palette entries"))
                return
            }
            paletteAlpha = Array(data)
        case .grey:
            guard data.count == 2 else {
                warnings.append(.invalidAncillaryChunk(chunk: "tRNS", reason: "length \(data.count), must be 2"))
                return
            }
            let g = data.beUInt16(0)
            colorKey = (g, g, g)
        case .rgb:
            guard data.count == 6 else {
                warnings.append(.invalidAncillaryChunk(chunk: "tRNS", reason: "length \(data.count), must be 6"))
                return
            }
            colorKey = (data.beUInt16(0), data.beUInt16(2), data.beUInt16(4))
        case .greyAlpha, .rgba:
            warnings.append(.invalidAncillaryChunk(chunk: "tRNS", reason: "not allowed with an alpha channel"))
            return
        }
        hasTransparency = true
    }
}
