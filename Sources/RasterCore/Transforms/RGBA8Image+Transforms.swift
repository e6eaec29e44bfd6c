/// Flips, quarter turns, transpose and EXIF orientation for 8-bit images. Pixels move as
/// whole 32-bit words, exactly; see `PixelMove` for the index maps.
extension RGBA8Image {
    /// Mirrored left to right.
    public func flippedHorizontally() -> RGBA8Image { oriented(.upMirrored) }
    /// Mirrored top to bottom.
    public func flippedVertically() -> RGBA8Image { oriented(.downMirrored) }
    /// Turned clockwise by `rotation`; a quarter turn swaps width and height.
    public func rotated(by rotation: Rotation) -> RGBA8Image { oriented(Orientation(rotation: rotation)) }
    /// Mirrored along the top-left to bottom-right diagonal: pixel (x, y) moves to (y, x).
    public func transposed() -> RGBA8Image { oriented(.leftMirrored) }
    /// Mirrored along the top-right to bottom-left diagonal.
    public func transversed() -> RGBA8Image { oriented(.rightMirrored) }

    /// The image as it should be shown when stored with EXIF orientation `orientation`:
    /// upright, with width and height swapped for orientations 5 to 8.
    public func oriented(_ orientation: Orientation) -> RGBA8Image {
        if orientation == .up { return self }
        let move = PixelMove(upright: orientation, width: width, height: height)
        var out = RGBA8Image(validatedWidth: move.width, height: move.height)
        if isEmpty { return out }
        storage.withUnsafeBytes { src in
            out.storage.withUnsafeMutableBytes { dst in
                move.apply(src, dst, as: UInt32.self)
            }
        }
        return out
    }
}
