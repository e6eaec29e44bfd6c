/// Flips, quarter turns, transpose and EXIF orientation for 16-bit images. Pixels move as
/// whole 64-bit words, exactly; see `PixelMove` for the index maps.
extension RGBA16Image {
    /// Mirrored left to right.
    public func flippedHorizontally() -> RGBA16Image { oriented(.upMirrored) }
    /// Mirrored top to bottom.
    public func flippedVertically() -> RGBA16Image { oriented(.downMirrored) }
    /// Turned clockwise by `rotation`; a quarter turn swaps width and height.
    public func rotated(by rotation: Rotation) -> RGBA16Image { oriented(Orientation(rotation: rotation)) }
    /// Mirrored along the top-left to bottom-right diagonal: pixel (x, y) moves to (y, x).
    public func transposed() -> RGBA16Image { oriented(.leftMirrored) }
    /// Mirrored along the top-right to bottom-left diagonal.
    public func transversed() -> RGBA16Image { oriented(.rightMirrored) }

    /// The image as it should be shown when stored with EXIF orientation `orientation`:
    /// upright, with width and height swapped for orientations 5 to 8.
    public func oriented(_ orientation: Orientation) -> RGBA16Image {
        if orientation == .up { return self }
        let move = PixelMove(upright: orientation, width: width, height: height)
        var samples = [UInt16](repeating: 0, count: storage.count)
        if !isEmpty {
            storage.withUnsafeBytes { src in
                samples.withUnsafeMutableBytes { dst in
                    move.apply(src, dst, as: UInt64.self)
                }
            }
        }
        return RGBA16Image(validatedWidth: move.width, height: move.height, samples: samples)
    }
}
