/// Where `DecoderState.decodeBlock` puts a block's coefficients, by zig-zag index k
/// (0...78: a run may carry the last code past 63, as libjpeg's padded natural order
/// allows). Each k comes at most once per block, in increasing order.
protocol CoefficientSink {
    mutating func store(_ k: Int, _ value: Int16)
}

/// A natural-order block of 64 coefficients (zeroed beforehand): the usual sink.
struct NaturalOrderBlock: CoefficientSink {
    let block: UnsafeMutablePointer<Int16>
    /// ZigZag.paddedNaturalOrder (80 entries, the 16 past 63 all 63).
    let zz: UnsafePointer<Int>

    @inline(__always)
    func store(_ k: Int, _ value: Int16) { block[zz[k]] = value }
}

/// The inputs of the 2x2 reduced IDCT summed while the block is decoded (DCT scale 1/8 of
/// 4:2:0 chroma), so that the block is never stored, scanned or cleared. The IDCT uses
/// coefficient rows and columns 0, 1, 3, 5, 7 only; pass 1 of a column needs its
/// dequantised row-0 term, its odd rows' weighted sum and whether its odd rows are all
/// zero (ReducedInverseDCT.column2x2). Each coefficient adds value * q * weight to its
/// column's sum: with wrapping Int32 arithmetic, (value * q) * weight summed in any order
/// is the same number as idct2x2's, so the result is identical to storing the block and
/// running idct2x2 on it (a position k > 63 lands on natural index 63 as it would there;
/// only one code per block can land there, the one that ends it).
///
/// `sums`: [0, 5) row-0 terms of columns 0, 1, 3, 5, 7; [5, 10) their odd-row sums;
/// [10, 15) their odd-row coefficients ORed (nonzero when one is); 15 takes the unused
/// positions. Zeroed before each block.
struct Reduced2x2Sums: CoefficientSink {
    let sums: UnsafeMutablePointer<Int32>
    /// `plan` per k (80 each): [k] the multiplier, [80 + k] the index in `sums` to add
    /// to, [160 + k] the index to OR into (see `makePlan`).
    let plan: UnsafePointer<Int32>

    static let planCount = 240
    static let sumsCount = 16

    @inline(__always)
    func store(_ k: Int, _ value: Int16) {
        let v = Int32(value)
        // makePlan writes indices 0...15 only; k <= 78.
        sums[Int(truncatingIfNeeded: plan[80 &+ k]) & 15] &+= v &* plan[k]
        sums[Int(truncatingIfNeeded: plan[160 &+ k]) & 15] |= v
    }

    /// The plan for a component with natural-order quantisation table `q` (64 entries).
    static func makePlan(quant q: UnsafePointer<Int32>, into plan: UnsafeMutablePointer<Int32>) {
        // Columns 0, 1, 3, 5, 7 are slots 0...4; rows 1, 3, 5, 7 carry pass 1's odd weights.
        func slot(_ column: Int) -> Int32? {
            switch column {
            case 0: 0
            case 1: 1
            case 3: 2
            case 5: 3
            case 7: 4
            default: nil
            }
        }
        func weight(_ row: Int) -> Int32? {
            switch row {
            case 1: ReducedInverseDCT.fix3_624509785
            case 3: -ReducedInverseDCT.fix1_272758580
            case 5: ReducedInverseDCT.fix0_850430095
            case 7: -ReducedInverseDCT.fix0_720959822
            default: nil
            }
        }
        for k in 0..<80 {
            let n = ZigZag.paddedNaturalOrder[k]
            let row = n >> 3, column = n & 7
            plan[k] = 0
            plan[80 + k] = 15
            plan[160 + k] = 15
            guard let slot = slot(column) else { continue }
            if row == 0 {
                plan[k] = q[n]
                plan[80 + k] = slot
            } else if let weight = weight(row) {
                plan[k] = q[n] &* weight
                plan[80 + k] = 5 + slot
                plan[160 + k] = 10 + slot
            }
        }
    }

    /// The 2x2 samples of the summed block, as idct2x2 would write them.
    @inline(__always)
    func render(_ output: UnsafeMutablePointer<UInt8>, _ stride: Int) {
        @inline(__always) func column(_ slot: Int) -> (Int32, Int32) {
            ReducedInverseDCT.column2x2(even: sums[slot], odd: sums[5 &+ slot], oddRowsZero: sums[10 &+ slot] == 0)
        }
        let (a0, b0) = column(0), (a1, b1) = column(1), (a3, b3) = column(2)
        let (a5, b5) = column(3), (a7, b7) = column(4)
        ReducedInverseDCT.row2x2(a0, a1, a3, a5, a7, output)
        ReducedInverseDCT.row2x2(b0, b1, b3, b5, b7, output + stride)
    }
}
