/// Length of the common run of bytes at `cand` and `pos` of `base`, starting from `known`
/// bytes already known equal, at most `maxLen`. The matchers' one comparison loop.
/// Reads stay below `pos + maxLen`: `cand < pos`, and the 8-byte compares run only while
/// `len + 8 <= maxLen` (callers pass `maxLen <= n - pos`).
@inline(__always)
func commonLength(_ base: UnsafeRawPointer, _ cand: Int, _ pos: Int, known: Int, maxLen: Int) -> Int {
    var len = known
    while len &+ 8 <= maxLen {
        let x = base.loadUnaligned(fromByteOffset: cand &+ len, as: UInt64.self)
            ^ base.loadUnaligned(fromByteOffset: pos &+ len, as: UInt64.self)
        if x != 0 { return len &+ (UInt64(littleEndian: x).trailingZeroBitCount &>> 3) }
        len &+= 8
    }
    while len < maxLen
        && base.load(fromByteOffset: cand &+ len, as: UInt8.self) == base.load(fromByteOffset: pos &+ len, as: UInt8.self) {
        len &+= 1
    }
    return len
}
