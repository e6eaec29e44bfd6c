/// The wrappers around DEFLATE data, as the inflate engine reads them: the zlib header and
/// Adler-32 trailer (RFC 1950), gzip member headers with their optional fields and the
/// CRC-32/ISIZE trailer (RFC 1952). Kept apart from the block decoder, which never sees them.
///
/// Each function is one or more engine steps: it consumes a field only when all of its bits
/// are buffered, so returning `.starved` leaves the stage where it can resume.
extension InflateEngine {
    /// What a framing step asks the engine's `run` loop to do next.
    enum FramingStep {
        /// The field was read; continue with the new stage.
        case advanced
        /// The field's bytes are not all here yet (an error if the input is final).
        case starved
        /// Stop and return this status to the driver.
        case stop(Status)
    }

    /// RFC 1950 §2.2: CMF and FLG.
    mutating func readZlibHeader(_ r: inout BitReader) throws(DeflateError) -> FramingStep {
        guard r.ensure(16) else { return .starved }
        let cmf = r.peek(8)
        let flg = (r.buf >> 8) & 0xFF
        if cmf & 0x0F != 8 { throw .invalidHeader("zlib compression method is not 8 (deflate)") }
        if cmf >> 4 > 7 { throw .invalidHeader("zlib window size exceeds 32 KiB") }
        if (cmf << 8 | flg) % 31 != 0 { throw .invalidHeader("zlib header check bits are wrong") }
        if flg & 0x20 != 0 { throw .presetDictionaryUnsupported }
        r.drop(16)
        stage = .blockHeader
        return .advanced
    }

    /// RFC 1952 §2.3.1: one field of a gzip member header per call, as `stage` says.
    mutating func readGzipHeaderField(_ r: inout BitReader, final: Bool) throws(DeflateError) -> FramingStep {
        switch stage {
        case .gzipHeader:
            // ID1 ID2 CM FLG MTIME(4) XFL OS.
            r.refill()
            if r.bytesAvailable < 10 {
                if r.bytesAvailable == 0 && membersDone > 0 && final { stage = .done; return .stop(.streamEnd) }
                // Check what is there so garbage fails now rather than as "truncated".
                if r.bytesAvailable >= 1 && r.peek(8) != 31 { throw .invalidHeader("not a gzip stream (bad magic)") }
                if r.bytesAvailable >= 2 && (r.buf >> 8) & 0xFF != 139 { throw .invalidHeader("not a gzip stream (bad magic)") }
                return .starved
            }
            var header = (UInt64(0), UInt64(0))
            header.0 = UInt64(r.take(32))
            r.refill()
            header.0 |= UInt64(r.take(32)) << 32
            r.refill()
            header.1 = UInt64(r.take(16))
            if header.0 & 0xFFFF != 0x8B1F { throw .invalidHeader("not a gzip stream (bad magic)") }
            if (header.0 >> 16) & 0xFF != 8 { throw .invalidHeader("gzip compression method is not 8 (deflate)") }
            let flags = UInt8(truncatingIfNeeded: header.0 >> 24)
            if flags & 0xE0 != 0 { throw .invalidHeader("gzip reserved flag bits are set") }
            gzipFlags = flags
            headerCRC = withUnsafeBytes(of: &header) { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<10])) }
            stage = .gzipExtraLength
        case .gzipExtraLength:
            if gzipFlags & 4 == 0 { stage = .gzipName; return .advanced }
            guard r.ensure(16) else { return .starved }
            let xlen = r.take(16)
            headerCRC = crcBytes(headerCRC, UInt64(xlen), 2)
            stage = .gzipExtra(remaining: xlen)
        case .gzipExtra(let remaining):
            var n = remaining
            while n > 0 {
                guard r.ensure(8) else { stage = .gzipExtra(remaining: n); return .starved }
                headerCRC = crcBytes(headerCRC, UInt64(r.take(8)), 1)
                n -= 1
            }
            stage = .gzipName
        case .gzipName, .gzipComment:
            let isName = stage == .gzipName
            if gzipFlags & (isName ? 8 : 16) != 0 {
                while true {
                    guard r.ensure(8) else { return .starved }
                    let b = r.take(8)
                    headerCRC = crcBytes(headerCRC, UInt64(b), 1)
                    if b == 0 { break }
                }
            }
            stage = isName ? .gzipComment : .gzipHeaderCRC
        case .gzipHeaderCRC:
            if gzipFlags & 2 != 0 {
                guard r.ensure(16) else { return .starved }
                let stored = UInt32(r.take(16))
                if stored != headerCRC & 0xFFFF {
                    throw .checksumMismatch(expected: stored, actual: headerCRC & 0xFFFF)
                }
            }
            stage = .blockHeader
        default:
            break
        }
        return .advanced
    }

    /// After the final block: the zlib Adler-32 or the gzip CRC-32 and ISIZE (nothing for raw).
    mutating func readTrailer(_ r: inout BitReader) throws(DeflateError) -> FramingStep {
        r.alignToByte()
        updateChecksum()
        switch format {
        case .raw:
            stage = .done
        case .zlib:
            // RFC 1950 §2.2: ADLER32, most significant byte first.
            guard r.ensure(32) else { return .starved }
            let v = UInt32(truncatingIfNeeded: r.take(32))
            let expected = v.byteSwapped
            if expected != checksum { throw .checksumMismatch(expected: expected, actual: checksum) }
            stage = .done
        case .gzip:
            // RFC 1952 §2.3.1: CRC32 then ISIZE, least significant byte first.
            r.refill()
            guard r.bytesAvailable >= 8 else { return .starved }
            let crc = UInt32(truncatingIfNeeded: r.take(32))
            r.refill()
            let isize = UInt32(truncatingIfNeeded: r.take(32))
            if crc != checksum { throw .checksumMismatch(expected: crc, actual: checksum) }
            if isize != memberSize { throw .lengthMismatch }
            stage = .memberEnd
        }
        return .advanced
    }

    /// A gzip member ended: reset the per-member state; another member may follow.
    mutating func endGzipMember(_ r: inout BitReader, final: Bool) -> FramingStep {
        membersDone += 1
        checksum = 0
        memberSize = 0
        finalBlock = false
        windowBase = outPos
        stage = .gzipHeader
        r.refill()
        if r.bytesAvailable == 0 {
            if final { stage = .done; return .stop(.streamEnd) }
            return .stop(.needInput)
        }
        return .advanced
    }

    /// CRC-32 of the low `n` bytes of `value`, continuing `crc` (header fields for FHCRC).
    func crcBytes(_ crc: UInt32, _ value: UInt64, _ n: Int) -> UInt32 {
        var v = value
        return withUnsafeBytes(of: &v) { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<n]), continuing: crc) }
    }
}
