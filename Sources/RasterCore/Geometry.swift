/// A position on the integer pixel grid. Any value is legal, including ones near
/// `Int.min` and `Int.max`: geometry that would overflow saturates instead of trapping.
public struct Point: Hashable, Sendable {
    /// The column, counted rightward from an image's left edge at 0; may be negative or past the
    /// image.
    public var x: Int
    /// The row, counted downward from an image's top edge at 0; may be negative or past the image.
    public var y: Int

    /// A point at column `x`, row `y`; every value is accepted, including negative ones.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    /// The top-left pixel of every image, where
    /// ``RGBA8Image/draw(_:at:operator:sourceRect:coverage:)`` places a source by default.
    public static let zero = Point(x: 0, y: 0)
}

/// An axis-aligned rectangle of pixels: columns `x ..< x + width`, rows `y ..< y + height`.
///
/// Negative or zero sizes make an empty rectangle. The far edges (`maxX`, `maxY`) saturate at
/// `Int.max`, so a rectangle placed anywhere with any size is valid and can be clipped.
public struct Rect: Hashable, Sendable {
    /// The leftmost column the rectangle covers.
    public var x: Int
    /// The top row the rectangle covers.
    public var y: Int
    /// The number of columns covered; zero or negative makes the rectangle empty.
    public var width: Int
    /// The number of rows covered; zero or negative makes the rectangle empty.
    public var height: Int

    /// A rectangle whose top-left pixel is `(x, y)`; any values are accepted, and a zero or
    /// negative size makes it empty.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// A rectangle whose top-left pixel is `origin`, otherwise as ``Rect/init(x:y:width:height:)``.
    public init(origin: Point, width: Int, height: Int) {
        self.init(x: origin.x, y: origin.y, width: width, height: height)
    }

    /// The zero-size rectangle at the origin, which ``Rect/intersection(_:)`` returns when two
    /// rectangles do not meet.
    public static let empty = Rect(x: 0, y: 0, width: 0, height: 0)

    /// The top-left pixel, `(x, y)`.
    public var origin: Point { Point(x: x, y: y) }
    /// True when the rectangle covers no pixel: its width or height is zero or negative.
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// One past the last column, saturating at `Int.max`.
    public var maxX: Int { x.saturatingAdding(Swift.max(width, 0)) }
    /// One past the last row, saturating at `Int.max`.
    public var maxY: Int { y.saturatingAdding(Swift.max(height, 0)) }

    /// The pixels both rectangles cover; `Rect.empty`-sized (zero width and height) when
    /// they do not overlap. Never overflows: the result is no larger than either input.
    public func intersection(_ other: Rect) -> Rect {
        if isEmpty || other.isEmpty { return .empty }
        let x0 = Swift.max(x, other.x)
        let y0 = Swift.max(y, other.y)
        let x1 = Swift.min(maxX, other.maxX)
        let y1 = Swift.min(maxY, other.maxY)
        // x1 <= x + width and x0 >= x, so x1 - x0 <= width: the subtraction cannot overflow
        // once we know x1 > x0.
        guard x1 > x0, y1 > y0 else { return .empty }
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// True when pixel `p` lies inside: from `x` and `y` inclusive to ``Rect/maxX`` and
    /// ``Rect/maxY`` exclusive; always false for an empty rectangle.
    public func contains(_ p: Point) -> Bool {
        !isEmpty && p.x >= x && p.x < maxX && p.y >= y && p.y < maxY
    }

    /// The same rectangle moved by `dx, dy`, saturating rather than overflowing.
    public func offsetBy(dx: Int, dy: Int) -> Rect {
        Rect(x: x.saturatingAdding(dx), y: y.saturatingAdding(dy), width: width, height: height)
    }
}

extension Int {
    /// `self + other`, clamped to `Int.min ... Int.max` instead of trapping.
    @inlinable
    func saturatingAdding(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        if !overflow { return sum }
        return other > 0 ? .max : .min
    }

    /// `self - other`, clamped to `Int.min ... Int.max` instead of trapping.
    @inlinable
    func saturatingSubtracting(_ other: Int) -> Int {
        let (difference, overflow) = subtractingReportingOverflow(other)
        if !overflow { return difference }
        return other < 0 ? .max : .min
    }
}
