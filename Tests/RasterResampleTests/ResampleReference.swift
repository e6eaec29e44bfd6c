import Foundation
import RasterCore
import RasterResample

/// The contract's resize (CONTRACT.md "Resize") written out directly in `Double`, as the
/// yardstick for the library's fixed-precision passes.
///
/// Values are kept on integer scales (premultiplied colour `a * c`, alpha `a * max`) so that
/// the exact halves that box and triangle weights produce are represented exactly and the
/// contract's ties-away-from-zero rounding can be checked; every other step is `Double`
/// arithmetic on the formulas, with Foundation's `sin` and `pow`.
enum ResampleReference {
    static func kernel(_ filter: ResampleFilter, _ x: Double) -> Double {
        let t = abs(x)
        func cubic(_ b: Double, _ c: Double) -> Double {
            if t < 1 { return ((12 - 9 * b - 6 * c) * pow(t, 3) + (-18 + 12 * b + 6 * c) * t * t + (6 - 2 * b)) / 6 }
            if t < 2 { return ((-b - 6 * c) * pow(t, 3) + (6 * b + 30 * c) * t * t + (-12 * b - 48 * c) * t + (8 * b + 24 * c)) / 6 }
            return 0
        }
        func sinc(_ v: Double) -> Double { v == 0 ? 1 : sin(Double.pi * v) / (Double.pi * v) }
        switch filter {
        case .nearest, .box: return t < 0.5 ? 1 : (x == -0.5 ? 1 : 0)
        case .triangle: return max(0, 1 - t)
        case .catmullRom: return cubic(0, 0.5)
        case .mitchell: return cubic(1.0 / 3, 1.0 / 3)
        case .lanczos3: return t < 3 ? sinc(t) * sinc(t / 3) : 0
        }
    }

    static func support(_ filter: ResampleFilter) -> Double {
        switch filter {
        case .nearest, .box: return 0.5
        case .triangle: return 1
        case .catmullRom, .mitchell: return 2
        case .lanczos3: return 3
        }
    }

    /// For each output index, the (source index, normalised weight) pairs.
    static func taps(_ filter: ResampleFilter, inCount: Int, outCount: Int) -> [[(Int, Double)]] {
        let r = support(filter)
        let m = Double(max(inCount, outCount))
        return (0 ..< outCount).map { i in
            // c = (i + 1/2) in / out; the tap test |j + 1/2 - c| < r f, multiplied through by
            // 2 out (exact integers): |(2j + 1) out - (2i + 1) in| < 2 r max(in, out).
            var list: [(Int, Double)] = []
            for j in 0 ..< inCount {
                let d = Double((2 * j + 1) * outCount - (2 * i + 1) * inCount)
                if abs(d) < 2 * r * m { list.append((j, kernel(filter, d / (2 * m)))) }
            }
            let sum = list.reduce(0) { $0 + $1.1 }
            if list.isEmpty || sum <= 0 { return [(min((2 * i + 1) * inCount / (2 * outCount), inCount - 1), 1)] }
            return list.map { ($0.0, $0.1 / sum) }
        }
    }

    static func srgbToLinear(_ e: Double) -> Double { e <= 0.04045 ? e / 12.92 : pow((e + 0.055) / 1.055, 2.4) }
    static func linearToSRGB(_ l: Double) -> Double { l <= 0.0031308 ? 12.92 * l : 1.055 * pow(l, 1 / 2.4) - 0.055 }

    /// Resamples `samples` (`width x height`, 4 channels, levels up to `maxLevel`).
    static func resize(_ samples: [Int], width: Int, height: Int, maxLevel: Int, to outW: Int, _ outH: Int,
                       filter: ResampleFilter, linear: Bool) -> [Int] {
        let m = Double(maxLevel)
        if maxLevel == 255 && !linear && ExactReference.isRational(filter) {
            return ExactReference.resize8(samples, width: width, height: height, to: outW, outH, filter: filter)
        }
        if filter == .nearest {
            var out = [Int](repeating: 0, count: outW * outH * 4)
            for y in 0 ..< outH {
                let sy = (2 * y + 1) * height / (2 * outH)
                for x in 0 ..< outW {
                    let sx = (2 * x + 1) * width / (2 * outW)
                    for c in 0 ..< 4 { out[(y * outW + x) * 4 + c] = samples[(sy * width + sx) * 4 + c] }
                }
            }
            return out
        }
        func value(_ v: Int) -> Double { linear ? m * srgbToLinear(Double(v) / m) : Double(v) }
        // Premultiplied: colour a * value(c), alpha a * max.
        var pre = [Double](repeating: 0, count: width * height * 4)
        for p in 0 ..< width * height {
            let a = Double(samples[p * 4 + 3])
            for c in 0 ..< 3 { pre[p * 4 + c] = a * value(samples[p * 4 + c]) }
            pre[p * 4 + 3] = a * m
        }
        let tx = taps(filter, inCount: width, outCount: outW)
        let ty = taps(filter, inCount: height, outCount: outH)
        var rows = [Double](repeating: 0, count: outW * height * 4)
        for y in 0 ..< height {
            for x in 0 ..< outW {
                for (j, w) in tx[x] { for c in 0 ..< 4 { rows[(y * outW + x) * 4 + c] += w * pre[(y * width + j) * 4 + c] } }
            }
        }
        var out = [Int](repeating: 0, count: outW * outH * 4)
        for y in 0 ..< outH {
            for x in 0 ..< outW {
                var v = [0.0, 0, 0, 0]
                for (j, w) in ty[y] { for c in 0 ..< 4 { v[c] += w * rows[(j * outW + x) * 4 + c] } }
                let alpha = Int((min(max(v[3] / m, 0), m) + 0.5).rounded(.down))
                if alpha == 0 { continue }
                for c in 0 ..< 3 {
                    let q = min(max(m * v[c] / v[3], 0), m)
                    let e = linear ? m * linearToSRGB(q / m) : q
                    out[(y * outW + x) * 4 + c] = Int((e + 0.5).rounded(.down))
                }
                out[(y * outW + x) * 4 + 3] = alpha
            }
        }
        return out
    }
}

