import RasterCore
import RasterTestSupport

/// Seeded test images: random noise with alpha at its edges, and a "photo" of smooth
/// gradients with noise and a hard-edged transparent hole (whose hidden colours are junk).
enum TestImages {
    static let edgeAlphas: [Int] = [0, 1, 2, 3, 127, 128, 252, 253, 254, 255]

    static func random(width: Int, height: Int, maxLevel: Int, seed: UInt64) -> [Int] {
        var rng = SplitMix64(seed: seed)
        var s = [Int](repeating: 0, count: width * height * 4)
        for p in 0 ..< width * height {
            for c in 0 ..< 3 { s[p * 4 + c] = Int.random(in: 0 ... maxLevel, using: &rng) }
            let pick = Int.random(in: 0 ..< 3, using: &rng)
            let edge = edgeAlphas.randomElement(using: &rng) ?? 0
            s[p * 4 + 3] = pick == 0 ? Int.random(in: 0 ... maxLevel, using: &rng) : edge * maxLevel / 255
        }
        return s
    }

    static func photo(width: Int, height: Int, maxLevel: Int, seed: UInt64) -> [Int] {
        var rng = SplitMix64(seed: seed)
        var s = [Int](repeating: 0, count: width * height * 4)
        let m = Double(maxLevel)
        for y in 0 ..< height {
            for x in 0 ..< width {
                let p = (y * width + x) * 4
                let fx = Double(x) / Double(max(width - 1, 1)), fy = Double(y) / Double(max(height - 1, 1))
                let noise = { Double(Int.random(in: -6 ... 6, using: &rng)) / 255 }
                s[p] = Int((min(max(fx * 0.8 + 0.1 + noise(), 0), 1) * m).rounded())
                s[p + 1] = Int((min(max(fy * 0.7 + 0.2 + noise(), 0), 1) * m).rounded())
                s[p + 2] = Int((min(max((1 - fx) * fy + noise(), 0), 1) * m).rounded())
                // A hard-edged hole: alpha 0 inside (over random junk colours), then a
                // one-pixel faint rim, then opaque.
                let dx = fx - 0.4, dy = fy - 0.55
                let r2 = dx * dx + dy * dy
                if r2 < 0.04 {
                    s[p + 3] = 0
                    for c in 0 ..< 3 { s[p + c] = Int.random(in: 0 ... maxLevel, using: &rng) }
                } else if r2 < 0.05 {
                    s[p + 3] = maxLevel * [1, 2, 5, 40][Int.random(in: 0 ..< 4, using: &rng)] / 255
                } else {
                    s[p + 3] = maxLevel
                }
            }
        }
        return s
    }

    static func rgba8(_ s: [Int], width: Int, height: Int) throws -> RGBA8Image {
        try RGBA8Image(width: width, height: height, samples: s.map { UInt8($0) })
    }

    static func rgba16(_ s: [Int], width: Int, height: Int) throws -> RGBA16Image {
        try RGBA16Image(width: width, height: height, samples: s.map { UInt16($0) })
    }
}
