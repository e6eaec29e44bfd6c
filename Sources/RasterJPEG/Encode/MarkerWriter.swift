/// Marker segments (ITU T.81 §B.2, JFIF 1.02, EXIF 2.3 §4.5.4, ICC.1 Annex B.4), in the
/// order and form libjpeg's jcmarker.c writes them, so a file from the same settings has
/// the same headers as cjpeg's: SOI, APP0 JFIF, the caller's APP1 / APP2 / COM, DQT per
/// table, SOF, then per scan DHT per new table, DRI when it changes, SOS.
enum MarkerWriter {
    static let soi: UInt8 = 0xD8
    static let eoi: UInt8 = 0xD9
    static let sof0: UInt8 = 0xC0
    static let sof2: UInt8 = 0xC2
    static let dht: UInt8 = 0xC4
    static let sos: UInt8 = 0xDA
    static let dqt: UInt8 = 0xDB
    static let dri: UInt8 = 0xDD
    static let app0: UInt8 = 0xE0
    static let app1: UInt8 = 0xE1
    static let app2: UInt8 = 0xE2
    static let com: UInt8 = 0xFE

    /// The largest payload one segment holds: its 16-bit length counts itself.
    static let maxPayload = 65533

    static func marker(_ code: UInt8, to out: OutputBuffer) {
        out.append(0xFF)
        out.append(code)
    }

    /// A segment with `payload` (at most `maxPayload` bytes; callers check).
    static func segment(_ code: UInt8, payload: [UInt8], to out: OutputBuffer) {
        marker(code, to: out)
        out.appendUInt16(payload.count + 2)
        out.append(payload)
    }

    /// JFIF APP0 as libjpeg writes it by default: version 1.01, no units, 1:1 density, no
    /// thumbnail.
    static func jfif(to out: OutputBuffer) {
        segment(app0, payload: [0x4A, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0], to: out)
    }

    /// APP1 "Exif\0\0" followed by the TIFF-structured block (the prefix is added unless
    /// the block already starts with it).
    static func exif(_ block: [UInt8], to out: OutputBuffer) {
        let payload = block.starts(with: JPEGExif.prefix) ? block : JPEGExif.prefix + block
        segment(app1, payload: payload, to: out)
    }

    /// Bytes of profile one APP2 segment carries: 65533 less the 14-byte header.
    static let iccChunk = 65519

    /// APP2 "ICC_PROFILE\0", sequence number (from 1), count, then a chunk of the profile.
    static func icc(_ profile: [UInt8], to out: OutputBuffer) {
        let chunks = (profile.count + iccChunk - 1) / iccChunk
        let header: [UInt8] = Array("ICC_PROFILE".utf8) + [0]
        for i in 0 ..< chunks {
            let start = i * iccChunk
            let end = min(start + iccChunk, profile.count)
            segment(app2, payload: header + [UInt8(i + 1), UInt8(chunks)] + profile[start ..< end], to: out)
        }
    }

    /// One DQT segment per table, 8-bit entries in zig-zag order (§B.2.4.1).
    static func quantizationTable(_ table: QuantizationTable, slot: Int, to out: OutputBuffer) {
        var payload: [UInt8] = [UInt8(slot)]
        for k in 0 ..< 64 { payload.append(UInt8(truncatingIfNeeded: table.natural[ZigZag.naturalOrder[k]])) }
        segment(dqt, payload: payload, to: out)
    }

    /// SOF0 (baseline) or SOF2 (progressive), 8-bit precision (§B.2.2).
    static func frameHeader(_ layout: EncoderFrameLayout, progressive: Bool, to out: OutputBuffer) {
        var payload: [UInt8] = [8,
                                UInt8(truncatingIfNeeded: layout.height >> 8), UInt8(truncatingIfNeeded: layout.height),
                                UInt8(truncatingIfNeeded: layout.width >> 8), UInt8(truncatingIfNeeded: layout.width),
                                UInt8(layout.components.count)]
        for c in layout.components {
            payload += [c.id, UInt8(c.h << 4 | c.v), UInt8(c.tableSlot)]
        }
        segment(progressive ? sof2 : sof0, payload: payload, to: out)
    }

    /// One DHT segment holding one table; `isAC` picks the class (§B.2.4.2).
    static func huffmanTable(_ spec: HuffmanTableSpec, isAC: Bool, slot: Int, to out: OutputBuffer) {
        segment(dht, payload: [UInt8((isAC ? 0x10 : 0) | slot)] + spec.counts + spec.symbols, to: out)
    }

    static func restartInterval(_ interval: Int, to out: OutputBuffer) {
        segment(dri, payload: [UInt8(truncatingIfNeeded: interval >> 8), UInt8(truncatingIfNeeded: interval)], to: out)
    }

    /// SOS for `components` (index into the layout), spectral selection and approximation
    /// (§B.2.3). Table selectors are the component's slot, or 0 where the scan uses no such
    /// table (DC refinement, DC-only scans), as jcmarker.c's emit_sos writes them.
    static func scanHeader(_ layout: EncoderFrameLayout, components: [Int], ss: Int, se: Int, ah: Int, al: Int,
                           to out: OutputBuffer) {
        var payload: [UInt8] = [UInt8(components.count)]
        for ci in components {
            let c = layout.components[ci]
            let td = ss == 0 && ah == 0 ? c.tableSlot : 0
            let ta = se != 0 ? c.tableSlot : 0
            payload += [c.id, UInt8(td << 4 | ta)]
        }
        payload += [UInt8(ss), UInt8(se), UInt8(ah << 4 | al)]
        segment(sos, payload: payload, to: out)
    }
}
