/// The forward DCT and quantisation of eight horizontally adjacent blocks at once, one
/// block per SIMD lane: the same arithmetic as `ForwardDCT.transform` and
/// `QuantizerRows.quantize` (so the same coefficients, bit for bit), but every step is
/// lane-wise, so neither pass needs a transpose.
///
/// Loading: for each of the 8 rows, the 64 bytes the eight blocks hold there are 8 words;
/// an 8x8 byte transpose in general registers (three rounds of masked swaps) turns them
/// into 8 words holding one column each across the blocks, which widen to lanes.
///
/// Ranges are those of `ForwardDCT` (Int32 lanes cannot overflow); pass-1 outputs are below
/// 2^14 in magnitude and are kept as Int16 between the passes so the compiler knows they
/// are narrow.
enum BlockGroupTransform {
    /// Transforms blocks 0...7 whose top-left samples are at `origin`, `planeWidth` apart
    /// per row, and writes their quantised coefficients (zig-zag order) to `output`,
    /// `output + 64`, … . `scratch` must hold 64 `SIMD8<Int16>`.
    @inline(__always)
    static func transform(origin: UnsafePointer<UInt8>, planeWidth: Int,
                          reciprocal: UnsafePointer<Int32>, correction: UnsafePointer<Int32>,
                          scale: UnsafePointer<Int32>, zigzag: UnsafePointer<Int>,
                          scratch: UnsafeMutablePointer<SIMD8<Int16>>, output: UnsafeMutablePointer<Int16>) {
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
            // wj now holds column j: byte b is block b's sample.
            let x0 = lanes(w0), x1 = lanes(w1), x2 = lanes(w2), x3 = lanes(w3)
            let x4 = lanes(w4), x5 = lanes(w5), x6 = lanes(w6), x7 = lanes(w7)
            let out = scratch + i &* 8
            let r = butterfly(x0 &+ x7, x1 &+ x6, x2 &+ x5, x3 &+ x4, x3 &- x4, x2 &- x5, x1 &- x6, x0 &- x7,
                              evenLeftShift: true, oddShift: 11)
            out[0] = narrow(r.0); out[1] = narrow(r.1); out[2] = narrow(r.2); out[3] = narrow(r.3)
            out[4] = narrow(r.4); out[5] = narrow(r.5); out[6] = narrow(r.6); out[7] = narrow(r.7)
        }
        // Pass 2: columns, then quantisation and the scatter to each block's zig-zag slots.
        for k in 0 ..< 8 {
            let y0 = wide(scratch[k]), y1 = wide(scratch[8 &+ k]), y2 = wide(scratch[16 &+ k]), y3 = wide(scratch[24 &+ k])
            let y4 = wide(scratch[32 &+ k]), y5 = wide(scratch[40 &+ k]), y6 = wide(scratch[48 &+ k]), y7 = wide(scratch[56 &+ k])
            let r = butterfly(y0 &+ y7, y1 &+ y6, y2 &+ y5, y3 &+ y4, y3 &- y4, y2 &- y5, y1 &- y6, y0 &- y7,
                              evenLeftShift: false, oddShift: 15)
            store(r.0, n: k, reciprocal, correction, scale, zigzag, output)
            store(r.1, n: 8 &+ k, reciprocal, correction, scale, zigzag, output)
            store(r.2, n: 16 &+ k, reciprocal, correction, scale, zigzag, output)
            store(r.3, n: 24 &+ k, reciprocal, correction, scale, zigzag, output)
            store(r.4, n: 32 &+ k, reciprocal, correction, scale, zigzag, output)
            store(r.5, n: 40 &+ k, reciprocal, correction, scale, zigzag, output)
            store(r.6, n: 48 &+ k, reciprocal, correction, scale, zigzag, output)
            store(r.7, n: 56 &+ k, reciprocal, correction, scale, zigzag, output)
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

    /// The 8 bytes of `w` as centred samples, one per lane.
    @inline(__always)
    private static func lanes(_ w: UInt64) -> SIMD8<Int32> {
        let bytes = unsafeBitCast(w, to: SIMD8<UInt8>.self)
        return SIMD8<Int32>(truncatingIfNeeded: bytes) &- 128
    }

    @inline(__always)
    private static func narrow(_ v: SIMD8<Int32>) -> SIMD8<Int16> { SIMD8<Int16>(truncatingIfNeeded: v) }

    @inline(__always)
    private static func wide(_ v: SIMD8<Int16>) -> SIMD8<Int32> { SIMD8<Int32>(truncatingIfNeeded: v) }

    /// Quantises coefficient `n` (natural order) of the 8 blocks and writes each lane to its
    /// block.
    @inline(__always)
    private static func store(_ x: SIMD8<Int32>, n: Int, _ reciprocal: UnsafePointer<Int32>,
                              _ correction: UnsafePointer<Int32>, _ scale: UnsafePointer<Int32>,
                              _ zigzag: UnsafePointer<Int>, _ output: UnsafeMutablePointer<Int16>) {
        let sign = x &>> 31
        let magnitude = (x ^ sign) &- sign
        let high = (((magnitude &+ correction[n]) &* reciprocal[n]) &>> 16) & 0xFFFF
        let q = (((high &* scale[n]) &>> 16) ^ sign) &- sign
        let slot = output + zigzag[n]
        slot[0] = Int16(truncatingIfNeeded: q[0])
        slot[64] = Int16(truncatingIfNeeded: q[1])
        slot[128] = Int16(truncatingIfNeeded: q[2])
        slot[192] = Int16(truncatingIfNeeded: q[3])
        slot[256] = Int16(truncatingIfNeeded: q[4])
        slot[320] = Int16(truncatingIfNeeded: q[5])
        slot[384] = Int16(truncatingIfNeeded: q[6])
        slot[448] = Int16(truncatingIfNeeded: q[7])
    }

    /// `(x + 2^(n-1)) >> n`.
    @inline(__always)
    private static func descale(_ x: SIMD8<Int32>, _ n: Int32) -> SIMD8<Int32> {
        (x &+ SIMD8(repeating: 1 &<< (n &- 1))) &>> SIMD8(repeating: n)
    }

    /// jfdctint.c's 8-point transform on lanes, as `ForwardDCT.butterfly`: outputs 0...7.
    @inline(__always)
    private static func butterfly(_ tmp0: SIMD8<Int32>, _ tmp1: SIMD8<Int32>, _ tmp2: SIMD8<Int32>, _ tmp3: SIMD8<Int32>,
                                  _ i4: SIMD8<Int32>, _ i5: SIMD8<Int32>, _ i6: SIMD8<Int32>, _ i7: SIMD8<Int32>,
                                  evenLeftShift: Bool, oddShift: Int32)
        -> (SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>) {
        let tmp10 = tmp0 &+ tmp3, tmp13 = tmp0 &- tmp3
        let tmp11 = tmp1 &+ tmp2, tmp12 = tmp1 &- tmp2
        let out0: SIMD8<Int32>, out4: SIMD8<Int32>
        if evenLeftShift {
            out0 = (tmp10 &+ tmp11) &<< 2
            out4 = (tmp10 &- tmp11) &<< 2
        } else {
            out0 = descale(tmp10 &+ tmp11, 2)
            out4 = descale(tmp10 &- tmp11, 2)
        }
        let z1e = (tmp12 &+ tmp13) &* 4433
        let out2 = descale(z1e &+ tmp13 &* 6270, oddShift)
        let out6 = descale(z1e &- tmp12 &* 15137, oddShift)

        let z5 = (i4 &+ i6 &+ i5 &+ i7) &* 9633
        let t4 = i4 &* 2446
        let t5 = i5 &* 16819
        let t6 = i6 &* 25172
        let t7 = i7 &* 12299
        let z1 = (i4 &+ i7) &* -7373
        let z2 = (i5 &+ i6) &* -20995
        let z3 = (i4 &+ i6) &* -16069 &+ z5
        let z4 = (i5 &+ i7) &* -3196 &+ z5
        let out7 = descale(t4 &+ z1 &+ z3, oddShift)
        let out5 = descale(t5 &+ z2 &+ z4, oddShift)
        let out3 = descale(t6 &+ z2 &+ z3, oddShift)
        let out1 = descale(t7 &+ z1 &+ z4, oddShift)
        return (out0, out1, out2, out3, out4, out5, out6, out7)
    }
}
