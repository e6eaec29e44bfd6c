import RasterCore

/// A JPEG feature that is valid but that this decoder does not implement.
public enum JPEGUnsupportedMode: Hashable, Sendable, CustomStringConvertible {
    /// SOF3/SOF7/SOF11/SOF15: lossless (predictive) coding.
    case lossless
    /// SOF5...SOF7, SOF13...SOF15 or DHP/EXP: hierarchical coding.
    case hierarchical
    /// SOF9...SOF15 or DAC: arithmetic entropy coding.
    case arithmetic
    /// A sample precision other than 8 bits (12-bit JPEG, for example).
    case precision(Int)
    /// A component count other than 1, 3 or 4.
    case componentCount(Int)
    /// The image height is given by a DNL marker after the first scan (frame height 0).
    case definedNumberOfLines

    public var description: String {
        switch self {
        case .lossless: return "lossless JPEG (SOF3)"
        case .hierarchical: return "hierarchical JPEG"
        case .arithmetic: return "arithmetic-coded JPEG"
        case let .precision(bits): return "\(bits)-bit sample precision (only 8-bit is supported)"
        case let .componentCount(n): return "\(n) colour components (only 1, 3 and 4 are supported)"
        case .definedNumberOfLines: return "height defined by a DNL marker"
        }
    }
}

/// Everything that can stop a JPEG from being decoded.
///
/// Three groups: the input is not a well-formed JPEG (`notJPEG`, `truncated`, `corrupt...`,
/// `badHuffmanCode`, `missingTable`), it is valid but uses a mode this decoder does not
/// implement (`unsupported`), or it is bigger than the caller allows (`limitExceeded`).
public enum JPEGError: Error, Hashable, Sendable, CustomStringConvertible, RasterFailure {
    /// The data does not begin with the SOI marker (0xFFD8).
    case notJPEG
    /// The data ends before the image is complete; `context` says where.
    case truncated(context: String)
    /// A marker segment is malformed: a bad length, an impossible value, a segment in a
    /// place the standard forbids. `marker` is the second byte of the marker.
    case corruptSegment(marker: UInt8, reason: String)
    /// Bytes that should start with a marker (0xFF) do not, or a marker code is unknown.
    case corruptMarker(offset: Int, reason: String)
    /// Entropy-coded data holds a bit pattern that no Huffman code of the table matches.
    case badHuffmanCode(scan: Int, mcuRow: Int, mcuColumn: Int)
    /// Entropy-coded data is inconsistent (a coefficient index past 63, a missing restart
    /// marker, a scan that ends early at a marker).
    case corruptEntropyData(scan: Int, mcuRow: Int, mcuColumn: Int, reason: String)
    /// A scan uses a Huffman or quantisation table that was never defined.
    case missingTable(kind: String, index: Int)
    /// Valid JPEG that uses a mode this decoder does not implement.
    case unsupported(JPEGUnsupportedMode)
    /// The image (or its working memory) is larger than the caller's `DecodeLimits` allow.
    case limitExceeded(LimitExceeded)

    public var kind: ErrorKind {
        switch self {
        case .truncated: return .truncated
        case .notJPEG, .corruptSegment, .corruptMarker, .badHuffmanCode, .corruptEntropyData, .missingTable:
            return .corrupt
        case .unsupported: return .unsupported
        case .limitExceeded: return .limitExceeded
        }
    }

    public var description: String {
        switch self {
        case .notJPEG:
            return "not a JPEG file: the SOI marker (FF D8) is missing"
        case let .truncated(context):
            return "JPEG data is truncated: the file ends \(context)"
        case let .corruptSegment(marker, reason):
            return "corrupt JPEG segment \(markerName(marker)): \(reason)"
        case let .corruptMarker(offset, reason):
            return "corrupt JPEG marker at byte \(offset): \(reason)"
        case let .badHuffmanCode(scan, row, column):
            return "corrupt JPEG entropy data: no Huffman code matches in scan \(scan) at MCU row \(row), column \(column)"
        case let .corruptEntropyData(scan, row, column, reason):
            return "corrupt JPEG entropy data in scan \(scan) at MCU row \(row), column \(column): \(reason)"
        case let .missingTable(kind, index):
            return "JPEG scan uses \(kind) table \(index), which is never defined"
        case let .unsupported(mode):
            return "unsupported JPEG: \(mode)"
        case let .limitExceeded(limit):
            return "JPEG image too large: \(limit)"
        }
    }
}

/// "APP1", "SOF2", "DHT"... for messages.
func markerName(_ code: UInt8) -> String {
    switch code {
    case 0xC4: return "DHT"
    case 0xCC: return "DAC"
    case 0xC0...0xCF: return "SOF\(code - 0xC0)"
    case 0xD0...0xD7: return "RST\(code - 0xD0)"
    case 0xD8: return "SOI"
    case 0xD9: return "EOI"
    case 0xDA: return "SOS"
    case 0xDB: return "DQT"
    case 0xDC: return "DNL"
    case 0xDD: return "DRI"
    case 0xE0...0xEF: return "APP\(code - 0xE0)"
    case 0xFE: return "COM"
    default:
        let hex = String(code, radix: 16, uppercase: true)
        return "marker FF\(hex.count == 1 ? "0" + hex : hex)"
    }
}
