import Testing
@testable import RasterJPEG

/// The quantiser's exactness claims: libjpeg-turbo's reciprocal form (`Divisor`) rounds
/// |x| / (8q) half away from zero, and the 4-lane two-multiply form (`QuantizerRows`) the
/// encoder runs gives the same value, over the whole range the islow DCT produces.
@Suite struct EncodeQuantizerTests {
    @Test func reciprocalFormsRoundLikeDivision() {
        var xs = Array(stride(from: -16400, through: 16400, by: 7))
        xs += [-16384, -8192, -1, 0, 1, 8191, 8192, 16383, 16384]
        for q in 1 ... 255 {
            let divisor = Divisor(quantizer: UInt16(q))
            var table = QuantizationTable(natural: [UInt16](repeating: 1, count: 64))
            table.natural[5] = UInt16(q)  // lane 1 of group 1
            let rows = QuantizerRows(table)
            let d = 8 * q
            // Around every multiple of d/2, where rounding decides, plus the sampled range.
            var values = xs
            for m in stride(from: -16384, through: 16384, by: max(d / 2, 1)) { values += [m - 1, m, m + 1] }
            for x in values {
                let expected = (abs(x) + d / 2) / d * (x < 0 ? -1 : 1)
                #expect(Int(divisor.quantize(Int32(x))) == expected, "q \(q), x \(x)")
                let lanes = QuantizerRows.quantize(SIMD4<Int32>(0, Int32(x), 0, 0), reciprocal: rows.reciprocal[1],
                                                   correction: rows.correction[1], scale: rows.scale[1])
                #expect(Int(lanes[1]) == expected, "q \(q), x \(x)")
                let four = QuantizerRows.quantize4(SIMD4<Int32>(repeating: Int32(x)), reciprocal: rows.reciprocal[1][1],
                                                    correction: rows.correction[1][1], shift: rows.shift[5])
                #expect(Int(four[3]) == expected, "q \(q), x \(x)")
            }
        }
    }
}
