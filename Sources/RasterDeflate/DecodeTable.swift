/// Packed Huffman decode tables (the layout libdeflate popularised, written afresh here).
///
/// Each table is indexed by the next `rootBits` input bits (LSB first, i.e. bit-reversed codes).
/// A UInt32 entry holds everything the decoder needs without a second lookup:
///
///     bits  0-4   bits to consume: code length plus extra bits (root bits for a subtable pointer)
///     bits  5-7   zero, so shifting by the whole entry (x86 and `&>>` use the low 6 bits) consumes it
///     bits  8-11  code length alone, to shift off before reading extra bits (subtable bits for a pointer)
///     bits 12-15  flags, below
///     bits 16-31  value: literal byte, length or distance base, precode symbol, or subtable start
///
/// Codes longer than `rootBits` go to a subtable, indexed by the bits after the root bits;
/// lengths in subtable entries count only those bits.
///
/// Two literals per entry: where the root bits hold a whole literal code and then another whole
/// literal code, the literal/length root entry decodes both (`doubleLiteral`): bits 16-23 the
/// first byte, 24-31 the second, bits 0-4 both codes' lengths together, bits 8-11 the first
/// code's length alone (so a decoder that wants one literal at a time, the careful loop, takes
/// bits 8-11 and byte 16-23 of any literal entry). Filtered image rows code their common
/// residuals in 3-6 bits, so most root entries of such blocks hold two literals.
enum DecodeTable {
    static let literal: UInt32 = 0x8000
    /// Not a plain length/distance: subtable pointer, end of block, or invalid.
    static let exceptional: UInt32 = 0x4000
    static let subtable: UInt32 = 0x2000
    /// With `exceptional`: end of block.
    static let endOfBlock: UInt32 = 0x1000
    /// With `literal` (never with `exceptional`): the entry holds two literals.
    static let doubleLiteral: UInt32 = 0x1000
    /// On a length entry (neither `literal` nor `exceptional`): extra bits follow the code and
    /// must be added to the base. Root entries whose code and extra bits fit in the root bits
    /// hold the whole length instead (bits 8-11 then equal bits 0-4, so the general rule of
    /// adding (bits & mask(bits 0-4)) >> bits 8-11 adds zero) and lack this flag.
    static let lengthHasExtra: UInt32 = 0x1000

    static let litlenBits = 11
    static let distBits = 8
    static let precodeBits = 7
    /// Largest table sizes any complete code can need with these root sizes (zlib's `enough`
    /// figures for 288 symbols/11 bits and 32 symbols/8 bits, 15-bit codes).
    static let litlenEnough = 2342
    static let distEnough = 402
    static let precodeEnough = 128
    static let litlenOffset = 0
    static let distOffset = litlenEnough
    static let precodeOffset = litlenEnough + distEnough
    static let totalEntries = litlenEnough + distEnough + precodeEnough

    enum Kind { case litlen, dist, precode }

    /// `build`'s scratch: 16 counts and 16 offsets (Int), the symbols in canonical order (up to
    /// 320 UInt16), the root literal codes for `pairLiterals` (up to 256 UInt16), and its
    /// second-literal suffixes (up to 1024 UInt32).
    static let scratchOrderOffset = 32 * MemoryLayout<Int>.stride
    static let scratchLiteralCodesOffset = scratchOrderOffset + 320 * 2
    static let scratchSuffixOffset = scratchLiteralCodesOffset + 256 * 2
    static let scratchBytes = scratchSuffixOffset + 1024 * 4

