/// Something the decoder noticed and worked around. Damage warnings appear when the caller
/// asked for `lenient` decoding (without it the same damage is a `JPEGError`), and in
/// strict mode only for a progressive scan whose data stops early at a marker, which
/// libjpeg-turbo also accepts (it loses refinement detail, not image area).
public enum JPEGWarning: Hashable, Sendable, CustomStringConvertible {
    /// Entropy data is damaged from this MCU of this scan on; the decoder filled what it
    /// could not decode with grey (coefficients left at zero), as libjpeg-turbo does, up to
    /// the next restart marker, where decoding resumes.
    case damagedEntropyData(scan: Int, mcuRow: Int, mcuColumn: Int, reason: String)
    /// The file ends before its last scan or EOI; what was decoded is returned.
    case truncatedFile(context: String)
    /// A metadata segment was malformed or over `metadataLimit` and was not kept.
    case ignoredMetadata(marker: UInt8, reason: String)

    public var description: String {
        switch self {
        case let .damagedEntropyData(scan, row, column, reason):
            return "damaged entropy data in scan \(scan) from MCU row \(row), column \(column): \(reason); the rest of the scan's area is grey"
        case let .truncatedFile(context):
            return "file truncated \(context); missing data shown grey"
        case let .ignoredMetadata(marker, reason):
            return "ignored \(markerName(marker)) segment: \(reason)"
        }
    }
}
