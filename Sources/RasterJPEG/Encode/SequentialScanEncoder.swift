/// The one scan of a sequential (baseline) JPEG: Huffman coding of every MCU (ITU T.81
/// §F.1.2), or, for optimised tables, the first of two passes that only counts the symbols
/// (libjpeg's jchuff.c `htest_one_block`). Restart markers and DC prediction resets follow
/// jchuff.c exactly, so both passes see the same symbols.
struct SequentialScanEncoder {
    let layout: EncoderFrameLayout
    let restartInterval: Int
    private var lastDC: [Int32] = [0, 0, 0]
    private var restartsToGo: Int
    private var nextRestart = 0

    /// Codes for coding (unused when only counting): entry `slot * 256 + symbol` for DC and
    /// `512 + slot * 256 + symbol` for AC, each `code << 8 | length`.
    var codeTable = [UInt32](repeating: 0, count: 1024)
    /// Symbol counts per table slot, 257 each (for `HuffmanTableSpec.optimal`).
    var dcCounts = [[Int]](repeating: [Int](repeating: 0, count: 257), count: 2)
    var acCounts = [[Int]](repeating: [Int](repeating: 0, count: 257), count: 2)

    init(layout: EncoderFrameLayout, restartInterval: Int) {
        self.layout = layout
        self.restartInterval = restartInterval
        restartsToGo = restartInterval
    }

    /// Installs the tables to code with: `dc[slot]`, `ac[slot]` for slots 0 and 1.
    mutating func setTables(dc: [HuffmanTableSpec], ac: [HuffmanTableSpec]) {
        codeTable = Self.packedCodes(dc: dc, ac: ac)
    }

    static func packedCodes(dc: [HuffmanTableSpec], ac: [HuffmanTableSpec]) -> [UInt32] {
        var table = [UInt32](repeating: 0, count: 1024)
        for (base, specs) in [(0, dc), (512, ac)] {
            for (slot, spec) in specs.enumerated() where slot < 2 {
                let codes = spec.codes
                for symbol in 0 ..< 256 {
                    table[base + slot * 256 + symbol] = codes.code[symbol] << 8 | UInt32(codes.size[symbol])
                }
            }
        }
        return table
    }

    /// Bytes to reserve before coding one MCU row.
    var maxBytesPerMCURow: Int {
        layout.mcusAcross &* (layout.blocksPerMCU &* HuffmanBitWriter.maxBytesPerBlock &+ 2) &+ 16
    }

    /// Codes one MCU row, held as MCU row `mcuRowInBuffer` of the component buffers (laid out
    /// as `CoefficientProducer` writes them).
    mutating func encode(blocks: [UnsafePointer<Int16>], mcuRowInBuffer: Int,
                         writer: inout HuffmanBitWriter) {
        writer.output.reserve(maxBytesPerMCURow)
        let table = codeTable  // a second reference, so `self` is free to mutate below
        table.withUnsafeBufferPointer { codeTable in
        Self.coefficientBits.withUnsafeBufferPointer { coefficientBits in
            guard let codes = codeTable.baseAddress, let bits = coefficientBits.baseAddress else { return }
            encodeRow(blocks: blocks, mcuRowInBuffer: mcuRowInBuffer, writer: &writer, codes: codes, bits: bits)
        }
        }
    }

    /// The body of `encode`. The writer is copied into a local that only inlined code touches
    /// (the restart path goes through the parameter), so its bit accumulator and count stay
    /// in registers instead of going to memory at every code.
    @inline(never)
    private mutating func encodeRow(blocks: [UnsafePointer<Int16>], mcuRowInBuffer: Int,
                                    writer: inout HuffmanBitWriter,
                                    codes: UnsafePointer<UInt32>, bits: UnsafePointer<UInt32>) {
        let components = layout.components
        var local = writer
        defer { writer = local }
        for mcuX in 0 ..< layout.mcusAcross {
            if restartInterval > 0 {
                if restartsToGo == 0 {
                    writer = local
                    writer.restart(nextRestart)
                    local = writer
                    nextRestart = (nextRestart &+ 1) & 7
                    restartsToGo = restartInterval
                    lastDC = [0, 0, 0]
                }
                restartsToGo &-= 1
            }
            for ci in 0 ..< components.count {
                let c = components[ci]
                let slot = c.tableSlot
                var dc = lastDC[ci]
                for v in 0 ..< c.v {
                    let row = blocks[ci] + (mcuRowInBuffer &* c.v &+ v) &* c.paddedBlocksWide &* 64
                    for h in 0 ..< c.h {
                        let block = row + (mcuX &* c.h &+ h) &* 64
                        Self.encodeBlock(block, lastDC: &dc, writer: &local,
                                         dc: codes + slot &* 256, ac: codes + (512 &+ slot &* 256), bits: bits)
                    }
                }
                lastDC[ci] = dc
            }
        }
    }

