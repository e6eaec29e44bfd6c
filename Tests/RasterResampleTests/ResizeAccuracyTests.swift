import Testing
import RasterCore
@testable import RasterResample

/// Every filter against the exact reference: at most 1 off in any channel, and equal on
/// (far) more than 99% of pixels, on random images with edge alpha values and on a
/// photo-like image with a hard-edged transparent hole.
@Suite struct ResizeAccuracyTests {
    static let filters = ResampleFilter.allCases
    /// Source 41x29 to: smaller, larger, mixed, one pixel wide or high, one pixel.
    static let targets: [(Int, Int)] = [(16, 11), (97, 61), (20, 70), (1, 29), (41, 1), (1, 1), (13, 29), (41, 40)]

    static func check8(_ samples: [Int], _ w: Int, _ h: Int, to tw: Int, _ th: Int, _ filter: ResampleFilter,
                       linear: Bool = false, minimumExactShare: Double = 0.995) throws -> Agreement {
        let image = try TestImages.rgba8(samples, width: w, height: h)
        let out = try image.resized(width: tw, height: th, filter: filter, linearLight: linear)
        #expect(out.width == tw && out.height == th)
        let reference = ResampleReference.resize(samples, width: w, height: h, maxLevel: 255, to: tw, th,
                                                 filter: filter, linear: linear)
        let agreement = Agreement(out.samples.map(Int.init), reference)
        #expect(agreement.maxDifference <= 1, "\(filter) \(w)x\(h) -> \(tw)x\(th) linear \(linear): \(agreement)")
        #expect(agreement.exactShare >= minimumExactShare, "\(filter) \(w)x\(h) -> \(tw)x\(th) linear \(linear): \(agreement)")
        return agreement
    }

    @Test(arguments: filters)
    func randomImagesWithEdgeAlpha(_ filter: ResampleFilter) throws {
        let (w, h) = (41, 29)
        let samples = TestImages.random(width: w, height: h, maxLevel: 255, seed: 1)
        var total = 0, exact = 0
        for (tw, th) in Self.targets {
            let a = try Self.check8(samples, w, h, to: tw, th, filter)
            total += a.pixels
            exact += a.exactPixels
        }
        // Over all sizes, far above the contract's 99%.
        #expect(Double(exact) / Double(total) >= 0.999, "\(filter): \(exact)/\(total) exact")
    }

    @Test(arguments: filters)
    func photoWithHardAlphaEdges(_ filter: ResampleFilter) throws {
        let (w, h) = (120, 90)
        let samples = TestImages.photo(width: w, height: h, maxLevel: 255, seed: 2)
        for (tw, th) in [(32, 24), (256, 192), (60, 45), (7, 90), (120, 89)] {
            _ = try Self.check8(samples, w, h, to: tw, th, filter, minimumExactShare: 0.999)
        }
    }

    /// Opaque images take the straight-value path (no premultiply, no division); ties on
    /// dyadic weights (box and triangle at half size) are decided there, the rest as before.
    @Test(arguments: filters)
    func opaqueImages(_ filter: ResampleFilter) throws {
        let (w, h) = (64, 48)
        var photo = TestImages.photo(width: w, height: h, maxLevel: 255, seed: 8)
        var noise = TestImages.random(width: w, height: h, maxLevel: 255, seed: 9)
        for i in stride(from: 3, to: photo.count, by: 4) { photo[i] = 255; noise[i] = 255 }
        for (tw, th) in [(32, 24), (16, 12), (21, 17), (64, 48), (100, 75), (1, 48), (64, 1)] {
            let a = try Self.check8(photo, w, h, to: tw, th, filter, minimumExactShare: 0.999)
            let b = try Self.check8(noise, w, h, to: tw, th, filter, minimumExactShare: 0.999)
            if (filter == .box || filter == .triangle || filter == .nearest) && tw * 2 >= w && th * 2 >= h {
                #expect(a.exactShare == 1 && b.exactShare == 1, "\(filter) -> \(tw)x\(th): \(a) \(b)")
            }
        }
    }

    @Test(arguments: filters)
    func linearLight(_ filter: ResampleFilter) throws {
        let (w, h) = (60, 45)
        let photo = TestImages.photo(width: w, height: h, maxLevel: 255, seed: 3)
        let noise = TestImages.random(width: w, height: h, maxLevel: 255, seed: 4)
        for (tw, th) in [(17, 13), (131, 77), (60, 45)] {
            _ = try Self.check8(photo, w, h, to: tw, th, filter, linear: true, minimumExactShare: 0.999)
            _ = try Self.check8(noise, w, h, to: tw, th, filter, linear: true)
        }
    }

