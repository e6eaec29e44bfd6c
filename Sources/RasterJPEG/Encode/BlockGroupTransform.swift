/// The forward DCT and quantisation of eight horizontally adjacent blocks at once, one
/// block per SIMD lane: the same arithmetic as `ForwardDCT.transform` and
/// `QuantizerRows.quantize` (so the same coefficients, bit for bit), but every step is
/// lane-wise, so neither pass needs a transpose.
///
/// Loading: for each of the 8 rows, the 64 bytes the eight blocks hold there are 8 words;
/// an 8x8 byte transpose in general registers (three rounds of masked swaps) turns them
/// into 8 words holding one column each across the blocks. A word widens to Int32 lanes
/// without a lane-type conversion (those stay out-of-line generic calls): the 64-bit lanes
/// `w, w >> 8` (or `w >> 16, w >> 24`), seen as four 32-bit lanes and masked to their low
/// byte, hold blocks 0, 4, 1, 5 (or 2, 6, 3, 7). Each half of the group runs through both
/// passes on its own (`SIMD4<Int32>`: eight inputs and their temporaries fit the 16 SSE
/// registers; as `SIMD8<Int32>` they spilled); every step is lane-wise, so the lane order
/// only matters when the coefficients are stored.
///
/// Multiplies: SSE2 (the package's baseline) has no 32-bit lane multiply, but `pmaddwd`
/// multiplies 16-bit lanes into 32-bit sums of two products, and LLVM uses it when it can
/// prove one factor fits 16 signed bits and the other is a constant in 0..<2^15. So every
/// constant here is positive and below 2^15 (negative weights are subtracted), and the
/// odd part is written as four products of single inputs (libjpeg-turbo's SIMD form of
/// islow): the sums libjpeg multiplies (`z5 = (i4 + i5 + i6 + i7) * c`) are expanded, which
/// is exact by distributivity and keeps each factor small. Pass 1's factors come from bytes,
/// so LLVM sees their range; pass 2's come through memory, so each factor is sign-extended
/// from its low 16 bits (`(v << 16) >> 16`), a no-op on the values (bounds below) that
/// tells LLVM the range.
///
/// Bounds: samples are -128...127; pass-1 outputs are at most 4096 in magnitude (the
/// largest over the corners of the input box, where these linear forms peak), so pass 2's differences i4...i7 and its tmp12, tmp13 (sums of at most
/// four of them, with signs) are below 2^15: 16 signed bits. Products and their sums stay
/// below 2^14 * 2^15 = 2^29 (pass 2) and far less in pass 1: Int32 cannot overflow.
enum BlockGroupTransform {
    /// Transforms blocks 0...7 whose top-left samples are at `origin`, `planeWidth` apart
    /// per row, and writes their quantised coefficients (zig-zag order) to `output`,
    /// `output + 64`, … . `scratch` must hold 128 `SIMD4<Int32>` (64 coefficients, two
    /// halves each); `reciprocal`, `correction` and `shift` hold 64 entries each (natural
    /// order, see `QuantizerRows`).
    @inline(__always)
    static func transform(origin: UnsafePointer<UInt8>, planeWidth: Int,
                          reciprocal: UnsafePointer<Int32>, correction: UnsafePointer<Int32>,
                          shift: UnsafePointer<Int32>, zigzag: UnsafePointer<Int>,
                          scratch: UnsafeMutablePointer<SIMD4<Int32>>, output: UnsafeMutablePointer<Int16>) {
        // Pass 1: rows. scratch[i * 8 + k] = coefficient k of row i, for the 8 blocks.
        for i in 0 ..< 8 {
            let raw = UnsafeRawPointer(origin + i &* planeWidth)
            var w0 = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            var w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            var w2 = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
            var w3 = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
            var w4 = raw.loadUnaligned(fromByteOffset: 32, as: UInt64.self)
            var w5 = raw.loadUnaligned(fromByteOffset: 40, as: UInt64.self)
            var w6 = raw.loadUnaligned(fromByteOffset: 48, as: UInt64.self)
            var w7 = raw.loadUnaligned(fromByteOffset: 56, as: UInt64.self)
            swap(&w0, &w4, mask: 0x0000_0000_FFFF_FFFF, shift: 32)
            swap(&w1, &w5, mask: 0x0000_0000_FFFF_FFFF, shift: 32)
            swap(&w2, &w6, mask: 0x0000_0000_FFFF_FFFF, shift: 32)
            swap(&w3, &w7, mask: 0x0000_0000_FFFF_FFFF, shift: 32)
            swap(&w0, &w2, mask: 0x0000_FFFF_0000_FFFF, shift: 16)
            swap(&w1, &w3, mask: 0x0000_FFFF_0000_FFFF, shift: 16)
            swap(&w4, &w6, mask: 0x0000_FFFF_0000_FFFF, shift: 16)
            swap(&w5, &w7, mask: 0x0000_FFFF_0000_FFFF, shift: 16)
            swap(&w0, &w1, mask: 0x00FF_00FF_00FF_00FF, shift: 8)
            swap(&w2, &w3, mask: 0x00FF_00FF_00FF_00FF, shift: 8)
            swap(&w4, &w5, mask: 0x00FF_00FF_00FF_00FF, shift: 8)
            swap(&w6, &w7, mask: 0x00FF_00FF_00FF_00FF, shift: 8)
            // wj now holds column j: byte b is block b's sample. Each half of the lanes (four
            // blocks) runs on its own, so the eight inputs and their temporaries fit the 16
            // SSE registers without spills.
            for half in 0 ..< 2 {
                let x0 = lanes(w0, half), x1 = lanes(w1, half), x2 = lanes(w2, half), x3 = lanes(w3, half)
                let x4 = lanes(w4, half), x5 = lanes(w5, half), x6 = lanes(w6, half), x7 = lanes(w7, half)
                let out = scratch + (i &* 16 &+ half)
                let tmp0 = x0 &+ x7, tmp1 = x1 &+ x6, tmp2 = x2 &+ x5, tmp3 = x3 &+ x4
                let tmp10 = tmp0 &+ tmp3, tmp13 = tmp0 &- tmp3
                let tmp11 = tmp1 &+ tmp2, tmp12 = tmp1 &- tmp2
                out[0] = (tmp10 &+ tmp11) &<< 2
                out[8] = (tmp10 &- tmp11) &<< 2
                let odd = oddPart(x3 &- x4, x2 &- x5, x1 &- x6, x0 &- x7, tmp12, tmp13, shift: 11)
                out[4] = odd.2; out[12] = odd.6
                out[2] = odd.1; out[6] = odd.3; out[10] = odd.5; out[14] = odd.7
            }
        }
        // Pass 2: columns, then quantisation and the scatter to each block's zig-zag slots.
        for k in 0 ..< 8 {
            for half in 0 ..< 2 {
                let column = scratch + (k &* 2 &+ half)
                let y0 = column[0], y1 = column[16], y2 = column[32], y3 = column[48]
                let y4 = column[64], y5 = column[80], y6 = column[96], y7 = column[112]
                let tmp0 = y0 &+ y7, tmp1 = y1 &+ y6, tmp2 = y2 &+ y5, tmp3 = y3 &+ y4
                let tmp10 = tmp0 &+ tmp3, tmp13 = tmp0 &- tmp3
                let tmp11 = tmp1 &+ tmp2, tmp12 = tmp1 &- tmp2
                let out0 = (tmp10 &+ tmp11 &+ 2) &>> 2
                let out4 = (tmp10 &- tmp11 &+ 2) &>> 2
                let odd = oddPart(narrow(y3 &- y4), narrow(y2 &- y5), narrow(y1 &- y6), narrow(y0 &- y7),
                                  narrow(tmp12), narrow(tmp13), shift: 15)
                // Lanes 0...3 of half h hold blocks 0, 4, 1, 5 (h = 0) or 2, 6, 3, 7 (h = 1).
                let blocks = output + half &* 128
                store(out0, n: k, reciprocal, correction, shift, zigzag, blocks)
                store(odd.1, n: 8 &+ k, reciprocal, correction, shift, zigzag, blocks)
                store(odd.2, n: 16 &+ k, reciprocal, correction, shift, zigzag, blocks)
                store(odd.3, n: 24 &+ k, reciprocal, correction, shift, zigzag, blocks)
                store(out4, n: 32 &+ k, reciprocal, correction, shift, zigzag, blocks)
                store(odd.5, n: 40 &+ k, reciprocal, correction, shift, zigzag, blocks)
                store(odd.6, n: 48 &+ k, reciprocal, correction, shift, zigzag, blocks)
                store(odd.7, n: 56 &+ k, reciprocal, correction, shift, zigzag, blocks)
            }
        }
    }

