/// One scan of a progressive file: which components, the spectral band Ss...Se and the
/// successive-approximation bits Ah (previous) and Al (this scan's point transform).
struct ProgressiveScan: Hashable, Sendable {
    var components: [Int]
    var ss: Int
    var se: Int
    var ah: Int
    var al: Int

    /// libjpeg's `jpeg_simple_progression` (jcparam.c), the script `cjpeg -progressive`
    /// uses: for YCbCr, DC first at 1 bit of precision loss, a quick luma band 1-5, chroma,
    /// the rest of luma, then the refinement scans, luma's last bit at the end; for
    /// greyscale, its all-purpose script.
    static func defaultScript(componentCount: Int) -> [ProgressiveScan] {
        if componentCount == 3 {
            return [
                ProgressiveScan(components: [0, 1, 2], ss: 0, se: 0, ah: 0, al: 1),
                ProgressiveScan(components: [0], ss: 1, se: 5, ah: 0, al: 2),
                ProgressiveScan(components: [2], ss: 1, se: 63, ah: 0, al: 1),
                ProgressiveScan(components: [1], ss: 1, se: 63, ah: 0, al: 1),
                ProgressiveScan(components: [0], ss: 6, se: 63, ah: 0, al: 2),
                ProgressiveScan(components: [0], ss: 1, se: 63, ah: 2, al: 1),
                ProgressiveScan(components: [0, 1, 2], ss: 0, se: 0, ah: 1, al: 0),
                ProgressiveScan(components: [2], ss: 1, se: 63, ah: 1, al: 0),
                ProgressiveScan(components: [1], ss: 1, se: 63, ah: 1, al: 0),
                ProgressiveScan(components: [0], ss: 1, se: 63, ah: 1, al: 0),
            ]
        }
        return [
            ProgressiveScan(components: [0], ss: 0, se: 0, ah: 0, al: 1),
            ProgressiveScan(components: [0], ss: 1, se: 5, ah: 0, al: 2),
            ProgressiveScan(components: [0], ss: 6, se: 63, ah: 0, al: 2),
            ProgressiveScan(components: [0], ss: 1, se: 63, ah: 2, al: 1),
            ProgressiveScan(components: [0], ss: 0, se: 0, ah: 1, al: 0),
            ProgressiveScan(components: [0], ss: 1, se: 63, ah: 1, al: 0),
        ]
    }
}
