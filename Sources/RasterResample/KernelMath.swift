/// The two transcendental functions resampling needs, in plain Swift (library modules may
/// not import Glibc for `sin` and `pow`). They run only while tables are built, never per
/// pixel, so they favour accuracy over speed: both are within a few units in the last
/// place of a `Double`, far below the 2^-24 that the `Float` weight tables keep.
enum KernelMath {
    /// `sin(pi * x)`. The argument is reduced exactly (subtracting an even integer and
    /// reflecting about +-1/2 are exact in binary floating point), so integer `x` gives
    /// exactly 0, which keeps interpolating kernels exact at identity scale.
    static func sinPi(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        var r = x - 2 * (x / 2).rounded()          // r in [-1, 1], exact
        if r > 0.5 { r = 1 - r } else if r < -0.5 { r = -1 - r }  // sin(pi(1-r)) = sin(pi r), exact
        let u = Double.pi * r                        // |u| <= pi/2
        let u2 = u * u
        // Taylor series of sin to u^25; the first omitted term is below (pi/2)^27 / 27! < 1e-22.
        var sum = 0.0
        var n = 25
        while n >= 3 {
            // Horner: sum = 1/n! - u^2 * ( ... ), built from the inside out.
            sum = (1 - u2 * sum) / Double(n * (n - 1))
            n -= 2
        }
        return u * (1 - u2 * sum)
    }

    /// `b^(12/5) = b^2.4` for `b` in (0, 1], through a fifth root by Newton's method
    /// (`b^2.4 = b^2 * (b^(1/5))^2`). Starting above the root, Newton's iteration on the
    /// convex `y^5 - b` decreases monotonically, so it stops when a step no longer falls.
    static func pow2point4(_ b: Double) -> Double {
        guard b > 0 else { return 0 }
        var y = max(b, 1.0)
        for _ in 0 ..< 200 {
            let y4 = (y * y) * (y * y)
            let next = (4 * y + b / y4) / 5
            if next >= y { break }
            y = next
        }
        return b * b * y * y
    }

    /// The sRGB decoding function (IEC 61966-2-1): encoded value `e` in [0, 1] to linear light.
    static func srgbToLinear(_ e: Double) -> Double {
        e <= 0.04045 ? e / 12.92 : pow2point4((e + 0.055) / 1.055)
    }
}