    /// One round of the byte transpose: exchanges the bits of `a` above `shift` (under
    /// `mask << shift`) with the bits of `b` below it.
    @inline(__always)
    private static func swap(_ a: inout UInt64, _ b: inout UInt64, mask: UInt64, shift: UInt64) {
        let newA = (a & mask) | ((b & mask) &<< shift)
        let newB = ((a &>> shift) & mask) | (b & ~mask)
        a = newA
        b = newB
    }

    /// Bytes 0, 4, 1, 5 (`half` 0) or 2, 6, 3, 7 (`half` 1) of `w` as centred samples.
    @inline(__always)
    private static func lanes(_ w: UInt64, _ half: Int) -> SIMD4<Int32> {
        let shift = UInt64(truncatingIfNeeded: half &* 16)
        let spread = SIMD2<UInt64>(w &>> shift, w &>> (shift &+ 8))
        let words = unsafeBitCast(spread, to: SIMD4<Int32>.self)
        return (words & 0xFF) &- 128
    }

    /// `v` sign-extended from its low 16 bits: the same value when |v| < 2^15, and a form
    /// LLVM reads as 16-bit (see the type's notes).
    @inline(__always)
    private static func narrow(_ v: SIMD4<Int32>) -> SIMD4<Int32> { (v &<< 16) &>> 16 }

