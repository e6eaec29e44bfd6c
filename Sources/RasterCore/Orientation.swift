/// The eight EXIF orientations (TIFF tag 0x0112): how the stored pixels must be moved so the
/// picture stands upright. The raw value is the tag's value.
public enum Orientation: Int, Hashable, Sendable, CaseIterable {
    /// 1: stored upright.
    case up = 1
    /// 2: mirrored left to right.
    case upMirrored = 2
    /// 3: rotated 180 degrees.
    case down = 3
    /// 4: mirrored top to bottom.
    case downMirrored = 4
    /// 5: mirrored along the top-left to bottom-right diagonal (transpose).
    case leftMirrored = 5
    /// 6: must be rotated 90 degrees clockwise to stand upright.
    case right = 6
    /// 7: mirrored along the top-right to bottom-left diagonal (transverse).
    case rightMirrored = 7
    /// 8: must be rotated 90 degrees counter-clockwise (270 clockwise) to stand upright.
    case left = 8

    /// True when showing the image upright swaps its width and height (values 5 to 8).
    public var swapsDimensions: Bool { rawValue >= 5 }
}