/// How far a result is from the reference.
struct Agreement: CustomStringConvertible {
    var maxDifference = 0
    var pixels = 0
    var exactPixels = 0
    var exactShare: Double { pixels == 0 ? 1 : Double(exactPixels) / Double(pixels) }
    var description: String { "max diff \(maxDifference), exact \(exactPixels)/\(pixels)" }

    init(_ result: [Int], _ reference: [Int]) {
        pixels = reference.count / 4
        for p in 0 ..< pixels {
            var same = true
            for c in 0 ..< 4 {
                let d = abs(result[p * 4 + c] - reference[p * 4 + c])
                maxDifference = max(maxDifference, d)
                if d != 0 { same = false }
            }
            if same { exactPixels += 1 }
        }
    }
}

/// The contract's value in exact integer arithmetic for the kernels that are rational at
/// rational points (box, triangle and the B, C cubics): ties (exact halves) are decided
/// exactly, which `Double` cannot promise when weights like 1/3 are rounded.
enum ExactReference {
    static func isRational(_ filter: ResampleFilter) -> Bool {
        filter == .box || filter == .triangle || filter == .catmullRom || filter == .mitchell
    }

    /// K(u / l) times a positive constant that depends only on the filter and l:
    /// box 1; triangle l * (1 - t); cubics 36 l^3 K(t), from 6 K(t) = the B, C polynomial.
    static func scaledKernel(_ filter: ResampleFilter, u: Int128, l: Int128) -> Int128 {
        switch filter {
        case .box, .nearest: return 1
        case .triangle: return l - u
        default:
            let (b6, c6): (Int128, Int128) = filter == .catmullRom ? (0, 3) : (2, 2)  // 6B, 6C
            let a: [Int128] = u < l
                ? [36 - 2 * b6, 0, -108 + 12 * b6 + 6 * c6, 72 - 9 * b6 - 6 * c6]
                : [8 * b6 + 24 * c6, -12 * b6 - 48 * c6, 6 * b6 + 30 * c6, -b6 - 6 * c6]
            return a[0] * l * l * l + a[1] * u * l * l + a[2] * u * u * l + a[3] * u * u * u
        }
    }

    static func taps(_ filter: ResampleFilter, inCount: Int, outCount: Int) -> [[(Int, Int128)]] {
        let m = max(inCount, outCount)
        let twoR = Int(ResampleReference.support(filter) * 2)
        return (0 ..< outCount).map { i in
            var list: [(Int, Int128)] = []
            for j in 0 ..< inCount {
                let d = (2 * j + 1) * outCount - (2 * i + 1) * inCount
                if abs(d) < twoR * m { list.append((j, scaledKernel(filter, u: Int128(abs(d)), l: Int128(2 * m)))) }
            }
            let sum = list.reduce(Int128(0)) { $0 + $1.1 }
            if list.isEmpty || sum <= 0 { return [(min((2 * i + 1) * inCount / (2 * outCount), inCount - 1), 1)] }
            return list
        }
    }

    static func rounded(_ n: Int128, _ d: Int128) -> Int {
        if n <= 0 { return 0 }
        if n >= 255 * d { return 255 }
        return Int((2 * n + d) / (2 * d))
    }

    static func resize8(_ samples: [Int], width: Int, height: Int, to outW: Int, _ outH: Int, filter: ResampleFilter) -> [Int] {
        let tx = taps(filter, inCount: width, outCount: outW)
        let ty = taps(filter, inCount: height, outCount: outH)
        var out = [Int](repeating: 0, count: outW * outH * 4)
        for y in 0 ..< outH {
            let sy = ty[y].reduce(Int128(0)) { $0 + $1.1 }
            for x in 0 ..< outW {
                let sx = tx[x].reduce(Int128(0)) { $0 + $1.1 }
                var a: Int128 = 0
                var c: [Int128] = [0, 0, 0]
                for (j, wy) in ty[y] {
                    for (i, wx) in tx[x] {
                        let p = (j * width + i) * 4
                        let w = wx * wy * Int128(samples[p + 3])
                        a += w
                        for k in 0 ..< 3 { c[k] += w * Int128(samples[p + k]) }
                    }
                }
                let alpha = rounded(a, sx * sy)
                if alpha == 0 { continue }
                for k in 0 ..< 3 { out[(y * outW + x) * 4 + k] = rounded(c[k], a) }
                out[(y * outW + x) * 4 + 3] = alpha
            }
        }
        return out
    }
}
