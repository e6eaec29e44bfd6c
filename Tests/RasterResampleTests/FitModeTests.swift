import Testing
import RasterCore
@testable import RasterResample

/// The output size rule of every fit mode, and that fitting crops where it says.
@Suite struct FitModeTests {
    let source = PixelSize(width: 400, height: 300)

    func size(_ mode: FitMode, _ w: Int?, _ h: Int?, from s: PixelSize? = nil) throws -> PixelSize {
        try mode.fittedSize(source: s ?? source, target: FitTarget(width: w, height: h))
    }

    @Test func fillGivesExactlyTheTarget() throws {
        #expect(try size(.fill, 100, 100) == PixelSize(width: 100, height: 100))
        #expect(try size(.fill, 1, 999) == PixelSize(width: 1, height: 999))
    }

    @Test func oneSideKeepsTheAspectRatioRoundedToNearest() throws {
        for mode in [FitMode.fill, .contain, .cover] {
            #expect(try size(mode, 256, nil) == PixelSize(width: 256, height: 192))
            #expect(try size(mode, nil, 100) == PixelSize(width: 133, height: 100))       // 133.33
            #expect(try size(mode, nil, 3) == PixelSize(width: 4, height: 3))             // exactly 4
            #expect(try size(mode, 2, nil) == PixelSize(width: 2, height: 2))             // 1.5 rounds up
            #expect(try size(mode, 1, nil, from: PixelSize(width: 5000, height: 2)) == PixelSize(width: 1, height: 1)) // at least 1
        }
    }

    @Test func containFitsInsideCoverCovers() throws {
        #expect(try size(.contain, 100, 100) == PixelSize(width: 100, height: 75))
        #expect(try size(.contain, 1000, 100) == PixelSize(width: 133, height: 100))
        #expect(try size(.cover, 100, 100) == PixelSize(width: 100, height: 100))
        let plan = try FitMode.cover.plan(source: source, target: FitTarget(width: 100, height: 100))
        #expect(plan.scaled == PixelSize(width: 133, height: 100))
        #expect(plan.crop == Rect(x: 16, y: 0, width: 100, height: 100))
        let tall = try FitMode.cover.plan(source: source, target: FitTarget(width: 40, height: 200))
        #expect(tall.scaled == PixelSize(width: 267, height: 200))
        #expect(tall.crop == Rect(x: 113, y: 0, width: 40, height: 200))
    }

    @Test func cropCutsTheCentreWithoutResampling() throws {
        #expect(try size(.crop, 100, 50) == PixelSize(width: 100, height: 50))
        #expect(try size(.crop, 1000, 50) == PixelSize(width: 400, height: 50))
        #expect(try size(.crop, nil, 10) == PixelSize(width: 400, height: 10))
        let image = try RGBA8Image(width: 6, height: 4) { p in for i in 0 ..< 24 { p[i * 4] = UInt8(i); p[i * 4 + 3] = 255 } }
        let cut = try image.resized(toFit: FitTarget(width: 2, height: 2), mode: .crop)
        #expect(cut == image.cropped(to: Rect(x: 2, y: 1, width: 2, height: 2)))
    }

    @Test func fittingResamplesThenCrops() throws {
        let image = try RGBA8Image(width: 40, height: 30) { p in for i in 0 ..< p.count { p[i] = UInt8(truncatingIfNeeded: i &* 7) } }
        let covered = try image.resized(toFit: FitTarget(width: 10, height: 10), mode: .cover, filter: .triangle)
        let expected = try image.resized(width: 13, height: 10, filter: .triangle).cropped(to: Rect(x: 1, y: 0, width: 10, height: 10))
        #expect(covered == expected)
        let contained = try image.resized(toFit: FitTarget(width: 10, height: 10), mode: .contain)
        #expect(contained.width == 10 && contained.height == 8)
    }

    @Test func badTargetsAreInvalidArguments() throws {
        for (w, h) in [(nil, nil), (0, 10), (10, -1), (nil, 0)] as [(Int?, Int?)] {
            #expect(throws: ResampleError.invalidSize(width: w, height: h)) { try size(.contain, w, h) }
        }
        #expect(throws: ResampleError.self) { try size(.fill, 10, 10, from: PixelSize(width: 0, height: 3)) }
        #expect(FitMode(name: "cover") == .cover && FitMode(name: "stretch") == nil)
    }
}
