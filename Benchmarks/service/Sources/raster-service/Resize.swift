#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Raster

// TEMPORARY, until the library's resizer (branch resample) lands on main: a lanczos3
// resize written to CONTRACT.md "Resize" (c = (i + 0.5) * s, kernel widened by
// f = max(s, 1), taps outside the image dropped and the rest normalised, premultiplied
// values, alpha 0 gives (0,0,0,0)), in Float rather than exact arithmetic. The thumbnail
// path calls it only through `fitted(_:inside:)` in Thumbnailer.swift.

/// The contributors of every output pixel along one axis: a run of source indices
/// `start ..< start + count` and their normalised weights (`taps` slots per output).
struct ResampleAxis {
    let taps: Int
    var starts: [Int]
    var counts: [Int]
    var weights: [Float]

    init(from inSize: Int, to outSize: Int) {
        let s = Double(inSize) / Double(outSize)
        let f = max(s, 1)
        let support = 3 * f
        // At most 2 * support + 1 indices j satisfy |j + 0.5 - c| < support.
        taps = Int((2 * support).rounded(.up)) + 1
        starts = [Int](repeating: 0, count: outSize)
        counts = [Int](repeating: 0, count: outSize)
        weights = [Float](repeating: 0, count: outSize * taps)
        var local = [Double](repeating: 0, count: taps)
        for i in 0 ..< outSize {
            let c = (Double(i) + 0.5) * s
            let first = max(0, Int((c - support - 0.5).rounded(.down)))
            let last = min(inSize - 1, Int((c + support - 0.5).rounded(.up)))
            var start = -1, count = 0, sum = 0.0
            if first <= last {
                for j in first ... last {
                    let d = Double(j) + 0.5 - c
                    guard abs(d) < support, count < taps else { continue }
                    if start < 0 { start = j }
                    let w = lanczos3(d / f)
                    local[count] = w
                    sum += w
                    count += 1
                }
            }
            if start < 0 || sum == 0 {
                // No usable taps: take the pixel under c (only a degenerate kernel gets here).
                starts[i] = min(max(Int(c), 0), inSize - 1)
                counts[i] = 1
                weights[i * taps] = 1
                continue
            }
            starts[i] = start
            counts[i] = count
            for k in 0 ..< count { weights[i * taps + k] = Float(local[k] / sum) }
        }
    }
}

func lanczos3(_ x: Double) -> Double {
    if x == 0 { return 1 }
    guard abs(x) < 3 else { return 0 }
    let px = Double.pi * x
    return 3 * sin(px) * sin(px / 3) / (px * px)
}

/// 1/255 steps, so premultiplying a pixel is four table reads and three multiplies.
private let unitTable: [Float] = (0 ... 255).map { Float($0) / 255 }

/// `image` resampled to `width x height` with lanczos3 (rows, then columns).
func resizeLanczos3(_ image: RGBA8Image, width outW: Int, height outH: Int) -> RGBA8Image {
    let srcW = image.width, srcH = image.height
    guard outW > 0, outH > 0, srcW > 0, srcH > 0,
          let blank = try? RGBA8Image(width: outW, height: outH) else { return image }
    let hAxis = ResampleAxis(from: srcW, to: outW)
    let vAxis = ResampleAxis(from: srcH, to: outH)
    // Horizontal pass: every source row to outW premultiplied pixels.
    var middle = [SIMD4<Float>](repeating: .zero, count: srcH * outW)
    var row = [SIMD4<Float>](repeating: .zero, count: srcW)
    image.withUnsafeSamples { src in
        unitTable.withUnsafeBufferPointer { unit in
            hAxis.weights.withUnsafeBufferPointer { hw in
                middle.withUnsafeMutableBufferPointer { mid in
                    row.withUnsafeMutableBufferPointer { rowBuf in
                        for y in 0 ..< srcH {
                            let base = y &* srcW &* 4
                            for x in 0 ..< srcW {
                                let p = base &+ x &* 4
                                let a = unit[Int(src[p &+ 3])]
                                rowBuf[x] = SIMD4(unit[Int(src[p])] * a, unit[Int(src[p &+ 1])] * a,
                                                  unit[Int(src[p &+ 2])] * a, a)
                            }
                            let out = y &* outW
                            for x in 0 ..< outW {
                                // start + count <= srcW by construction of the axis.
                                let start = hAxis.starts[x], wBase = x &* hAxis.taps
                                var acc = SIMD4<Float>.zero
                                for k in 0 ..< hAxis.counts[x] {
                                    acc += hw[wBase &+ k] * rowBuf[start &+ k]
                                }
                                mid[out &+ x] = acc
                            }
                        }
                    }
                }
            }
        }
    }
    // Vertical pass: each output row as a weighted sum of middle rows, then un-premultiply.
    var result = blank
    var accRow = [SIMD4<Float>](repeating: .zero, count: outW)
    result.withUnsafeMutableSamples { dst in
        middle.withUnsafeBufferPointer { mid in
            vAxis.weights.withUnsafeBufferPointer { vw in
                accRow.withUnsafeMutableBufferPointer { acc in
                    for y in 0 ..< outH {
                        for x in 0 ..< outW { acc[x] = .zero }
                        let start = vAxis.starts[y], wBase = y &* vAxis.taps
                        for k in 0 ..< vAxis.counts[y] {
                            let w = vw[wBase &+ k]
                            let line = (start &+ k) &* outW
                            for x in 0 ..< outW { acc[x] += w * mid[line &+ x] }
                        }
                        let out = y &* outW &* 4
                        for x in 0 ..< outW {
                            storePixel(acc[x], into: dst, at: out &+ x &* 4)
                        }
                    }
                }
            }
        }
    }
    return result
}

/// Un-premultiplies, clamps to [0, 1] and rounds to nearest (ties away from zero).
@inline(__always)
private func storePixel(_ v: SIMD4<Float>, into dst: UnsafeMutableBufferPointer<UInt8>, at i: Int) {
    let a = min(max(v.w, 0), 1)
    let alpha = UInt8(a * 255 + 0.5)
    guard alpha > 0 else {
        dst[i] = 0; dst[i &+ 1] = 0; dst[i &+ 2] = 0; dst[i &+ 3] = 0
        return
    }
    let c = v / v.w
    let clamped = c.clamped(lowerBound: .zero, upperBound: SIMD4(repeating: 1))
    dst[i] = UInt8(clamped.x * 255 + 0.5)
    dst[i &+ 1] = UInt8(clamped.y * 255 + 0.5)
    dst[i &+ 2] = UInt8(clamped.z * 255 + 0.5)
    dst[i &+ 3] = alpha
}
