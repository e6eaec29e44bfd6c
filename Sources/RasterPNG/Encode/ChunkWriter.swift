import RasterDeflate

/// Appends chunks (length, type, data, CRC; PNG spec §5.3) to an output buffer.
struct ChunkWriter {
    var bytes: [UInt8] = ChunkReader.signature

    /// Chunk payloads are at most 2^31-1 bytes (PNG spec §5.3).
    static let maxLength = 0x7FFF_FFFF

    mutating func write(_ type: UInt32, _ data: [UInt8]) {
        let typeBytes: [UInt8] = [UInt8(truncatingIfNeeded: type >> 24), UInt8(truncatingIfNeeded: type >> 16),
                                  UInt8(truncatingIfNeeded: type >> 8), UInt8(truncatingIfNeeded: type)]
        append32(UInt32(truncatingIfNeeded: data.count))
        bytes.append(contentsOf: typeBytes)
        bytes.append(contentsOf: data)
        let crc = data.withUnsafeBytes { CRC32.checksum($0, continuing: CRC32.checksum(typeBytes)) }
        append32(crc)
    }

    /// Writes IDAT chunks of at most 1 GiB each (the format's cap is 2^31-1 bytes).
    mutating func writeImageData(_ data: [UInt8]) {
        let most = 1 << 30  // well under maxLength
        var start = 0
        repeat {
            let end = min(data.count, start + most)
            write(ChunkType.IDAT, Array(data[start ..< end]))
            start = end
        } while start < data.count
    }

    private mutating func append32(_ v: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: v >> 24))
        bytes.append(UInt8(truncatingIfNeeded: v >> 16))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
        bytes.append(UInt8(truncatingIfNeeded: v))
    }
}

/// Big-endian field builders for chunk payloads.
extension Array where Element == UInt8 {
    mutating func appendBE32(_ v: UInt32) {
        append(UInt8(truncatingIfNeeded: v >> 24)); append(UInt8(truncatingIfNeeded: v >> 16))
        append(UInt8(truncatingIfNeeded: v >> 8)); append(UInt8(truncatingIfNeeded: v))
    }

    mutating func appendBE16(_ v: UInt16) {
        append(UInt8(truncatingIfNeeded: v >> 8)); append(UInt8(truncatingIfNeeded: v))
    }
}
