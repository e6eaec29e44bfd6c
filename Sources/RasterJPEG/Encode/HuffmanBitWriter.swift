/// Packs Huffman codes and value bits into entropy-coded bytes (ITU T.81 §F.1.2.3, with the
/// 0xFF 0x00 byte stuffing of §B.1.1.5), through a 64-bit accumulator as libjpeg-turbo's
/// jchuff.c does: bits collect at the low end, and each time 64 have gathered they leave as
/// 8 bytes in one store unless one of them is 0xFF, when they go byte by byte with stuffing.
///
/// Capacity: the writer does not check room per byte. Its user reserves, before each MCU
/// row, `maxBytesPerBlock` bytes for every block it will code (plus restart markers), so
/// each store below stays inside `OutputBuffer.capacity`.
struct HuffmanBitWriter {
    /// The most one block can produce: a 16-bit DC code with 11 value bits, then 63 AC
    /// codes of at most 16 + 10 bits: 28 + 63 * 26 = 1666 bits = 209 bytes, doubled for
    /// stuffing, plus the 8 bytes an accumulator flush may add.
    static let maxBytesPerBlock = 2 * 209 + 8

    private var accumulator: UInt64 = 0
    /// Free bit positions in `accumulator` (64 when empty).
    private var freeBits = 64
    let output: OutputBuffer

    init(output: OutputBuffer) {
        self.output = output
    }

    /// Appends the low `size` bits of `bits` (1...32; higher bits must be zero).
    @inline(__always)
    mutating func put(_ bits: UInt32, size: Int) {
        let code = UInt64(bits)
        freeBits &-= size
        if freeBits >= 0 {
            accumulator = (accumulator &<< UInt64(size)) | code
        } else {
            // `spill` bits do not fit: fill the word with the others and emit it. The spilled
            // bits stay at the bottom of the new accumulator; the bits above them are old
            // copies that later shifts push out before the next flush.
            let spill = 0 &- freeBits
            accumulator = (accumulator &<< UInt64(size &- spill)) | (code &>> UInt64(spill))
            flushWord(accumulator)
            accumulator = code
            freeBits &+= 64
        }
    }

    @inline(__always)
    private func flushWord(_ word: UInt64) {
        // A byte is 0xFF only if its top bit is set and adding 1 clears it; carries between
        // bytes can give false alarms, which only take the careful path.
        let mayHaveFF = word & 0x8080_8080_8080_8080 & ~(word &+ 0x0101_0101_0101_0101)
        let base = output.base
        var n = output.count
        if mayHaveFF == 0 {
            UnsafeMutableRawPointer(base + n).storeBytes(of: word.bigEndian, as: UInt64.self)
            n &+= 8
        } else {
            var shift: UInt64 = 56
            for _ in 0 ..< 8 {
                let byte = UInt8(truncatingIfNeeded: word &>> shift)
                base[n] = byte
                n &+= 1
                if byte == 0xFF { base[n] = 0; n &+= 1 }
                shift &-= 8
            }
        }
        output.count = n
    }

    /// Pads the last partial byte with 1 bits (§F.1.2.3) and writes out everything held.
    mutating func flush() {
        var bitsHeld = 64 &- freeBits
        guard bitsHeld > 0 else { return }
        let pad = (8 &- (bitsHeld & 7)) & 7
        var word = accumulator
        if pad > 0 {
            word = (word &<< UInt64(pad)) | ((1 &<< UInt64(pad)) &- 1)
            bitsHeld &+= pad
        }
        output.reserve(2 &* 8)
        let base = output.base
        var n = output.count
        var shift = UInt64(bitsHeld &- 8)
        while true {
            let byte = UInt8(truncatingIfNeeded: word &>> shift)
            base[n] = byte
            n &+= 1
            if byte == 0xFF { base[n] = 0; n &+= 1 }
            if shift == 0 { break }
            shift &-= 8
        }
        output.count = n
        accumulator = 0
        freeBits = 64
    }

    /// Flushes, then writes restart marker RSTn (n = 0...7), which is never stuffed.
    mutating func restart(_ n: Int) {
        flush()
        output.append(0xFF)
        output.append(0xD0 &+ UInt8(truncatingIfNeeded: n & 7))
    }
}
