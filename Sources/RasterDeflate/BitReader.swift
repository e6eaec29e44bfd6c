/// LSB-first bit reader over one input buffer (RFC 1951 §3.1.1), for the careful paths.
///
/// `buf` holds `left` valid bits; bits above them are zero or the next input bits, so a peek
/// past `left` is only a guess that callers confirm by comparing a code's length with `left`.
/// Value type on purpose: saving a copy is a checkpoint, assigning it back a rollback.
struct BitReader {
    var buf: UInt64
    var left: Int
    var pos: Int
    let base: UnsafePointer<UInt8>
    let end: Int

    @inline(__always)
    mutating func refill() {
        while left <= 56 && pos < end {
            buf |= UInt64(base[pos]) &<< UInt64(left)
            pos &+= 1
            left &+= 8
        }
    }

    /// True when at least `n` (<= 57) bits are buffered, refilling first if needed.
    @inline(__always)
    mutating func ensure(_ n: Int) -> Bool {
        if left < n { refill() }
        return left >= n
    }

    @inline(__always)
    func peek(_ n: Int) -> UInt64 { buf & ~(UInt64.max &<< UInt64(n)) }

    @inline(__always)
    mutating func drop(_ n: Int) {
        buf &>>= UInt64(n)
        left &-= n
    }

    /// Reads `n` bits; the caller has checked with `ensure`.
    @inline(__always)
    mutating func take(_ n: Int) -> Int {
        let v = Int(truncatingIfNeeded: peek(n))
        drop(n)
        return v
    }

    /// Drops bits up to the next byte boundary.
    @inline(__always)
    mutating func alignToByte() { drop(left & 7) }

    /// Whole bytes available: buffered plus unread input (only meaningful when byte-aligned).
    var bytesAvailable: Int { (left &>> 3) &+ (end &- pos) }
}
