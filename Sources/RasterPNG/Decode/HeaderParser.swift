/// Reads and validates IHDR (PNG spec §11.2.2).
enum HeaderParser {
    static func readIHDR(_ data: UnsafeRawBufferPointer) throws(PNGError) -> PNGHeader {
        guard data.count == 13 else {
            throw .invalidHeader("IHDR is \(data.count) bytes long, must be 13")
        }
        let width = Int(data.beUInt32(0))
        let height = Int(data.beUInt32(4))
        let depth = Int(data[8])
        let colorCode = data[9]
        guard width > 0, height > 0 else { throw .invalidHeader("image size \(width)x\(height) has a zero side") }
        guard width <= 0x7FFF_FFFF, height <= 0x7FFF_FFFF else {
            throw .invalidHeader("image size \(width)x\(height) exceeds 2^31-1")
        }
        guard let colorType = PNGColorType(rawValue: colorCode) else {
            throw .invalidHeader("invalid colour type \(colorCode)")
        }
        guard colorType.allowedBitDepths.contains(depth) else {
            throw .invalidHeader("bit depth \(depth) is not allowed for colour type \(colorCode)")
        }
        guard data[10] == 0 else { throw .invalidHeader("unknown compression method \(data[10])") }
        guard data[11] == 0 else { throw .invalidHeader("unknown filter method \(data[11])") }
        guard data[12] <= 1 else { throw .invalidHeader("unknown interlace method \(data[12])") }
        return PNGHeader(width: width, height: height, bitDepth: depth, colorType: colorType,
                         interlaced: data[12] == 1)
    }
}
