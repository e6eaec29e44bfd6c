import RasterDeflate

/// One chunk's place in the file: `data` is the byte range of its payload.
struct Chunk {
    var type: UInt32
    var data: Range<Int>
    /// Whether the stored CRC matches the type and payload.
    var crcMatches: Bool
    var name: String { ChunkType.name(type) }
}

/// Walks the chunks of a PNG datastream (PNG spec §5.3: length, type, data, CRC).
struct ChunkReader {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int

    /// Checks the signature (PNG spec §5.2) and positions the reader on the first chunk.
    init(_ bytes: UnsafeRawBufferPointer) throws(PNGError) {
        self.bytes = bytes
        let n = min(8, bytes.count)
        for i in 0 ..< n where bytes[i] != ChunkReader.signature[i] { throw .notPNG }
        if n < 8 { throw bytes.isEmpty ? .notPNG : .truncated }
        offset = 8
    }

    var isAtEnd: Bool { offset >= bytes.count }
    var remaining: Int { bytes.count &- offset }

    /// Reads the next chunk; nil when the data ends exactly at a chunk boundary.
    /// With `verifyCRC` false the CRC is not computed and `crcMatches` is true.
    mutating func next(verifyCRC: Bool = true) throws(PNGError) -> Chunk? {
        if offset >= bytes.count { return nil }
        guard bytes.count &- offset >= 8 else { throw .truncated }
        let length = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).bigEndian)
        let type = bytes.loadUnaligned(fromByteOffset: offset &+ 4, as: UInt32.self).bigEndian
        guard ChunkType.isWellFormed(type) else {
            throw .invalidChunk(chunk: ChunkType.name(type), reason: "type code is not four ASCII letters")
        }
        guard length <= 0x7FFF_FFFF else {
            throw .invalidChunk(chunk: ChunkType.name(type), reason: "length \(length) is over 2^31-1")
        }
        let dataStart = offset &+ 8
        // Both terms are below 2^32, so the sum cannot overflow.
        guard bytes.count &- dataStart >= length &+ 4 else { throw .truncated }
        let dataEnd = dataStart &+ length
        var matches = true
        if verifyCRC {
            let stored = bytes.loadUnaligned(fromByteOffset: dataEnd, as: UInt32.self).bigEndian
            let computed = CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[(offset &+ 4) ..< dataEnd]))
            matches = stored == computed
        }
        offset = dataEnd &+ 4
        return Chunk(type: type, data: dataStart ..< dataEnd, crcMatches: matches)
    }

    func payload(_ chunk: Chunk) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[chunk.data])
    }
}

extension UnsafeRawBufferPointer {
    /// Big-endian integer at `offset`; the caller has checked the bounds.
    @inline(__always)
    func beUInt32(_ offset: Int) -> UInt32 { loadUnaligned(fromByteOffset: offset, as: UInt32.self).bigEndian }
    @inline(__always)
    func beUInt16(_ offset: Int) -> UInt16 { loadUnaligned(fromByteOffset: offset, as: UInt16.self).bigEndian }
}
