/// LSB-first bit reader over one input buffer (RFC 1951 §3.1.1), for the careful paths.
///
/// `buf` holds `left` valid bits and zeros above them (the fast loop's look-ahead bits are
/// cleared when it hands over), so a peek past `left` reads zeros, which callers never trust:
/// they compare a code's length with `left` first.
/// Value type on purpose: saving a copy is a checkpoint, assigning it back a rollback.
///
/// Invariant: `left` is in 0...63, never 64. The fast loop's branch-free refill
/// (`InflateFastLoop.swift`) relies on it: it shifts the loaded word left by `left` and
/// advances by `(63 - left) >> 3` bytes, which is only right for `left < 64`. Proof that it
/// holds everywhere: `left` starts at 0 (a new engine), is saved and restored unchanged between
/// `run` calls, and only two operations ever increase it: `refill` below adds 8 only while
/// `left < 56`, so it ends at most 55 + 8 = 63; the fast loop's refill sets `left |= 56`, which
/// for `left` in 0...63 is again in 56...63. Everything else (`drop`, `take`, `alignToByte`,
/// clearing for a stored block) only lowers it. Hence `left <= 63` at every refill.
struct BitReader {
    var buf: UInt64
    var left: Int
    var pos: Int
    let base: UnsafePointer<UInt8>
    let end: Int

    /// Loads whole bytes until at least 56 bits are buffered or the input ends; leaves at
    /// most 63 (see the invariant above).
    @inline(__always)
    mutating func refill() {
        while left < 56 && pos < end {
            buf |= UInt64(base[pos]) &<< UInt64(left)
            pos &+= 1
            left &+= 8
        }
    }

    /// True when at least `n` (<= 56) bits are buffered, refilling first if needed.
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
