import RasterDeflate

/// Serialises `PNGMetadata` into ancillary chunks (PNG spec §11.3), in the positions the
/// specification requires: colour-space chunks before PLTE, bKGD after it, the rest
/// before IDAT.
struct MetadataWriter {
    let metadata: PNGMetadata
    let level: Int

    /// gAMA, cHRM, sRGB, iCCP: must precede PLTE and IDAT.
    func writeColorSpace(_ w: inout ChunkWriter) throws(PNGEncodeError) {
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
            guard intent <= 3 else { throw .invalidMetadata("sRGB rendering intent \(intent) is not 0 to 3") }
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

    /// For an indexed output whose palette lacks the background colour: the opaque entry to
    /// append so bKGD can name it (PLTE may hold entries no pixel uses, up to 2^depth), or nil
    /// when no entry is needed or none fits.
    func backgroundPaletteEntry(for plan: EncodingPlan) -> UInt32? {
        guard plan.colorType == .indexed, let bg = metadata.background,
              plan.palette.count < 1 << plan.bitDepth else { return nil }
        let (r, g, b): (UInt16, UInt16, UInt16)
        switch bg {
        case let .grey(v): (r, g, b) = (v, v, v)
        case let .rgb(red, green, blue): (r, g, b) = (red, green, blue)
        }
        guard max(r, g, b) <= 255 else { return nil }
        let rgb = UInt32(r) | UInt32(g) << 8 | UInt32(b) << 16
        if plan.palette.contains(where: { $0.littleEndian & 0x00FF_FFFF == rgb }) { return nil }
        return (rgb | 0xFF00_0000).littleEndian
    }

    /// bKGD, converted exactly from the source image's scale (`sourceMax` is 255 or 65535)
    /// to the written colour type and depth; one that does not convert exactly is refused
    /// rather than dropped, so a caller never loses it without being told.
    func writeBackground(_ w: inout ChunkWriter, _ plan: EncodingPlan, sourceMax: UInt16) throws(PNGEncodeError) {
        guard let bg = metadata.background else { return }
        let refused = PNGEncodeError.backgroundNotRepresentable(bg, colorType: plan.colorType, bitDepth: plan.bitDepth)
        let (r, g, b): (UInt16, UInt16, UInt16)
        switch bg {
        case let .grey(v): (r, g, b) = (v, v, v)
        case let .rgb(red, green, blue): (r, g, b) = (red, green, blue)
        }
        guard max(r, g, b) <= sourceMax else { throw refused }
        var d: [UInt8] = []
        switch plan.colorType {
        case .grey, .greyAlpha:
            // The written depth is the source's (8 or 16) or a divisor scale of 8 bits: a
            // value survives only if it is an exact multiple of the step 255 / (2^d - 1).
            guard r == g, g == b else { throw refused }
            let step = plan.bitDepth >= 8 ? 1 : 255 / ((1 << plan.bitDepth) - 1)
            guard Int(r) % step == 0 else { throw refused }
            d.appendBE16(UInt16(Int(r) / step))
        case .rgb, .rgba:
            d.appendBE16(r); d.appendBE16(g); d.appendBE16(b)
        case .indexed:
            // The palette was chosen from the pixels; the background must be one of its
            // colours (any alpha), since bKGD for indexed images is an index into it.
            let wanted = UInt32(r) | UInt32(g) << 8 | UInt32(b) << 16
            guard let index = plan.palette.firstIndex(where: { $0.littleEndian & 0x00FF_FFFF == wanted }) else { throw refused }
            d.append(UInt8(truncatingIfNeeded: index))
        }
        w.write(ChunkType.bKGD, d)
    }

    /// pHYs, tIME and text chunks.
    func writeOthers(_ w: inout ChunkWriter) throws(PNGEncodeError) {
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
    private func compress(_ bytes: [UInt8]) throws(PNGEncodeError) -> [UInt8] {
        do { return try Zlib.compress(bytes, level: level) } catch { throw .invalidCompressionLevel(level) }
    }

    private func fits(_ payload: [UInt8], _ chunk: String) throws(PNGEncodeError) {
        guard payload.count <= ChunkWriter.maxLength else {
            throw .invalidMetadata("\(chunk) payload of \(payload.count) bytes exceeds the 2^31-1 chunk limit")
        }
    }

    /// A keyword must be 1 to 79 Latin-1 characters without NUL (§11.3.4.2).
    private func keyword(_ s: String) throws(PNGEncodeError) -> [UInt8] {
        let bytes = try latin1Bytes(s, what: "keyword")
        guard (1 ... 79).contains(bytes.count), !bytes.contains(0) else {
            throw .invalidMetadata("keyword \"\(s)\" must be 1 to 79 characters without NUL")
        }
        return bytes
    }

    private func latin1Bytes(_ s: String, what: String) throws(PNGEncodeError) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in s.unicodeScalars {
            guard scalar.value <= 0xFF else { throw .invalidMetadata("\(what) \"\(s)\" is not Latin-1; use iTXt") }
            out.append(UInt8(truncatingIfNeeded: scalar.value))
        }
        return out
    }
}
