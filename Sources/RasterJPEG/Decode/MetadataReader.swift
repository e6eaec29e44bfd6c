import RasterCore

/// APPn and COM segments: JFIF (APP0), EXIF (APP1), ICC profile chunks (APP2), Adobe
/// (APP14), comments. Malformed metadata never fails a decode: it is dropped with a
/// warning, since the pixels do not depend on it (except Adobe's transform, which libjpeg
/// also reads leniently).
extension DecoderState {
    mutating func readMetadataSegment(_ marker: UInt8, range: Range<Int>) throws(JPEGError) {
        let bytes = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        @inline(__always) func starts(with prefix: [UInt8]) -> Bool {
            bytes.count >= prefix.count && zip(bytes, prefix).allSatisfy { $0 == $1 }
        }
        switch marker {
        case JPEGMarker.app0 where starts(with: Array("JFIF\0".utf8)):
            sawJFIF = true
            if bytes.count >= 12, metadata.jfif == nil {
                metadata.jfif = .init(majorVersion: bytes[5], minorVersion: bytes[6], densityUnits: bytes[7],
                                      xDensity: Int(bytes[8]) << 8 | Int(bytes[9]),
                                      yDensity: Int(bytes[10]) << 8 | Int(bytes[11]))
            }
        case JPEGMarker.app14 where starts(with: Array("Adobe".utf8)):
            // libjpeg reads the transform from byte 11 of a segment of at least 12 bytes.
            if bytes.count >= 12 {
                metadata.adobe = .init(version: Int(bytes[5]) << 8 | Int(bytes[6]), transform: bytes[11])
            }
        case JPEGMarker.app1 where starts(with: Array("Exif\0\0".utf8)):
            guard metadata.exif == nil else { return }
            guard reserveMetadata(bytes.count - 6, marker: marker) else { return }
            let tiff = [UInt8](bytes[6...])
            metadata.exif = tiff
            metadata.orientation = Self.exifOrientation(tiff) ?? .up
        case JPEGMarker.app2 where starts(with: Array("ICC_PROFILE\0".utf8)):
            guard bytes.count >= 14 else {
                warnings.append(.ignoredMetadata(marker: marker, reason: "ICC chunk header cut short"))
                iccBroken = true
                return
            }
            let sequence = Int(bytes[12]), total = Int(bytes[13])
            if sequence == 0 || sequence > total || (iccChunkCount != 0 && total != iccChunkCount)
                || iccChunks[sequence] != nil {
                if !iccBroken {
                    warnings.append(.ignoredMetadata(marker: marker, reason: "inconsistent ICC_PROFILE chunk numbering"))
                }
                iccBroken = true
                return
            }
            guard reserveMetadata(bytes.count - 14, marker: marker) else { iccBroken = true; return }
            iccChunkCount = total
            iccChunks[sequence] = [UInt8](bytes[14...])
        case JPEGMarker.com:
            guard reserveMetadata(bytes.count, marker: marker) else { return }
            metadata.comments.append([UInt8](bytes))
        default:
            return
        }
    }

    /// Counts `n` bytes against `metadataLimit`; false (with a warning) when over.
    mutating func reserveMetadata(_ n: Int, marker: UInt8) -> Bool {
        if metadataBytes + n > options.metadataLimit {
            warnings.append(.ignoredMetadata(marker: marker, reason: "over the metadata limit of \(options.metadataLimit) bytes"))
            return false
        }
        metadataBytes += n
        return true
    }

    /// Puts the ICC chunks together once every chunk 1...count is there.
    mutating func assembleICC() {
        guard !iccBroken, iccChunkCount > 0 else { return }
        var profile: [UInt8] = []
        for i in 1...iccChunkCount {
            guard let chunk = iccChunks[i] else {
                warnings.append(.ignoredMetadata(marker: JPEGMarker.app2, reason: "ICC profile chunk \(i) of \(iccChunkCount) is missing"))
                return
            }
            profile += chunk
        }
        metadata.iccProfile = profile
    }

    /// Tag 0x0112 of IFD0 in a TIFF block (TIFF 6.0 section 2; EXIF 2.3 4.6.4), if valid.
    static func exifOrientation(_ tiff: [UInt8]) -> Orientation? {
        guard tiff.count >= 8 else { return nil }
        let little: Bool
        if tiff[0] == 0x49 && tiff[1] == 0x49 { little = true } else if tiff[0] == 0x4D && tiff[1] == 0x4D { little = false } else { return nil }
        func u16(_ i: Int) -> Int? {
            guard i >= 0, i + 2 <= tiff.count else { return nil }
            return little ? Int(tiff[i]) | Int(tiff[i + 1]) << 8 : Int(tiff[i]) << 8 | Int(tiff[i + 1])
        }
        func u32(_ i: Int) -> Int? {
            guard let a = u16(i), let b = u16(i + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        guard u16(2) == 42, let ifd = u32(4), let entries = u16(ifd) else { return nil }
        for e in 0..<entries {
            let at = ifd + 2 + e * 12
            guard let tag = u16(at) else { return nil }
            if tag == 0x0112 {
                guard u16(at + 2) == 3, let value = u16(at + 8) else { return nil }
                return Orientation(rawValue: value)
            }
        }
        return nil
    }
}
