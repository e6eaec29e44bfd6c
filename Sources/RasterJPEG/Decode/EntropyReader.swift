/// Reads the bits of an entropy-coded segment (T.81 F.2.2.5), MSB first, undoing byte
/// stuffing (FF 00 stands for a data byte FF).
///
/// The 64-bit `buffer` holds `count` unread bits at its top. At a marker or at the end of
/// the input, the reader stops consuming bytes and appends zero bits instead, as libjpeg's
/// `jpeg_fill_bit_buffer` does, and counts them in `fakeBits`: once fewer than `fakeBits`
/// bits are left, the decoder has consumed bits that are not in the file, which is how it
/// tells a scan that ends early (`overran`).
struct EntropyReader {
    let base: UnsafePointer<UInt8>
    let end: Int
    /// Next input byte to load.
    var pos: Int
    var buffer: UInt64 = 0
    var count: Int = 0
    var fakeBits: Int = 0
    /// True once a marker (or the end of the input) stopped the loading of bytes.
    var stopped = false

    init(base: UnsafePointer<UInt8>, end: Int, pos: Int) {
        self.base = base
        self.end = end
        self.pos = pos
    }

    /// True when the decoder used bits beyond the end of the segment.
    var overran: Bool { count < fakeBits }

    /// Loads bytes until at least 57 bits are buffered.
    @inline(__always)
    mutating func refill() {
        // Fast path: eight bytes with no FF among them go in with one load. The proof that
        // the read stays inside the input: pos + 8 <= end is checked first.
        if !stopped, pos &+ 8 <= end {
            let word = UInt64(bigEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self))
            if !Self.hasFF(word) {
                let take = (64 &- count) >> 3          // whole bytes that fit: 1...8
                // take * 8 <= 64 - count, so the shifted word fills the free low bits.
                let bits = take << 3
                let incoming = bits == 64 ? word : word >> UInt64(64 &- bits)
                buffer |= bits == 64 ? incoming : incoming << UInt64(64 &- count &- bits)
                count &+= bits
                pos &+= take
                return
            }
        }
        refillSlow()
    }

    /// Whether some byte of `word` is FF (a marker or a stuffed byte starts there). A byte of
    /// `word` is FF exactly when the same byte of ~word is zero; the classic zero-byte test
    /// flags that byte in bit 7 (it may also flag bytes after it, never when there is none).
    @inline(__always)
    static func hasFF(_ word: UInt64) -> Bool {
        let inverted = ~word
        return (inverted &- 0x0101_0101_0101_0101) & ~inverted & 0x8080_8080_8080_8080 != 0
    }

    /// A refill for decode loops that keep the buffer, count and position in locals, run
    /// before every code without a branch on the count (a refill only when count < 16 is a
    /// branch that the count's varying steps make hard to predict: about one miss in five
    /// probes of the 1/8 skip loop under cachegrind's model). When the next eight input
    /// bytes hold no FF (nearly always; a marker or a stuffed byte starts with FF, so a
    /// stopped reader, whose `pos` is at its marker or at `end`, never passes), they go in
    /// whole: the buffer's free low bits take the word's top bits, `pos` moves past the
    /// whole bytes that fit and count becomes count + 8 * those bytes = count | 56. The
    /// bits of the byte that only partly fits stay below `count`: they are that byte's own
    /// bits, so a later top-up or refill ORs the same values onto them. Otherwise nothing
    /// changes and the caller's `count < 16` test sends it to `refill`.
    /// Requires count <= 63 (a refill leaves at most 64; callers consume a bit after it).
    @inline(__always)
    static func topUp(_ buffer: inout UInt64, _ count: inout Int, _ pos: inout Int,
                      _ base: UnsafePointer<UInt8>, _ end: Int) {
        // pos + 8 <= end bounds the load.
        guard pos &+ 8 <= end else { return }
        let word = UInt64(bigEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self))
        guard !hasFF(word) else { return }
        buffer |= word &>> UInt64(count)
        pos &+= (63 &- count) >> 3
        count |= 56
    }

    /// The refill when the next eight bytes hold an FF (or fewer than eight are left). The
    /// bytes before the first FF still go in as one word, and a stuffed FF 00 in one step;
    /// only a marker, FF padding or the last bytes of the input go byte by byte. (Stuffed
    /// bytes are common: screenshot.jpg has one every 72 bytes, and the byte-wise loop that
    /// handled them was 5% of its 1/8 decode.)
    @inline(never)
    mutating func refillSlow() {
        while count <= 56 {
            if !stopped, pos &+ 8 <= end {
                // pos + 8 <= end: the load and base[pos + 1] below are inside the input.
                let word = UInt64(bigEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self))
                // Exact per-byte FF test (no borrow between bytes, unlike refill's quick
                // test): for each byte x of ~word, (x & 7F) + 7F <= FE carries into bit 7
                // exactly when x & 7F != 0, so bit 7 of the result is clear only for x == 0.
                let inverted = ~word
                let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
                let ffBytes = ~(((inverted & low) &+ low) | inverted | low)
                // Bytes before the first FF (8 when there is none); the first byte is the
                // most significant one of the big-endian word.
                let clean = ffBytes.leadingZeroBitCount >> 3
                let take = min(clean, (64 &- count) >> 3)   // count <= 56: at least 1 fits
                if take > 0 {
                    let bits = take << 3
                    // bits <= 64 - count; bits == 64 only with count == 0.
                    buffer |= bits == 64 ? word : (word >> UInt64(64 &- bits)) << UInt64(64 &- count &- bits)
                    count &+= bits
                    pos &+= take
                    continue
                }
                if base[pos &+ 1] == 0 {
                    buffer |= 0xFF << UInt64(56 &- count)
                    count &+= 8
                    pos &+= 2
                    continue
                }
                // FF followed by FF or a marker code: the byte-wise step below.
            }
            var byte: UInt64 = 0
            if !stopped {
                if pos < end {
                    let b = base[pos]
                    if b != 0xFF {
                        byte = UInt64(b)
                        pos &+= 1
                    } else {
                        // FF FF ... FF 00 is one data byte FF (libjpeg accepts the padding);
                        // FF followed by anything else is a marker, left unread at `pos`.
                        var p = pos &+ 1
                        while p < end && base[p] == 0xFF { p &+= 1 }
                        if p < end && base[p] == 0 {
                            byte = 0xFF
                            pos = p &+ 1
                        } else {
                            pos = p &- 1
                            stopped = true
                            fakeBits &+= 8
                        }
                    }
                } else {
                    stopped = true
                    fakeBits &+= 8
                }
            } else {
                fakeBits &+= 8
            }
            buffer |= byte << UInt64(56 &- count)
            count &+= 8
        }
    }

    /// Drops `n` bits (n <= count).
    @inline(__always)
    mutating func skip(_ n: Int) {
        buffer <<= UInt64(n)
        count &-= n
    }

    /// The next `n` bits (1...16) as an unsigned value; refills first if needed.
    @inline(__always)
    mutating func bits(_ n: Int) -> Int {
        if count < n { refill() }
        let v = Int(truncatingIfNeeded: buffer >> UInt64(64 &- n))
        skip(n)
        return v
    }

    /// One bit.
    @inline(__always)
    mutating func bit() -> Int {
        if count < 1 { refill() }
        let v = Int(truncatingIfNeeded: buffer >> 63)
        skip(1)
        return v
    }

    /// `n` bits (0...16) read as a JPEG magnitude category value and sign-extended (T.81
    /// F.2.2.1 EXTEND): a value below 2^(n-1) is negative.
    @inline(__always)
    mutating func receiveExtend(_ n: Int) -> Int32 {
        if n == 0 { return 0 }
        if count < n { refill() }
        let v = Int32(truncatingIfNeeded: buffer >> UInt64(64 &- n))
        skip(n)
        let half: Int32 = 1 << Int32(n &- 1)
        return v < half ? v &- (half << 1) &+ 1 : v
    }

    /// The next Huffman symbol of `table`, or -1 when no code matches (a corrupt stream).
    @inline(__always)
    mutating func decode(_ table: HuffmanTable) -> Int { decode(table.lookup) }

    /// As `decode(_:)`, over a table's plain pointers.
    @inline(__always)
    mutating func decode(_ table: HuffmanLookup) -> Int {
        if count < 16 { refill() }
        let entry = table.fast[Int(truncatingIfNeeded: buffer >> UInt64(64 &- HuffmanTable.lookupBits))]
        if entry != 0 {
            skip(Int(entry >> 8))
            return Int(entry & 0xFF)
        }
        return decodeSlow(table)
    }

    /// Codes longer than the lookup: T.81 F.2.2.3 DECODE over the canonical tables.
    @inline(never)
    mutating func decodeSlow(_ table: HuffmanLookup) -> Int {
        var length = HuffmanTable.lookupBits + 1
        var code = Int32(truncatingIfNeeded: buffer >> UInt64(64 &- length))
        // maxCode[17] is Int32.max, so the loop ends by length 17 at the latest.
        while code > table.maxCode[length] {
            length &+= 1
            code = Int32(truncatingIfNeeded: buffer >> UInt64(64 &- length))
        }
        if length > 16 { return -1 }
        skip(length)
        // valueOffset[length] + code lies in 0 ..< symbol count by the canonical
        // construction, and values has 256 entries.
        return Int(table.values[Int(table.valueOffset[length] &+ code) & 0xFF])
    }

    /// Forgets buffered bits: at a restart marker the stream starts on a byte boundary.
    /// Unused whole bytes in the buffer were real input only if they were loaded from
    /// `base`; they hold no data (a segment's padding), so they are simply dropped.
    mutating func resetBits() {
        buffer = 0
        count = 0
        fakeBits = 0
        stopped = false
    }
}
