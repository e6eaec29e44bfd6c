/// The reconstruction filters of the contract's resize semantics (CONTRACT.md "Resize").
/// The raw values are the contract's names, as `raster-tool resize --filter` spells them.
public enum ResampleFilter: String, Hashable, Sendable, CaseIterable {
    /// Takes the source pixel under the sample point, `floor(c)`, unchanged.
    case nearest
    /// Support 1/2: the mean of the pixels the widened box covers.
    case box
    /// Support 1: `1 - |x|` (bilinear when enlarging).
    case triangle
    /// Support 2: the cubic with B = 0, C = 1/2 (interpolating, sharp).
    case catmullRom = "catmull-rom"
    /// Support 2: the cubic with B = C = 1/3 (Mitchell-Netravali's recommendation; soft).
    case mitchell
    /// Support 3: `sinc(x) * sinc(x / 3)`.
    case lanczos3

    /// The filter the contract names `name`, or nil.
    public init?(name: String) { self.init(rawValue: name) }

    /// The contract's name.
    public var name: String { rawValue }

    /// Twice the support radius, an integer for every filter, so that tap selection can be
    /// done in exact integer arithmetic (see `AxisContributions`).
    var twiceSupport: Int {
        switch self {
        case .nearest, .box: return 1
        case .triangle: return 2
        case .catmullRom, .mitchell: return 4
        case .lanczos3: return 6
        }
    }

    /// The kernel K(x) at a point inside the support (callers pass only |x| < support).
    func kernel(_ x: Double) -> Double {
        let t = abs(x)
        switch self {
        case .nearest, .box:
            return 1
        case .triangle:
            return 1 - t
        case .catmullRom:
            return Self.cubic(t, b: 0, c: 0.5)
        case .mitchell:
            return Self.cubic(t, b: 1.0 / 3.0, c: 1.0 / 3.0)
        case .lanczos3:
            if t == 0 { return 1 }
            // sinc(t) sinc(t/3) = sin(pi t) sin(pi t / 3) / (pi^2 t^2 / 3)
            return 3 * KernelMath.sinPi(t) * KernelMath.sinPi(t / 3) / (Double.pi * Double.pi * t * t)
        }
    }

    /// The Mitchell-Netravali cubic family at `t = |x|` (t < 2).
    static func cubic(_ t: Double, b: Double, c: Double) -> Double {
        if t < 1 {
            return ((12 - 9 * b - 6 * c) * t * t * t + (-18 + 12 * b + 6 * c) * t * t + (6 - 2 * b)) / 6
        }
        return ((-b - 6 * c) * t * t * t + (6 * b + 30 * c) * t * t + (-12 * b - 48 * c) * t + (8 * b + 24 * c)) / 6
    }
}
