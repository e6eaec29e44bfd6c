/// The order in which the 64 coefficients of a block travel in a JPEG stream (T.81 figure
/// A.6), and its inverse. Shared by the decoder and the encoder.
enum ZigZag {
    /// `naturalOrder[k]` is the row-major index (row * 8 + column) of the k-th coefficient
    /// in zig-zag order.
    static let naturalOrder: [Int] = [
        0, 1, 8, 16, 9, 2, 3, 10,
        17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34,
        27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36,
        29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46,
        53, 60, 61, 54, 47, 55, 62, 63,
    ]

    /// `naturalOrder` followed by 16 more entries of 63. A corrupt run length can push the
    /// coefficient index of a block up to 63 + 15 before the decoder notices; as in
    /// libjpeg's `jpeg_natural_order`, those writes land harmlessly on the last coefficient
    /// instead of outside the block.
    static let paddedNaturalOrder: [Int] = naturalOrder + [Int](repeating: 63, count: 16)

    /// `zigZagIndex[n]` is the zig-zag position of row-major index n (the inverse table).
    static let zigZagIndex: [Int] = {
        var inverse = [Int](repeating: 0, count: 64)
        for (k, n) in naturalOrder.enumerated() { inverse[n] = k }
        return inverse
    }()
}
