import Foundation
import Testing
import RasterCore
import RasterTestSupport
@testable import RasterResample

/// Identity sizes, nearest, errors and limits, and the tables the passes are built from.
@Suite struct ResizeBehaviourTests {
    @Test(arguments: [ResampleFilter.nearest, .box, .triangle, .catmullRom, .lanczos3])
    func identitySizeIsExactForInterpolatingFilters(_ filter: ResampleFilter) throws {
        let (w, h) = (23, 17)
        let samples = TestImages.random(width: w, height: h, maxLevel: 255, seed: 11)
        let image = try TestImages.rgba8(samples, width: w, height: h)
        for linear in [false, true] {
            let out = try image.resized(width: w, height: h, filter: filter, linearLight: linear)
            // Every pixel comes back; a pixel with alpha 0 comes back as (0, 0, 0, 0), except
            // under nearest, which copies pixels whole.
            var expected = samples
            if filter != .nearest {
                for p in 0 ..< w * h where samples[p * 4 + 3] == 0 { for c in 0 ..< 4 { expected[p * 4 + c] = 0 } }
            }
            #expect(out.samples.map(Int.init) == expected, "\(filter) linear \(linear)")
        }
        var deepSamples = TestImages.photo(width: w, height: h, maxLevel: 65535, seed: 12)
        let deep = try TestImages.rgba16(deepSamples, width: w, height: h)
        if filter != .nearest {
            for p in 0 ..< w * h where deepSamples[p * 4 + 3] == 0 { for c in 0 ..< 4 { deepSamples[p * 4 + c] = 0 } }
        }
        #expect(try deep.resized(width: w, height: h, filter: filter).samples.map(Int.init) == deepSamples)
    }

    @Test func nearestPicksThePixelUnderTheSamplePoint() throws {
        let image = try RGBA8Image(width: 5, height: 1) { p in for i in 0 ..< 5 { p[i * 4] = UInt8(i); p[i * 4 + 3] = 255 } }
        // c = (i + 1/2) * 5 / 2 = 1.25, 3.75 -> pixels 1 and 3.
        let out = try image.resized(width: 2, height: 1, filter: .nearest)
        #expect(out[0, 0].r == 1 && out[1, 0].r == 3)
        // Enlarging 5 -> 12: floor((2i + 1) * 5 / 24).
        let wide = try image.resized(width: 12, height: 1, filter: .nearest)
        #expect((0 ..< 12).map { Int(wide[$0, 0].r) } == (0 ..< 12).map { (2 * $0 + 1) * 5 / 24 })
    }

    @Test func uniformImagesStayUniform() throws {
        for filter in ResampleFilter.allCases {
            let image = try RGBA8Image(width: 31, height: 7, fill: RGBA8(r: 9, g: 200, b: 77, a: 3))
            let out = try image.resized(width: 5, height: 40, filter: filter)
            #expect(out == (try RGBA8Image(width: 5, height: 40, fill: RGBA8(r: 9, g: 200, b: 77, a: 3))), "\(filter)")
        }
    }

    @Test func badSizesAndLimitsThrowBeforeAllocating() throws {
        let image = try RGBA8Image(width: 4, height: 4, fill: .white)
        #expect(throws: ResampleError.invalidSize(width: 0, height: 4)) { try image.resized(width: 0, height: 4) }
        #expect(throws: ResampleError.invalidSize(width: 3, height: -1)) { try image.resized(width: 3, height: -1) }
        let empty = try RGBA8Image(width: 0, height: 5)
        #expect(throws: ResampleError.emptySource(width: 0, height: 5)) { try empty.resized(width: 3, height: 3) }
        // 10^9 x 10^9 must be refused by the limits, not attempted.
        do {
            _ = try image.resized(width: 1_000_000_000, height: 1_000_000_000)
            Issue.record("a 10^18-pixel resize was not refused")
        } catch {
            #expect(error.kind == .limitExceeded)
        }
        do {
            _ = try image.resized(width: 300, height: 300, limits: DecodeLimits(maxPixels: 1000))
            Issue.record("maxPixels was not enforced")
        } catch {
            guard case let .limitExceeded(limit) = error else { Issue.record("wrong error \(error)"); return }
            #expect(limit.cap == .pixels)
        }
        #expect(ResampleError.invalidSize(width: 0, height: 1).kind == .invalidArgument)
        #expect(String(describing: ResampleError.invalidSize(width: 0, height: nil)).contains("0x"))
    }

