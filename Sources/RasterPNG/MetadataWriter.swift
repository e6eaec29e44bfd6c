import RasterDeflate

/// Serialises `PNGMetadata` into ancillary chunks (PNG spec §11.3), in the positions the
/// specification requires: colour-space chunks before PLTE, bKGD after it, the rest
/// before IDAT.
struct MetadataWriter {
    let metadata: PNGMetadata
    let level: Int

    /// gAMA, cHRM, sRGB, iCCP: must precede PLTE and IDAT.
    func writeColorSpace(_ w: inout ChunkWriter) throws(PNGError) {
        if let g = metadata.gamma {
            var d: [UInt8] = []
            d.appendBE32(g)
            w.write(ChunkType.gAMA, d)
        }
        if let c = metadata.chromaticities {
            var d: [UInt8] = []
            for v in [c.whiteX, c.whiteY, c.redX, c.redY, c.greenX, c.greenY, c.blueX, c.blueY] { d.appendBE32(v) }
            w.write(ChunkType.cHRM, d)
        }
        if let intent = metadata.sRGBIntent {
            guard intent <= 3 else { throw .unencodable("sRGB rendering intent \(intent) is not 0 to 3") }
            w.write(ChunkType.sRGB, [intent])
        }
        if let icc = metadata.iccProfile {
            var d = try keyword(icc.name)
            d.append(0)  // keyword terminator
            d.append(0)  // compression method: zlib
            d.append(contentsOf: try compress(icc.profile))
            try fits(d, "iCCP")
            w.write(ChunkType.iCCP, d)
        }
    }

    /// bKGD, when it fits the written colour type and depth.
    func writeBackground(_ w: inout ChunkWriter, _ plan: EncodingPlan) {
        guard let bg = metadata.background else { return }
        let maxValue = (1 << plan.bitDepth) - 1
        var d: [UInt8] = []
        switch (bg, plan.colorType) {
        case let (.grey(g), .grey), let (.grey(g), .greyAlpha):
            guard Int(g) <= maxValue else { return }
            d.appendBE16(g)
        case let (.rgb(r, g, b), .rgb), let (.rgb(r, g, b), .rgba):
            guard Int(max(r, g, b)) <= maxValue else { return }
            d.appendBE16(r); d.appendBE16(g); d.appendBE16(b)
        default:
            return
        }
        w.write(ChunkType.bKGD, d)
    }

    /// pHYs, tIME and text chunks.
    func writeOthers(_ w: inout ChunkWriter) throws(PNGError) {
        if let p = metadata.physicalDimensions {
            var d: [UInt8] = []
            d.appendBE32(p.pixelsPerUnitX); d.appendBE32(p.pixelsPerUnitY); d.append(p.unitIsMetre ? 1 : 0)
            w.write(ChunkType.pHYs, d)
        }
        if let t = metadata.modificationTime {
            var d: [UInt8] = []
            d.appendBE16(t.year)
            d.append(contentsOf: [t.month, t.day, t.hour, t.minute, t.second])
            w.write(ChunkType.tIME, d)
        }
        for entry in metadata.text {
            var d = try keyword(entry.keyword)
            d.append(0)
            switch entry.kind {
            case .plain:
                d.append(contentsOf: try latin1Bytes(entry.text, what: "tEXt text"))
                try fits(d, "tEXt")
                w.write(ChunkType.tEXt, d)
            case .compressed:
                d.append(0)
                d.append(contentsOf: try compress(try latin1Bytes(entry.text, what: "zTXt text")))
                try fits(d, "zTXt")
                w.write(ChunkType.zTXt, d)
            case let .international(compressed):
                d.append(compressed ? 1 : 0)
                d.append(0)
                d.append(contentsOf: try latin1Bytes(entry.languageTag, what: "iTXt language tag"))
                d.append(0)
                d.append(contentsOf: Array(entry.translatedKeyword.utf8))
                d.append(0)
                let text = Array(entry.text.utf8)
                d.append(contentsOf: compressed ? try compress(text) : text)
                try fits(d, "iTXt")
                w.write(ChunkType.iTXt, d)
            }
        }
    }

    /// zlib at the image's level (an out-of-range level is the caller's argument).
    private func compress(_ bytes: [UInt8]) throws(PNGError) -> [UInt8] {
        do { return try Zlib.compress(bytes, level: level) } catch { throw .unencodable(error.description) }
    }

    private func fits(_ payload: [UInt8], _ chunk: String) throws(PNGError) {
        guard payload.count <= ChunkWriter.maxLength else {
            throw .unencodable("\(chunk) payload of \(payload.count) bytes exceeds the 2^31-1 chunk limit")
        }
    }

    /// A keyword must be 1 to 79 Latin-1 characters without NUL (§11.3.4.2).
    private func keyword(_ s: String) throws(PNGError) -> [UInt8] {
        let bytes = try latin1Bytes(s, what: "keyword")
        guard (1 ... 79).contains(bytes.count), !bytes.contains(0) else {
            throw .unencodable("keyword \"\(s)\" must be 1 to 79 characters without NUL")
        }
        return bytes
    }

    private func latin1Bytes(_ s: String, what: String) throws(PNGError) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in s.unicodeScalars {
            guard scalar.value <= 0xFF else { throw .unencodable("\(what) \"\(s)\" is not Latin-1; use iTXt") }
            out.append(UInt8(truncatingIfNeeded: scalar.value))
        }
        return out
    }
}
