/// libjpeg-turbo's inter-block smoothing for progressive JPEGs whose low AC coefficients are
/// not all fully known (jdcoefct.c `decompress_smooth_data` and `smoothing_ok`, as of
/// libjpeg-turbo 2.1): before its IDCT, each block's still-zero coefficients among the
/// first nine AC terms are estimated from the DC values of the 5x5 neighbouring blocks;
/// when no AC data at all arrived for those terms, the DC is re-estimated too. libjpeg
/// does this by default (`do_block_smoothing`), so files with missing or truncated scans
/// only match its output with it. Ported literally, including the edge quirks of its
/// sliding window (neighbour rows and columns are chosen exactly as there).
struct BlockSmoothing {
    /// coefBits[k] for zig-zag positions 0...9: the Al of the last scan that covered k,
    /// -1 when none did.
    var coefBits: [Int]
    var quant: [Int32]

    /// smoothing_ok for one component's part: the quantisers it divides by are non-zero
    /// and the DC is at least partly known.
    var isUsable: Bool {
        let positions = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24]
        return coefBits[0] >= 0 && positions.allSatisfy { quant[$0] != 0 }
    }

    /// True when some of AC 1...9 is not exact (the reason to smooth at all).
    var isUseful: Bool { coefBits[1...9].contains { $0 != 0 } }

    /// Smooths one block row (`row` absolute, `rowInGroup` within its row group `group`)
    /// of a component: `blocks(r)` gives the first block of block row r; `body` receives
    /// each column's smoothed copy.
    func smoothRow(row: Int, rowInGroup: Int, blockRowsInGroup: Int, group: Int, lastGroup: Int,
                   widthInBlocks: Int, blocks: (Int) -> UnsafePointer<Int16>,
                   _ body: (Int, UnsafePointer<Int16>) -> Void) {
        let cur = blocks(row)
        let prev = (rowInGroup > 0 || group > 0) ? blocks(row - 1) : cur
        let prevPrev = (rowInGroup > 1 || group > 1) ? blocks(row - 2) : prev
        let next = (rowInGroup < blockRowsInGroup - 1 || group < lastGroup) ? blocks(row + 1) : cur
        let nextNext = (rowInGroup < blockRowsInGroup - 2 || group + 1 < lastGroup) ? blocks(row + 2) : next
        let rows = [prevPrev, prev, cur, next, nextNext]
        // dc[r][c]: r = 0...4 rows above to below, c = 0...4 columns left to right.
        var dc = [[Int64]](repeating: [Int64](repeating: 0, count: 5), count: 5)
        for r in 0..<5 { for c in 0..<5 { dc[r][c] = Int64(rows[r][0]) } }
        let changeDC = (1...9).allSatisfy { coefBits[$0] == -1 }
        let q00 = Int64(quant[0])
        let last = widthInBlocks - 1
        withUnsafeTemporaryAllocation(of: Int16.self, capacity: 64) { wsb in
            let ws = wsb.baseAddress!
            for b in 0...last {
                ws.update(from: cur + b * 64, count: 64)
                if b == 0 && b < last { for r in 0..<5 { dc[r][3] = Int64(rows[r][64]) } }
                if b + 1 < last { for r in 0..<5 { dc[r][4] = Int64(rows[r][(b + 2) * 64]) } }
                // D(n) is libjpeg's DCnn, numbered 1...25 row by row.
                func D(_ n: Int) -> Int64 { dc[(n - 1) / 5][(n - 1) % 5] }
                func estimate(_ k: Int, _ pos: Int, _ sum: Int64) {
                    let al = coefBits[k]
                    guard al != 0, ws[pos] == 0 else { return }
                    let qk = Int64(quant[pos])
                    let num = q00 * sum
                    var pred: Int64
                    if num >= 0 {
                        pred = ((qk << 7) + num) / (qk << 8)
                        if al > 0 && pred >= 1 << al { pred = (1 << al) - 1 }
                    } else {
                        pred = ((qk << 7) - num) / (qk << 8)
                        if al > 0 && pred >= 1 << al { pred = (1 << al) - 1 }
                        pred = -pred
                    }
                    ws[pos] = Int16(truncatingIfNeeded: pred)
                }
                estimate(1, 1, changeDC
                    ? -D(1) - D(2) + D(4) + D(5) - 3 * D(6) + 13 * D(7) - 13 * D(9) + 3 * D(10) - 3 * D(11)
                        + 38 * D(12) - 38 * D(14) + 3 * D(15) - 3 * D(16) + 13 * D(17) - 13 * D(19) + 3 * D(20)
                        - D(21) - D(22) + D(24) + D(25)
                    : -7 * D(11) + 50 * D(12) - 50 * D(14) + 7 * D(15))
                estimate(2, 8, changeDC
                    ? -D(1) - 3 * D(2) - 3 * D(3) - 3 * D(4) - D(5) - D(6) + 13 * D(7) + 38 * D(8) + 13 * D(9)
                        - D(10) + D(16) - 13 * D(17) - 38 * D(18) - 13 * D(19) + D(20) + D(21) + 3 * D(22)
                        + 3 * D(23) + 3 * D(24) + D(25)
                    : -7 * D(3) + 50 * D(8) - 50 * D(18) + 7 * D(23))
                estimate(3, 16, changeDC
                    ? D(3) + 2 * D(7) + 7 * D(8) + 2 * D(9) - 5 * D(12) - 14 * D(13) - 5 * D(14) + 2 * D(17)
                        + 7 * D(18) + 2 * D(19) + D(23)
                    : -D(3) + 13 * D(8) - 24 * D(13) + 13 * D(18) - D(23))
                estimate(4, 9, changeDC
                    ? -D(1) + D(5) + 9 * D(7) - 9 * D(9) - 9 * D(17) + 9 * D(19) + D(21) - D(25)
                    : D(10) + D(16) - 10 * D(17) + 10 * D(19) - D(2) - D(20) + D(22) - D(24) + D(4) - D(6)
                        + 10 * D(7) - 10 * D(9))
                estimate(5, 2, changeDC
                    ? 2 * D(7) - 5 * D(8) + 2 * D(9) + D(11) + 7 * D(12) - 14 * D(13) + 7 * D(14) + D(15)
                        + 2 * D(17) - 5 * D(18) + 2 * D(19)
                    : -D(11) + 13 * D(12) - 24 * D(13) + 13 * D(14) - D(15))
                if changeDC {
                    estimate(6, 3, D(7) - D(9) + 2 * D(12) - 2 * D(14) + D(17) - D(19))
                    estimate(7, 10, D(7) - 3 * D(8) + D(9) - D(17) + 3 * D(18) - D(19))
                    estimate(8, 17, D(7) - D(9) - 3 * D(12) + 3 * D(14) + D(17) - D(19))
                    estimate(9, 24, D(7) + 2 * D(8) + D(9) - D(17) - 2 * D(18) - D(19))
                    let sum = -2 * D(1) - 6 * D(2) - 8 * D(3) - 6 * D(4) - 2 * D(5) - 6 * D(6) + 6 * D(7)
                        + 42 * D(8) + 6 * D(9) - 6 * D(10) - 8 * D(11) + 42 * D(12) + 152 * D(13) + 42 * D(14)
                        - 8 * D(15) - 6 * D(16) + 6 * D(17) + 42 * D(18) + 6 * D(19) - 6 * D(20) - 2 * D(21)
                        - 6 * D(22) - 8 * D(23) - 6 * D(24) - 2 * D(25)
                    let num = q00 * sum
                    let pred = num >= 0 ? ((q00 << 7) + num) / (q00 << 8) : -(((q00 << 7) - num) / (q00 << 8))
                    ws[0] = Int16(truncatingIfNeeded: pred)
                }
                body(b, UnsafePointer(ws))
                for r in 0..<5 {
                    dc[r][0] = dc[r][1]; dc[r][1] = dc[r][2]; dc[r][2] = dc[r][3]; dc[r][3] = dc[r][4]
                }
            }
        }
    }
}
