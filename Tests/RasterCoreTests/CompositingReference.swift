import RasterCore

/// The contract's compositing formulas evaluated with exact rationals, integers only.
///
/// Every premultiplied quantity is held as an integer multiple of 1 / 255^5, which is a common
/// denominator for premultiplied colours (1/255^2), factors (1/255) and coverage (1/255):
/// no rounding happens until the final `round(255 * co / ao)`. Written straight from the
/// contract text, independently of the library's derivation.
enum CompositingReference {
    static let p1: Int64 = 255
    static let p2: Int64 = 255 * 255
    static let p3: Int64 = 255 * 255 * 255
    static let p4: Int64 = p2 * p2
    static let p5: Int64 = p4 * 255

    /// `(255 Fa, 255 Fb)` from the contract's table.
    static func factors(_ op: CompositeOperator, _ sa: Int64, _ da: Int64) -> (Int64, Int64) {
        switch op {
        case .clear: return (0, 0)
        case .src: return (255, 0)
        case .dst: return (0, 255)
        case .srcOver: return (255, 255 - sa)
        case .dstOver: return (255 - da, 255)
        case .srcIn: return (da, 0)
        case .dstIn: return (0, sa)
        case .srcOut: return (255 - da, 0)
        case .dstOut: return (0, 255 - sa)
        case .srcAtop: return (da, 255 - sa)
        case .dstAtop: return (255 - da, sa)
        case .xor: return (255 - da, 255 - sa)
        case .plus: return (0, 0) // not a factor pair; handled separately
        }
    }

    /// `round(p / q)` for `p, q >= 0`, `q > 0`, ties away from zero.
    static func roundedDivision(_ p: Int64, _ q: Int64) -> Int64 {
        (2 * p + q) / (2 * q)
    }

    static func blend(_ op: CompositeOperator, _ s: RGBA8, _ d: RGBA8, coverage: UInt8 = 255) -> RGBA8 {
        let sa = Int64(s.a), da = Int64(d.a), m = Int64(coverage)
        // Premultiplied alphas in units of 1/255^5.
        let aS = sa * p4
        let aD = da * p4
        let (fa, fb) = factors(op, sa, da)
        // The operator's alpha, then coverage: m * op + (1 - m) * dst. Every division by 255
        // here is exact because the terms are multiples of 255^2 or more.
        var ao = op == .plus ? min(p5, aS + aD) : (fa * aS + fb * aD) / p1
        ao = (m * ao + (255 - m) * aD) / p1
        let alpha = roundedDivision(255 * ao, p5)
        if alpha == 0 { return .transparent }
        func channel(_ sc: UInt8, _ dc: UInt8) -> UInt8 {
            let cs = Int64(sc) * sa * p3
            let cd = Int64(dc) * da * p3
            var co = op == .plus ? min(p5, cs + cd) : (fa * cs + fb * cd) / p1
            co = (m * co + (255 - m) * cd) / p1
            return UInt8(roundedDivision(255 * co, ao))
        }
        return RGBA8(r: channel(s.r, d.r), g: channel(s.g, d.g), b: channel(s.b, d.b), a: UInt8(alpha))
    }

    /// The whole destination after `draw`, computed pixel by pixel from the definition.
    static func draw(_ dst: RGBA8Image, _ src: RGBA8Image, at p: Point, op: CompositeOperator,
                     sourceRect: Rect? = nil, coverage: Coverage = .full) -> RGBA8Image {
        var out = dst
        let sr = sourceRect ?? src.bounds
        for y in 0 ..< dst.height {
            for x in 0 ..< dst.width {
                // Destination (x, y) shows source (sr.x + x - p.x, sr.y + y - p.y). Any
                // overflow on the way means that source pixel lies outside every image.
                let (dx, o1) = x.subtractingReportingOverflow(p.x)
                let (dy, o2) = y.subtractingReportingOverflow(p.y)
                guard !o1, !o2, dx >= 0, dy >= 0, dx < sr.width, dy < sr.height else { continue }
                let (sxi, o3) = sr.x.addingReportingOverflow(dx)
                let (syi, o4) = sr.y.addingReportingOverflow(dy)
                guard !o3, !o4, sxi >= 0, syi >= 0, sxi < src.width, syi < src.height else { continue }
                let sx = Int64(sxi), sy = Int64(syi)
                let m: UInt8
                switch coverage {
                case let .opacity(v): m = v
                case let .mask(mask):
                    guard sx < Int64(mask.width), sy < Int64(mask.height) else { continue }
                    m = mask[Int(sx), Int(sy)]
                }
                out[x, y] = blend(op, src[Int(sx), Int(sy)], dst[x, y], coverage: m)
            }
        }
        return out
    }
}
