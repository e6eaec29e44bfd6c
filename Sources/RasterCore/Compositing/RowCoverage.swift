/// How coverage varies along a row.
enum RowCoverage {
    /// Coverage 255 everywhere: the plain operator.
    case full
    /// One coverage value (0...254) for every pixel.
    case constant(UInt32)
    /// One coverage byte per pixel, starting at the row's first pixel.
    case mask(UnsafePointer<UInt8>)
}
