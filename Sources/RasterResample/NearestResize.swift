/// `nearest`: output pixel (i, j) is source pixel (floor(c_x), floor(c_y)) with
/// `c = (i + 1/2) * in / out`, computed exactly as `floor((2i + 1) * in / (2 * out))`
/// (sides are at most 2^30, so the product cannot overflow). Pixels are copied whole, as
/// words of `P` (4 or 8 bytes), so nothing about them changes.
enum NearestResize {
    static func index(_ i: Int, inCount: Int, outCount: Int) -> Int {
        min((2 * i + 1) * inCount / (2 * outCount), inCount - 1)
    }

    static func run<P: FixedWidthInteger>(_ src: UnsafeRawBufferPointer, inWidth: Int, inHeight: Int,
                                          _ dst: UnsafeMutableRawBufferPointer, outWidth: Int, outHeight: Int,
                                          as _: P.Type) {
        let size = MemoryLayout<P>.size
        guard src.count == inWidth &* inHeight &* size, dst.count == outWidth &* outHeight &* size else { return }
        let columns = (0 ..< outWidth).map { index($0, inCount: inWidth, outCount: outWidth) &* size }
        columns.withUnsafeBufferPointer { cols in
            var out = 0
            for oy in 0 ..< outHeight {
                let rowStart = index(oy, inCount: inHeight, outCount: outHeight) &* inWidth &* size
                for ox in 0 ..< outWidth {
                    dst.storeBytes(of: src.loadUnaligned(fromByteOffset: rowStart &+ cols[ox], as: P.self),
                                   toByteOffset: out, as: P.self)
                    out &+= size
                }
            }
        }
    }
}
