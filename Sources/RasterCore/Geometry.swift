/// A position on the integer pixel grid. Any value is legal, including ones near
/// `Int.min` and `Int.max`: geometry that would overflow saturates instead of trapping.
public struct Point: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    public static let zero = Point(x: 0, y: 0)
}

/// An axis-aligned rectangle of pixels: columns `x ..< x + width`, rows `y ..< y + height`.
///
/// Negative or zero sizes make an empty rectangle. The far edges (`maxX`, `maxY`) saturate at
/// `Int.max`, so a rectangle placed anywhere with any size is valid and can be clipped.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public init(origin: Point, width: Int, height: Int) {
        self.init(x: origin.x, y: origin.y, width: width, height: height)
    }

    public static let empty = Rect(x: 0, y: 0, width: 0, height: 0)

    public var origin: Point { Point(x: x, y: y) }
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