    /// Counts the symbols MCU row `mcuRow` would code.
    mutating func count(blocks: [UnsafePointer<Int16>], mcuRowInBuffer: Int) {
        let components = layout.components
        for mcuX in 0 ..< layout.mcusAcross {
            if restartInterval > 0 {
                if restartsToGo == 0 {
                    restartsToGo = restartInterval
                    lastDC = [0, 0, 0]
                }
                restartsToGo &-= 1
            }
            for ci in 0 ..< components.count {
                let c = components[ci]
                for v in 0 ..< c.v {
                    let row = blocks[ci] + (mcuRowInBuffer &* c.v &+ v) &* c.paddedBlocksWide &* 64
                    for h in 0 ..< c.h {
                        let block = row + (mcuX &* c.h &+ h) &* 64
                        dcCounts[c.tableSlot].withUnsafeMutableBufferPointer { dc in
                            acCounts[c.tableSlot].withUnsafeMutableBufferPointer { ac in
                                Self.coefficientBits.withUnsafeBufferPointer { coefficientBits in
                                    guard let dc = dc.baseAddress, let ac = ac.baseAddress,
                                          let bits = coefficientBits.baseAddress else { return }
                                    Self.countBlock(block, lastDC: &lastDC[ci], dc: dc, ac: ac, bits: bits)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Bits needed for a magnitude (T.81 Table F.1's SSSS), 0 for 0.
    @inline(__always)
    static func bitLength(_ magnitude: UInt32) -> Int {
        32 &- magnitude.leadingZeroBitCount
    }

    /// A coefficient's extra bits: the value if positive, value - 1 (the one's complement of
    /// its magnitude) if negative, in `n` bits (T.81 §F.1.2.1).
    @inline(__always)
    static func valueBits(_ value: Int32, _ n: Int) -> UInt32 {
        let v = value < 0 ? value &- 1 : value
        return UInt32(bitPattern: v) & ((1 &<< UInt32(n)) &- 1)
    }

    /// For an AC coefficient c, entry `(c + 4096) & 8191` is `valueBits(c, n) << 4 | n` with
    /// n = `bitLength(|c|)`: one load instead of the bit scan, sign fix and mask per
    /// coefficient (libjpeg-turbo's `jpeg_nbits_table` idea, with the value bits added).
    ///
    /// Range: quantised AC coefficients are at most 2048 in magnitude (the islow DCT's
    /// outputs are below 2^14 + rounding, the smallest divisor is 8; see `Divisor`), so
    /// |c| < 4096, the index is `c + 4096` exactly, n <= 12 fits the low 4 bits and the
    /// value bits (< 2^12) the rest. The mask keeps any Int16 inside the table regardless.
    static let coefficientBits: [UInt32] = (0 ..< 8192).map { index in
        let c = Int32(index) &- 4096
        let n = bitLength(c.magnitude)
        return valueBits(c, n) &<< 4 | UInt32(n)
    }

    @inline(__always)
    private static func encodeBlock(_ block: UnsafePointer<Int16>, lastDC: inout Int32,
                                    writer: inout HuffmanBitWriter,
                                    dc: UnsafePointer<UInt32>, ac: UnsafePointer<UInt32>,
                                    bits: UnsafePointer<UInt32>) {
        let value = Int32(block[0])
        let diff = value &- lastDC
        lastDC = value
        let dcBits = bitLength(diff.magnitude)
        // Code and value in one put: at most 16 + 11 bits.
        let dcEntry = dc[dcBits & 15]
        writer.put(((dcEntry &>> 8) &<< UInt32(dcBits)) | valueBits(diff, dcBits),
                   size: Int(dcEntry & 0xFF) &+ dcBits)
        // Visit only the nonzero AC coefficients: the run before each is the gap in the mask.
        var mask = nonzeroMask(block) & ~1
        var last = 0
        while mask != 0 {
            let k = mask.trailingZeroBitCount
            var run = k &- last &- 1
            while run > 15 {
                writer.put(ac[0xF0] &>> 8, size: Int(ac[0xF0] & 0xFF))
                run &-= 16
            }
            let coefficient = bits[(Int(block[k]) &+ 4096) & 8191]
            let n = Int(coefficient & 15)
            let entry = ac[(run &<< 4) | n]
            writer.put(((entry &>> 8) &<< UInt32(n)) | (coefficient &>> 4), size: Int(entry & 0xFF) &+ n)
            last = k
            mask &= mask &- 1
        }
        if last != 63 { writer.put(ac[0] &>> 8, size: Int(ac[0] & 0xFF)) }
    }

    /// Bit k set where coefficient k (zig-zag order) is nonzero, sixteen coefficients (four
    /// 64-bit loads) per multiply (SIMD mask-to-bits conversions compile to per-lane loops
    /// here, so this stays in general registers).
    ///
    /// Per 16-bit lane x: `(x & 0x7FFF) + 0x7FFF` sets bit 15 iff the low 15 bits are not all
    /// zero, and cannot carry out of the lane (at most 0xFFFE); OR-ing x adds its own sign
    /// bit. So bit 15 of each lane is "x != 0". For words g = 0...3 of a 16-coefficient chunk
    /// (coefficient 4g + j in lane j), `flags_g >> (15 - 4g)` puts that flag at bit 16j + 4g;
    /// OR-ed together the 16 flags sit at distinct bits, and multiplying by 1 + 2^15 + 2^30 +
    /// 2^45 moves the flag of coefficient 4g + j to bit 45 + 4g + j (the partial product of
    /// bit 16j + 4g and 2^(45 - 15j)). That the other partial products neither land on nor
    /// carry into bits 45...60 was checked for all 2^16 flag patterns when this was written.
    @inline(__always)
    static func nonzeroMask(_ block: UnsafePointer<Int16>) -> UInt64 {
        let raw = UnsafeRawPointer(block)
        var mask: UInt64 = 0
        for chunk in 0 ..< 4 {
            let offset = chunk &* 32
            let f0 = flags(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let f1 = flags(raw.loadUnaligned(fromByteOffset: offset &+ 8, as: UInt64.self))
            let f2 = flags(raw.loadUnaligned(fromByteOffset: offset &+ 16, as: UInt64.self))
            let f3 = flags(raw.loadUnaligned(fromByteOffset: offset &+ 24, as: UInt64.self))
            let spread = (f0 &>> 15) | (f1 &>> 11) | (f2 &>> 7) | (f3 &>> 3)
            let bits = ((spread &* 0x0000_2000_4000_8001) &>> 45) & 0xFFFF
            mask |= bits &<< UInt64(chunk &* 16)
        }
        return mask
    }

    /// Bit 15 of each 16-bit lane of the result is set iff that lane of `w` is nonzero.
    @inline(__always)
    private static func flags(_ w: UInt64) -> UInt64 {
        (((w & 0x7FFF_7FFF_7FFF_7FFF) &+ 0x7FFF_7FFF_7FFF_7FFF) | w) & 0x8000_8000_8000_8000
    }

    @inline(__always)
    private static func countBlock(_ block: UnsafePointer<Int16>, lastDC: inout Int32,
                                   dc: UnsafeMutablePointer<Int>, ac: UnsafeMutablePointer<Int>,
                                   bits: UnsafePointer<UInt32>) {
        let value = Int32(block[0])
        let diff = value &- lastDC
        lastDC = value
        dc[bitLength(diff.magnitude) & 15] &+= 1
        var mask = nonzeroMask(block) & ~1
        var last = 0
        while mask != 0 {
            let k = mask.trailingZeroBitCount
            var run = k &- last &- 1
            while run > 15 { ac[0xF0] &+= 1; run &-= 16 }
            ac[(run &<< 4) | Int(bits[(Int(block[k]) &+ 4096) & 8191] & 15)] &+= 1
            last = k
            mask &= mask &- 1
        }
        if last != 63 { ac[0] &+= 1 }
    }
}