    @Test func filterNamesAreTheContracts() {
        #expect(ResampleFilter.allCases.map(\.name) == ["nearest", "box", "triangle", "catmull-rom", "mitchell", "lanczos3"])
        for f in ResampleFilter.allCases { #expect(ResampleFilter(name: f.name) == f) }
        #expect(ResampleFilter(name: "bicubic") == nil)
    }

    @Test func kernelMathMatchesTheCLibrary() {
        var x = -3.0
        while x <= 3.0 {
            #expect(abs(KernelMath.sinPi(x) - sin(Double.pi * x)) < 1e-14, "sinPi(\(x))")
            x += 0.0137
        }
        for k in -3 ... 3 { #expect(KernelMath.sinPi(Double(k)) == 0) }
        for i in 1 ... 1000 {
            let b = Double(i) / 1000
            #expect(abs(KernelMath.pow2point4(b) - pow(b, 2.4)) <= 1e-14 * pow(b, 2.4), "pow(\(b), 2.4)")
        }
    }

    @Test func srgbEncodeByThresholdsRoundsToNearest() {
        let t = TransferTables.linear8
        let thresholds = t.thresholds ?? []
        thresholds.withUnsafeBufferPointer { th in
            for v in 0 ... 255 {
                // Decoding a level and encoding it again gives the level back.
                #expect(t.level(t.decode[v], th.baseAddress) == v)
            }
            var rng = SplitMix64(seed: 3)
            for _ in 0 ..< 2000 {
                let l = Double(rng.next() % 1_000_000) / 1_000_000
                let e = l <= 0.0031308 ? 12.92 * l : 1.055 * pow(l, 1 / 2.4) - 0.055
                let expected = Int((e * 255 + 0.5).rounded(.down))
                let got = t.level(l * 255, th.baseAddress)
                // Equal except within 1e-9 of a half level, where the two formulas may differ.
                if abs(e * 255 - (Double(expected) - 0.5)) > 1e-9 { #expect(got == expected, "L = \(l)") }
            }
        }
    }

    @Test func tapSelectionIsExactAtWindowEdges() {
        // Box 5 -> 2: c = 1.25 and 3.75, f = 2.5, half-width 1.25: pixel 2 sits exactly on the
        // edge of both windows (|2.5 - 1.25| = 1.25, not < 1.25) and is in neither.
        let box = AxisContributions(filter: .box, inCount: 5, outCount: 2, trimZeros: false)
        #expect(box.starts == [0, 3] && box.counts == [2, 2])
        // Box enlarging 1 -> 2: c = 0.25 and 0.75 both take pixel 0 with weight 1.
        let up = AxisContributions(filter: .box, inCount: 1, outCount: 2, trimZeros: false)
        #expect(up.starts == [0, 0] && up.weights == [1, 1])
        // Weights of every output pixel sum to 1.
        for filter in ResampleFilter.allCases where filter != .nearest {
            let a = AxisContributions(filter: filter, inCount: 97, outCount: 13, trimZeros: true)
            for i in 0 ..< 13 {
                let sum = (0 ..< a.counts[i]).reduce(0.0) { $0 + a.weights[i * a.maxTaps + $1] }
                #expect(abs(sum - 1) < 1e-12)
                #expect(a.starts[i] >= 0 && a.starts[i] + a.counts[i] <= 97)
            }
        }
    }
}