    @Test(arguments: filters)
    func sixteenBit(_ filter: ResampleFilter) throws {
        let (w, h) = (33, 21)
        for (linear, samples) in [(false, TestImages.random(width: w, height: h, maxLevel: 65535, seed: 5)),
                                  (false, TestImages.photo(width: w, height: h, maxLevel: 65535, seed: 6)),
                                  (true, TestImages.photo(width: w, height: h, maxLevel: 65535, seed: 7))] {
            let image = try TestImages.rgba16(samples, width: w, height: h)
            for (tw, th) in [(10, 7), (70, 50), (1, 21), (33, 1)] {
                let out = try image.resized(width: tw, height: th, filter: filter, linearLight: linear)
                let reference = ResampleReference.resize(samples, width: w, height: h, maxLevel: 65535, to: tw, th,
                                                         filter: filter, linear: linear)
                let a = Agreement(out.samples.map(Int.init), reference)
                #expect(a.maxDifference <= 1, "\(filter) 16-bit -> \(tw)x\(th) linear \(linear): \(a)")
                #expect(a.exactShare >= 0.999, "\(filter) 16-bit -> \(tw)x\(th) linear \(linear): \(a)")
            }
        }
    }

    /// Reductions with the vertical pass forced to scatter (normally it only does for very tall
    /// windows over wide outputs, which are too big for a debug-built test).
    @Test(arguments: filters)
    func scatteringVerticalPass(_ filter: ResampleFilter) throws {
        let (w, h) = (30, 200)
        let samples = TestImages.photo(width: w, height: h, maxLevel: 255, seed: 21)
        let image = try TestImages.rgba8(samples, width: w, height: h)
        for (tw, th) in [(30, 7), (11, 1), (45, 64), (30, 199)] {
            let out = try image.resized(width: tw, height: th, filter: filter, linearLight: false, limits: .default, gatherLimit: 0)
            let reference = ResampleReference.resize(samples, width: w, height: h, maxLevel: 255, to: tw, th,
                                                     filter: filter, linear: false)
            let a = Agreement(out.samples.map(Int.init), reference)
            #expect(a.maxDifference <= 1 && a.exactShare >= 0.999, "\(filter) -> \(tw)x\(th): \(a)")
        }
    }

    @Test(arguments: filters)
    func hugeRatioReductions(_ filter: ResampleFilter) throws {
        for (w, h, tw, th) in [(3000, 2, 3, 1), (2, 3000, 1, 2), (2500, 1, 1, 1), (1, 2500, 1, 7), (1500, 3, 2, 3)] {
            let samples = TestImages.random(width: w, height: h, maxLevel: 255, seed: UInt64(w + h))
            _ = try Self.check8(samples, w, h, to: tw, th, filter, minimumExactShare: 0.99)
        }
    }
}

/// A linear alpha ramp sampled between pixels puts the resampled alpha exactly on a half
/// level for every symmetric window, with any kernel (the weights cancel: each mirrored
/// pair averages to the centre value); the contract rounds those halves up. A `Double`
/// reference cannot decide them for lanczos3, so the expected alpha is written down directly.
@Suite struct AlphaRampTests {
    @Test(arguments: ResampleFilter.allCases)
    func rampHalvesRoundAwayFromZero(_ filter: ResampleFilter) throws {
        let (w, h) = (64, 8)
        // Alpha 100 + x (pixel centre x + 1/2), so at position c the ramp is 100 + c - 1/2.
        var samples = [Int](repeating: 0, count: w * h * 4)
        for y in 0 ..< h {
            for x in 0 ..< w {
                let p = (y * w + x) * 4
                samples[p] = (x * 37 + y * 11) % 256; samples[p + 1] = (x * 5) % 256; samples[p + 2] = 200
                samples[p + 3] = 100 + x
            }
        }
        let image = try TestImages.rgba8(samples, width: w, height: h)
        for (tw, th) in [(32, 4), (16, 8), (8, 2)] {
            let out = try image.resized(width: tw, height: th, filter: filter)
            let s = w / tw
            let radius = [ResampleFilter.nearest: 0, .box: 1, .triangle: 1, .catmullRom: 2, .mitchell: 2, .lanczos3: 3][filter] ?? 3
            for i in 0 ..< tw {
                let twiceC = (2 * i + 1) * s                    // 2c, an even number here
                // Interior windows only (edge windows are clipped, hence not symmetric).
                guard twiceC / 2 - radius * s >= 0, twiceC / 2 + radius * s <= w else { continue }
                let expected = filter == .nearest ? 100 + twiceC / 2 : 100 + twiceC / 2   // 100 + c - 1/2, rounded up
                for y in 0 ..< th {
                    #expect(Int(out[i, y].a) == expected, "\(filter) -> \(tw)x\(th) column \(i)")
                }
            }
            let reference = ResampleReference.resize(samples, width: w, height: h, maxLevel: 255, to: tw, th,
                                                     filter: filter, linear: false)
            let a = Agreement(out.samples.map(Int.init), reference)
            #expect(a.maxDifference <= 1, "\(filter) -> \(tw)x\(th): \(a)")
        }
    }
}