    /// RFC 1951 §3.2.5: base and extra-bit count of length symbols 257-285.
    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                       35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                       3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// RFC 1951 §3.2.5: base and extra-bit count of distance symbols 0-29.
    static let distBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                     257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                     8193, 12289, 16385, 24577]
    static let distExtra: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                     7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// The entry for `symbol` whose code (or the part of it past the root bits) is `len` bits.
    @inline(__always)
    static func entry(kind: Kind, symbol: Int, len: UInt32) -> UInt32 {
        switch kind {
        case .precode:
            return UInt32(truncatingIfNeeded: symbol) << 16 | len << 8 | len
        case .litlen:
            if symbol < 256 { return literal | UInt32(truncatingIfNeeded: symbol) << 16 | len << 8 | len }
            if symbol == 256 { return exceptional | endOfBlock | len << 8 | len }
            let i = symbol - 257
            guard i < 29 else { return exceptional | len }
            let extra = UInt32(lengthExtra[i])
            return UInt32(lengthBase[i]) << 16 | (extra != 0 ? lengthHasExtra : 0) | len << 8 | (len + extra)
        case .dist:
            guard symbol < 30 else { return exceptional | len }
            return UInt32(distBase[symbol]) << 16 | len << 8 | (len + UInt32(distExtra[symbol]))
        }
    }

    /// Builds the canonical code of RFC 1951 §3.2.2 from `lengths` into `table`.
    ///
    /// Rejects over-subscribed sets, and incomplete ones except those zlib also takes: a single
    /// one-bit code (literal/length or distance) and an empty distance code. A literal/length
    /// code without end-of-block is rejected too, since such a block could never end.
    /// `scratch` is laid out as `scratchOrderOffset` ... `scratchBytes` say.
    static func build(lengths: UnsafePointer<UInt8>, count: Int, kind: Kind,
                      table: UnsafeMutablePointer<UInt32>, rootBits: Int, capacity: Int,
                      scratch: UnsafeMutableRawPointer) throws(DeflateError) {
        let counts = scratch.assumingMemoryBound(to: Int.self)
        let offs = counts + 16
        let order = (scratch + scratchOrderOffset).assumingMemoryBound(to: UInt16.self)
        for l in 0..<16 { counts[l] = 0 }
        var maxLen = 0
        for s in 0..<count {
            let l = Int(lengths[s] & 15)
            counts[l] &+= 1
            if l > maxLen { maxLen = l }
        }
        let rootSize = 1 << rootBits
        if maxLen == 0 {
            // No codes at all: only a distance code may be empty (a block of literals only).
            guard kind == .dist else { throw .invalidCodeLengths }
            for i in 0..<rootSize { table[i] = exceptional | UInt32(rootBits) }
            return
        }
        if kind == .litlen && lengths[256] == 0 { throw .invalidCodeLengths }
        var left = 1
        for l in 1...15 {
            left <<= 1
            left -= counts[l]
            if left < 0 { throw .invalidCodeLengths }
        }
        if left > 0 {
            guard kind != .precode, maxLen == 1 else { throw .invalidCodeLengths }
            // One one-bit code: the other half of the table decodes to nothing.
            for i in 0..<rootSize { table[i] = exceptional | UInt32(rootBits) }
        }
        // Symbols sorted by code length, ties by symbol value: the canonical order.
        var o = 0
        for l in 1...15 { offs[l] = o; o &+= counts[l] }
        for s in 0..<count {
            let l = Int(lengths[s] & 15)
            if l != 0 { order[offs[l]] = UInt16(truncatingIfNeeded: s); offs[l] &+= 1 }
        }
        let literalCodes = (scratch + scratchLiteralCodesOffset).assumingMemoryBound(to: UInt16.self)
        let nLiterals = try fill(order: order, kind: kind, table: table, rootBits: rootBits,
                                 capacity: capacity, counts: counts, maxLen: maxLen, literalCodes: literalCodes)
        if nLiterals > 0 {
            pairLiterals(table: table, rootBits: rootBits, codes: literalCodes, count: nLiterals,
                         suffix: (scratch + scratchSuffixOffset).assumingMemoryBound(to: UInt32.self))
        }
    }

    /// Turns root entries whose bits hold two whole literal codes into two-literal entries.
    ///
    /// `codes` lists the literal codes shorter than the root bits, shortest first, each as its
    /// bit-reversed code | length << 11. The root entries of a code `c` of `l1` bits are
    /// `c | k << l1` for every `k` below `2^(rootBits - l1)`, and in entry `c | k << l1` the
    /// next code starts at bit `l1`, where the entry's index reads `k`. The entry at index `k`
    /// decodes that next symbol exactly when its code length `l2` is at most `rootBits - l1`
    /// (it then reads only bits of `k`). So one suffix per `k`, the same for every first code of
    /// length `l1`, is worked out once per length (from the single-literal view of entry `k`:
    /// bits 8-11 and 16-23, which two-literal entries keep) and added to each of those entries.
    /// Each root entry is rewritten at most once (its first code is unique), from its
    /// single-literal value.
    private static func pairLiterals(table: UnsafeMutablePointer<UInt32>, rootBits: Int,
                                     codes: UnsafePointer<UInt16>, count: Int,
                                     suffix: UnsafeMutablePointer<UInt32>) {
        var suffixFor = 0
        for c in 0..<count {
            let code = Int(codes[c] & 0x7FF)
            let l1 = Int(codes[c] &>> 11)
            let room = rootBits &- l1
            let n = 1 &<< room
            if l1 != suffixFor {
                suffixFor = l1
                for k in 0..<n {
                    let e2 = table[k]
                    let l2 = (e2 &>> 8) & 0xF
                    suffix[k] = e2 & literal != 0 && Int(l2) <= room
                        ? l2 | doubleLiteral | (e2 &>> 16) &<< 24 : 0
                }
            }
            let first = table[code]
            var p = table + code
            let step = 1 &<< l1
            for k in 0..<n {
                p.pointee = first &+ suffix[k]
                p += step
            }
        }
    }

    private static func fill(order: UnsafeMutablePointer<UInt16>, kind: Kind,
                             table: UnsafeMutablePointer<UInt32>, rootBits: Int, capacity: Int,
                             counts: UnsafeMutablePointer<Int>, maxLen: Int,
                             literalCodes: UnsafeMutablePointer<UInt16>) throws(DeflateError) -> Int {
        var nLiterals = 0
        let rootMask = (1 << rootBits) - 1
        var code = 0          // canonical code, MSB-first
        var idx = 0
        var nextFree = 1 << rootBits
        var curPrefix = -1
        var subStart = 0
        var subBits = 0
        for len in 1...15 {
            var n = counts[len]
            while n > 0 {
                let sym = Int(order[idx])
                idx &+= 1
                // Bit-reverse the code: the stream sends codes MSB first into an LSB-first reader.
                var rev = 0
                var c = code
                for _ in 0..<len { rev = (rev << 1) | (c & 1); c >>= 1 }
                if len <= rootBits {
                    if kind == .litlen && sym < 256 && len < rootBits {
                        literalCodes[nLiterals] = UInt16(truncatingIfNeeded: rev | len << 11)
                        nLiterals &+= 1
                    }
                    let e = entry(kind: kind, symbol: sym, len: UInt32(len))
                    var i = rev
                    let x = kind == .litlen && sym > 256 && sym < 286 ? Int(lengthExtra[sym - 257]) : 0
                    if x > 0 && len &+ x <= rootBits {
                        // A length code and all its extra bits fit in the root bits: each entry
                        // holds the whole length (base + the extra bits its index carries) and
                        // consumes both, so the decoder extracts nothing.
                        let whole = UInt32(len &+ x)
                        let base = e &>> 16
                        while i <= rootMask {
                            let extra = UInt32(truncatingIfNeeded: (i &>> len) & ((1 << x) - 1))
                            table[i] = (base &+ extra) << 16 | whole << 8 | whole
                            i &+= 1 << len
                        }
                    } else {
                        while i <= rootMask { table[i] = e; i &+= 1 << len }
                    }
                } else {
                    let prefix = rev & rootMask
                    if prefix != curPrefix {
                        // New subtable: as deep as needed for the codes sharing this prefix
                        // (zlib's sizing rule, using the codes not yet placed).
                        curPrefix = prefix
                        subBits = len - rootBits
                        var room = 1 << subBits
                        while subBits + rootBits < maxLen {
                            room -= counts[subBits + rootBits]
                            if room <= 0 { break }
                            subBits += 1
                            room <<= 1
                        }
                        subStart = nextFree
                        nextFree += 1 << subBits
                        guard nextFree <= capacity else { throw .invalidCodeLengths }
                        table[prefix] = exceptional | subtable | UInt32(subStart) << 16
                            | UInt32(subBits) << 8 | UInt32(rootBits)
                    }
                    let sub = len - rootBits
                    let e = entry(kind: kind, symbol: sym, len: UInt32(sub))
                    var i = rev >> rootBits
                    while i < (1 << subBits) { table[subStart + i] = e; i &+= 1 << sub }
                }
                counts[len] -= 1
                n -= 1
                code += 1
            }
            code <<= 1
        }
        return nLiterals
    }
}
