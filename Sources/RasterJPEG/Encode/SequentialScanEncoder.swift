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
        let components = layout.components
        codeTable.withUnsafeBufferPointer { codeTable in
        guard let codes = codeTable.baseAddress else { return }
        for mcuX in 0 ..< layout.mcusAcross {
            if restartInterval > 0 {
                if restartsToGo == 0 {
                    writer.restart(nextRestart)
                    nextRestart = (nextRestart &+ 1) & 7
                    restartsToGo = restartInterval
                    lastDC = [0, 0, 0]
                }
                restartsToGo &-= 1
            }
            for ci in 0 ..< components.count {
                let c = components[ci]
                let slot = c.tableSlot
                for v in 0 ..< c.v {
                    let row = blocks[ci] + (mcuRowInBuffer &* c.v &+ v) &* c.paddedBlocksWide &* 64
                    for h in 0 ..< c.h {
                        let block = row + (mcuX &* c.h &+ h) &* 64
                        Self.encodeBlock(block, lastDC: &lastDC[ci], writer: &writer,
                                         dc: codes + slot &* 256, ac: codes + (512 &+ slot &* 256))
                    }
                }
            }
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
                                guard let dc = dc.baseAddress, let ac = ac.baseAddress else { return }
                                Self.countBlock(block, lastDC: &lastDC[ci], dc: dc, ac: ac)
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

    @inline(__always)
    private static func encodeBlock(_ block: UnsafePointer<Int16>, lastDC: inout Int32,
                                    writer: inout HuffmanBitWriter,
                                    dc: UnsafePointer<UInt32>, ac: UnsafePointer<UInt32>) {
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
            let coef = Int32(block[k])
            let n = bitLength(coef.magnitude) & 15
            let entry = ac[(run &<< 4) | n]
            writer.put(((entry &>> 8) &<< UInt32(n)) | valueBits(coef, n), size: Int(entry & 0xFF) &+ n)
            last = k
            mask &= mask &- 1
        }
        if last != 63 { writer.put(ac[0] &>> 8, size: Int(ac[0] & 0xFF)) }
    }

    /// Bit k set where coefficient k (zig-zag order) is nonzero, four coefficients per 64-bit
    /// load (SIMD mask-to-bits conversions compile to per-lane loops here, so this stays in
    /// general registers).
    ///
    /// Per 16-bit lane x: `(x & 0x7FFF) + 0x7FFF` sets bit 15 iff the low 15 bits are not all
    /// zero, and cannot carry out of the lane (at most 0xFFFE); OR-ing x adds its own sign
    /// bit. So bit 15 of each lane is "x != 0". Shifted down, those flags sit at bits 0, 16,
    /// 32, 48; multiplying by 1 + 2^15 + 2^30 + 2^45 moves them to bits 45...48. The partial
    /// products sit at bits {0, 15, 30, 45}, {16, 31, 46, 61}, {32, 47, 62}, {48, 63} (the
    /// rest overflow past bit 63): all distinct, so no sum carries and bits 45...48 are
    /// exactly the four flags (checked for all 16 patterns when this was written).
    @inline(__always)
    static func nonzeroMask(_ block: UnsafePointer<Int16>) -> UInt64 {
        let raw = UnsafeRawPointer(block)
        var mask: UInt64 = 0
        for group in 0 ..< 16 {
            let w = raw.loadUnaligned(fromByteOffset: group &* 8, as: UInt64.self)
            let flags = (((w & 0x7FFF_7FFF_7FFF_7FFF) &+ 0x7FFF_7FFF_7FFF_7FFF) | w) & 0x8000_8000_8000_8000
            let nibble = ((flags &>> 15) &* 0x0000_2000_4000_8001) &>> 45
            mask |= (nibble & 0xF) &<< UInt64(group &* 4)
        }
        return mask
    }

    @inline(__always)
    private static func countBlock(_ block: UnsafePointer<Int16>, lastDC: inout Int32,
                                   dc: UnsafeMutablePointer<Int>, ac: UnsafeMutablePointer<Int>) {
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
            ac[(run &<< 4) | (bitLength(Int32(block[k]).magnitude) & 15)] &+= 1
            last = k
            mask &= mask &- 1
        }
        if last != 63 { ac[0] &+= 1 }
    }
}