    /// Quantises coefficient `n` (natural order) of four blocks and writes each lane to its
    /// block: lanes 0...3 go to blocks 0, 4, 1, 5 counted from `output` (`QuantizerRows.quantize4`).
    @inline(__always)
    private static func store(_ x: SIMD4<Int32>, n: Int, _ reciprocal: UnsafePointer<Int32>,
                              _ correction: UnsafePointer<Int32>, _ shift: UnsafePointer<Int32>,
                              _ zigzag: UnsafePointer<Int>, _ output: UnsafeMutablePointer<Int16>) {
        let q = QuantizerRows.quantize4(x, reciprocal: reciprocal[n], correction: correction[n], shift: shift[n])
        let slot = output + zigzag[n]
        slot[0] = Int16(truncatingIfNeeded: q[0])
        slot[256] = Int16(truncatingIfNeeded: q[1])
        slot[64] = Int16(truncatingIfNeeded: q[2])
        slot[320] = Int16(truncatingIfNeeded: q[3])
    }

    /// jfdctint.c's outputs 2 and 6 (even part, from tmp12 and tmp13) and 1, 3, 5, 7 (odd
    /// part, from i4...i7 = tmp4...tmp7), each descaled by `shift`, rewritten as sums of
    /// products of single inputs with positive constants below 2^15:
    ///
    ///   z1 = (tmp12 + tmp13) * 4433          out2 = tmp13 * 10703 + tmp12 * 4433
    ///   out2 = z1 + tmp13 * 6270        ->   out6 = tmp13 * 4433 - tmp12 * 10704
    ///   out6 = z1 - tmp12 * 15137
    ///
    /// and, with z5 = (i4 + i5 + i6 + i7) * 9633, z1 = -(i4 + i7) * 7373,
    /// z2 = -(i5 + i6) * 20995, z3 = -(i4 + i6) * 16069 + z5, z4 = -(i5 + i7) * 3196 + z5:
    ///
    ///   out7 = i4 * 2446  + z1 + z3  = -11363 i4 + 9633 i5 - 6436 i6 + 2260 i7
    ///   out5 = i5 * 16819 + z2 + z4  =   9633 i4 + 2261 i5 - 11362 i6 + 6437 i7
    ///   out3 = i6 * 25172 + z2 + z3  =  -6436 i4 - 11362 i5 - 2259 i6 + 9633 i7
    ///   out1 = i7 * 12299 + z1 + z4  =   2260 i4 + 6437 i5 + 9633 i6 + 11363 i7
    ///
    /// (collecting each input's coefficient; integer arithmetic, so exactly libjpeg's sums).
    @inline(__always)
    private static func oddPart(_ i4: SIMD4<Int32>, _ i5: SIMD4<Int32>, _ i6: SIMD4<Int32>, _ i7: SIMD4<Int32>,
                                _ tmp12: SIMD4<Int32>, _ tmp13: SIMD4<Int32>, shift: Int32)
        -> (Void, SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>, Void, SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>) {
        let round = SIMD4<Int32>(repeating: 1 &<< (shift &- 1))
        let s = SIMD4<Int32>(repeating: shift)
        let out2 = (tmp13 &* 10703 &+ tmp12 &* 4433 &+ round) &>> s
        let out6 = (tmp13 &* 4433 &- tmp12 &* 10704 &+ round) &>> s
        let out7 = (i5 &* 9633 &+ i7 &* 2260 &- i4 &* 11363 &- i6 &* 6436 &+ round) &>> s
        let out5 = (i4 &* 9633 &+ i5 &* 2261 &+ i7 &* 6437 &- i6 &* 11362 &+ round) &>> s
        let out3 = (i7 &* 9633 &- i4 &* 6436 &- i5 &* 11362 &- i6 &* 2259 &+ round) &>> s
        let out1 = (i4 &* 2260 &+ i5 &* 6437 &+ i6 &* 9633 &+ i7 &* 11363 &+ round) &>> s
        return ((), out1, out2, out3, (), out5, out6, out7)
    }
}
