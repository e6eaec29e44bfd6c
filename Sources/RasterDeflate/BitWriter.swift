/// LSB-first bit writer (RFC 1951 §3.1.1) over a buffer the caller sized with 8 bytes of slack.
struct BitWriter {
    var p: UnsafeMutablePointer<UInt8>
    var buf: UInt64 = 0
    /// Bits pending in `buf`; below 8 after `flush`, so up to 56 bits may be put between flushes.
    var count = 0

    init(_ p: UnsafeMutablePointer<UInt8>) { self.p = p }

    @inline(__always)
    mutating func put(_ bits: UInt64, _ n: Int) {
        buf |= bits &<< UInt64(count)
        count &+= n
    }

    /// Writes all whole bytes: one unaligned 8-byte store, then advance past the full bytes.
    @inline(__always)
    mutating func flush() {
        UnsafeMutableRawPointer(p).storeBytes(of: buf.littleEndian, as: UInt64.self)
        let bytes = count &>> 3
        p += bytes
        buf = buf &>> UInt64(bytes &<< 3)
        count &= 7
    }

    /// Flushes and pads with zero bits to the next byte boundary.
    @inline(__always)
    mutating func alignToByte() {
        flush()
        if count > 0 {
            p += 1
            buf = 0
            count = 0
        }
    }
}
