/// Quantisation tables as libjpeg builds them (jcparam.c) and the divisors that quantise
/// with them (jcdctmgr.c).
///
/// Exactness: `scaled(quality:)` is `jpeg_quality_scaling` followed by
/// `jpeg_add_quant_table(…, force_baseline = TRUE)`, so every quality 1...100 gives the same
/// DQT bytes as `cjpeg -baseline -quality Q` (checked against cjpeg's own DQT segments for
/// all 100 qualities in the tests). `Divisor` is libjpeg-turbo's `compute_reciprocal`, the
/// exact integer method its C and SIMD quantisers share, so quantised values match cjpeg's.
struct QuantizationTable: Hashable, Sendable {
    /// The 64 entries in natural (row-major) order, each 1...255.
    var natural: [UInt16]

    /// ITU T.81 Table K.1 (luminance), natural order.
    static let annexKLuminance: [UInt16] = [
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    ]

    /// ITU T.81 Table K.2 (chrominance), natural order.
    static let annexKChrominance: [UInt16] = [
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
    ]

    /// libjpeg's percentage scale for a quality: 5000/Q below 50, 200 - 2Q from 50 up.
    /// `quality` must already be in 1...100 (the encoder checks it).
    static func scaleFactor(quality: Int) -> Int {
        quality < 50 ? 5000 / quality : 200 - quality * 2
    }

    /// A base table scaled for `quality`: `(base * scale + 50) / 100`, clamped to 1...255
    /// (the baseline limit). Largest intermediate: 255 * 5000 + 50, far inside Int.
    static func scaled(_ base: [UInt16], quality: Int) -> QuantizationTable {
        let scale = scaleFactor(quality: quality)
        return QuantizationTable(natural: base.map { entry in
            let value = (Int(entry) * scale + 50) / 100
            return UInt16(min(max(value, 1), 255))
        })
    }
}

/// One coefficient's quantiser: `round(|x| / (8q))` computed as `((|x| + correction) *
/// reciprocal) >> shift`, libjpeg-turbo's `compute_reciprocal` for the islow DCT (whose
/// output is 8 times the true DCT, hence the divisor `8q`).
///
/// Bounds: the divisor d = 8q is 8...2040, so b = floor(log2 d) is 3...10, the shift r is
/// 18...26 and the reciprocal floor(2^r / d) (+1) is at most 2^16. The islow DCT's output is 8
/// times the true DCT, whose coefficients are at most 64 * 128 / 4 = 2048 in magnitude for
/// 8-bit samples, so |x| <= 16384 + rounding and |x| + correction < 2^17. The product is
/// below 2^33: `quantize` multiplies in UInt64.
struct Divisor: Hashable, Sendable {
    var reciprocal: UInt64
    var correction: UInt64
    var shift: UInt64

    init(quantizer q: UInt16) {
        let divisor = UInt32(q) &<< 3
        // b = index of the highest set bit (flss(divisor) - 1).
        let b = UInt32(31 &- divisor.leadingZeroBitCount)
        var r = 16 &+ b
        var fq = (UInt64(1) &<< UInt64(r)) / UInt64(divisor)
        let fr = (UInt64(1) &<< UInt64(r)) % UInt64(divisor)
        var c = divisor / 2
        if fr == 0 {
            // A power of two: the reciprocal would need one bit more; halve it and the shift.
            fq >>= 1
            r &-= 1
        } else if fr <= UInt64(divisor / 2) {
            c &+= 1
        } else {
            fq &+= 1
        }
        reciprocal = fq
        correction = UInt64(c)
        shift = UInt64(r)
    }
}

extension Divisor {
    /// The quantised value of one DCT output, rounded half away from zero as libjpeg does.
    @inline(__always)
    func quantize(_ x: Int32) -> Int16 {
        let magnitude = UInt64(x.magnitude)
        let q = Int16(truncatingIfNeeded: ((magnitude &+ correction) &* reciprocal) &>> shift)
        return x < 0 ? 0 &- q : q
    }
}

