/// A clockwise turn by a multiple of 90 degrees, for `rotated(by:)`.
public enum Rotation: Int, Hashable, Sendable, CaseIterable {
    /// A quarter turn clockwise: the left column becomes the top row.
    case clockwise90 = 90
    /// A half turn.
    case clockwise180 = 180
    /// Three quarter turns clockwise (one counter-clockwise): the top row becomes the left column.
    case clockwise270 = 270
}
