import Foundation
import Raster

/// A slow, independent reference for the resize op's check (outside the timed region):
/// CONTRACT.md's resize computed in `Double` for single output pixels, straight from the
/// definition. Output pixel i samples at c = (i + 1/2) in / out; taps j with
/// |(2j + 1) out - (2i + 1) in| < 2 r max(in, out) (integers, so the tap set is exact), the
/// kernel's argument being that integer over 2 max(in, out); weights normalised per axis;
/// premultiplied; colour = 255 P / A clamped and rounded (halves up); alpha rounding to 0
/// gives (0, 0, 0, 0). Irrational kernels and `Double` sums put the reference within about
/// 1e-9 of a level of the exact value, so the library must be within 1 of it everywhere.
enum ResizeReference {
    static func support(_ filter: ResampleFilter) -> Double {
        switch filter {
        case .nearest, .box: return 0.5
        case .triangle: return 1
        case .catmullRom, .mitchell: return 2
        case .lanczos3: return 3
        }
    }

    static func kernel(_ filter: ResampleFilter, _ x: Double) -> Double {
        let t = abs(x)
        func cubic(_ b: Double, _ c: Double) -> Double {
            if t < 1 { return ((12 - 9 * b - 6 * c) * t * t * t + (-18 + 12 * b + 6 * c) * t * t + (6 - 2 * b)) / 6 }
            if t < 2 { return ((-b - 6 * c) * t * t * t + (6 * b + 30 * c) * t * t + (-12 * b - 48 * c) * t + (8 * b + 24 * c)) / 6 }
            return 0
        }
        func sinc(_ v: Double) -> Double { v == 0 ? 1 : sin(Double.pi * v) / (Double.pi * v) }
        switch filter {
        case .nearest, .box: return t < 0.5 || x == -0.5 ? 1 : 0
        case .triangle: return max(0, 1 - t)
        case .catmullRom: return cubic(0, 0.5)
        case .mitchell: return cubic(1.0 / 3, 1.0 / 3)
        case .lanczos3: return t < 3 ? sinc(t) * sinc(t / 3) : 0
        }
    }

    /// The normalised taps of output index `i` on an axis from `inCount` to `outCount`.
    static func taps(_ filter: ResampleFilter, _ i: Int, inCount: Int, outCount: Int) -> [(Int, Double)] {
        let m = max(inCount, outCount)
        let r = support(filter)
        let centre = (Double(i) + 0.5) * Double(inCount) / Double(outCount)
        let reach = r * Double(m) / Double(outCount) + 2
        let lo = max(0, Int((centre - reach).rounded(.down)))
        let hi = min(inCount - 1, Int((centre + reach).rounded(.up)))
        var list: [(Int, Double)] = []
        if lo <= hi {
            for j in lo ... hi {
                let d = (2 * j + 1) * outCount - (2 * i + 1) * inCount
                if Double(abs(d)) < 2 * r * Double(m) { list.append((j, kernel(filter, Double(d) / Double(2 * m)))) }
            }
        }
        let sum = list.reduce(0) { $0 + $1.1 }
        if list.isEmpty || sum <= 0 { return [(min((2 * i + 1) * inCount / (2 * outCount), inCount - 1), 1)] }
        return list.map { ($0.0, $0.1 / sum) }
    }

    /// The reference RGBA of output pixel (x, y) of `source` resized to `outW x outH`.
    static func pixel(_ source: RGBA8Image, _ samples: [UInt8], x: Int, y: Int, outW: Int, outH: Int,
                      filter: ResampleFilter) -> [Int] {
        let tx = taps(filter, x, inCount: source.width, outCount: outW)
        let ty = taps(filter, y, inCount: source.height, outCount: outH)
        var v = [0.0, 0, 0, 0]
        for (j, wy) in ty {
            for (i, wx) in tx {
                let p = (j * source.width + i) * 4
                let a = Double(samples[p + 3])
                let w = wx * wy
                for c in 0 ..< 3 { v[c] += w * a * Double(samples[p + c]) }
                v[3] += w * a * 255
            }
        }
        let alpha = Int((min(max(v[3] / 255, 0), 255) + 0.5).rounded(.down))
        if alpha == 0 { return [0, 0, 0, 0] }
        return (0 ..< 3).map { Int((min(max(255 * v[$0] / v[3], 0), 255) + 0.5).rounded(.down)) } + [alpha]
    }

    /// Compares `result` with the reference on the four corners, the centre and `count`
    /// pseudo-random pixels (a fixed sequence, so runs are repeatable); nil when every
    /// channel is within 1, else a sentence naming the first pixel that is not.
    static func check(_ source: RGBA8Image, _ result: RGBA8Image, filter: ResampleFilter, count: Int = 256) -> String? {
        let (w, h) = (result.width, result.height)
        let src = source.samples, out = result.samples
        var points = [(0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1), (w / 2, h / 2)]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0 ..< count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let r = Int(truncatingIfNeeded: state >> 33)
            points.append((r % w, (r / w) % h))
        }
        for (x, y) in points {
            let expected = pixel(source, src, x: x, y: y, outW: w, outH: h, filter: filter)
            let p = (y * w + x) * 4
            for c in 0 ..< 4 where abs(Int(out[p + c]) - expected[c]) > 1 {
                return "pixel (\(x), \(y)) channel \(c) is \(out[p + c]), the reference says \(expected[c])"
            }
        }
        return nil
    }
}