/// A table's divisors for 4 coefficients at a time, in natural order, in the form
/// libjpeg-turbo's SIMD quantisers use: `((|x| + correction) * reciprocal) >> 16`, then
/// `(that * scale) >> 16` with scale = 2^(32 - shift). Two floor divisions by powers of two
/// compose into one, so this equals `Divisor.quantize` exactly.
///
/// Bounds (32-bit lanes): |x| + correction < 2^15 + 1021 < 2^16 (see `Divisor`) and the
/// reciprocal is at most 65472 (floor(2^26 / 1025) + 1, the largest for d = 2^b + 1; a
/// power-of-two d has it halved to 2^15), so the first product is below 2^32; the shift is
/// 18...26, so the scale is 2^6...2^14 and the second product is below 2^30.
struct QuantizerRows: Sendable {
    /// 16 groups of 4 coefficients, natural order.
    var reciprocal: [SIMD4<Int32>]
    var correction: [SIMD4<Int32>]
    var scale: [SIMD4<Int32>]
    /// The shift of each coefficient's divisor (18...26), natural order, for `quantize4`.
    var shift: [Int32]

    init(_ table: QuantizationTable) {
        reciprocal = []; correction = []; scale = []; shift = []
        for group in 0 ..< 16 {
            var r = SIMD4<Int32>(), c = SIMD4<Int32>(), s = SIMD4<Int32>()
            for lane in 0 ..< 4 {
                let d = Divisor(quantizer: table.natural[group * 4 + lane])
                r[lane] = Int32(truncatingIfNeeded: d.reciprocal)
                c[lane] = Int32(truncatingIfNeeded: d.correction)
                s[lane] = Int32(truncatingIfNeeded: 1 << (32 - d.shift))
                shift.append(Int32(truncatingIfNeeded: d.shift))
            }
            reciprocal.append(r); correction.append(c); scale.append(s)
        }
    }

    /// Quantises 4 DCT outputs, rounding half away from zero as libjpeg does. Int32 lanes
    /// throughout (no lane-type conversions, which do not vectorise here): the first product
    /// is below 2^32 and may wrap negative, so its high half is taken as `>> 16 & 0xFFFF`.
    @inline(__always)
    static func quantize(_ x: SIMD4<Int32>, reciprocal: SIMD4<Int32>, correction: SIMD4<Int32>,
                         scale: SIMD4<Int32>) -> SIMD4<Int32> {
        let sign = x &>> 31                                  // -1 where negative, else 0
        let magnitude = (x ^ sign) &- sign
        let high = (((magnitude &+ correction) &* reciprocal) &>> 16) & 0xFFFF
        let q = (high &* scale) &>> 16
        return (q ^ sign) &- sign
    }

    /// Quantises 4 DCT outputs of one coefficient (one divisor for every lane) with one
    /// 16-bit multiply: `((|x| + correction) * reciprocal) >> shift` as `Divisor.quantize`,
    /// with the sign put back.
    ///
    /// |x| + correction and the reciprocal are both below 2^16 (see above), so masking them
    /// to 16 bits changes nothing, and tells LLVM that the high half of their product is one
    /// `pmulhuw` (SSE2 has no 32-bit lane multiply; without the masks it emulates one with
    /// `pmuludq` and shuffles). Two floor divisions by powers of two compose into one, so
    /// `(product >> 16) >> (shift - 16)` is `product >> shift`; shift - 16 is 2...10, the
    /// same for every lane (one instruction).
    @inline(__always)
    static func quantize4(_ x: SIMD4<Int32>, reciprocal: Int32, correction: Int32, shift: Int32) -> SIMD4<Int32> {
        let sign = x &>> 31                                  // -1 where negative, else 0
        let magnitude = (x ^ sign) &- sign
        let a = unsafeBitCast(magnitude &+ correction, to: SIMD4<UInt32>.self) & 0xFFFF
        let high = (a &* (UInt32(truncatingIfNeeded: reciprocal) & 0xFFFF)) &>> 16  // unsigned: no sign fill
        let q = unsafeBitCast(high &>> UInt32(truncatingIfNeeded: shift &- 16), to: SIMD4<Int32>.self)
        return (q ^ sign) &- sign
    }
}
