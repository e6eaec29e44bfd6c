import Testing
@testable import RasterCore

@Suite struct GeometryTests {
    @Test func intersectionNearIntLimitsNeverOverflows() {
        let extremes = [Int.min, Int.min + 1, -1, 0, 1, Int.max - 1, Int.max]
        for x in extremes {
            for w in extremes {
                let a = Rect(x: x, y: x, width: w, height: w)
                let b = Rect(x: 0, y: 0, width: 100, height: 100)
                let r = a.intersection(b)
                #expect(r.isEmpty || (r.x >= 0 && r.maxX <= 100 && r.width <= 100))
                let huge = Rect(x: Int.min, y: Int.min, width: Int.max, height: Int.max)
                _ = a.intersection(huge)
            }
        }
    }

    @Test func saturatingEdges() {
        let r = Rect(x: Int.max - 1, y: 0, width: 10, height: 1)
        #expect(r.maxX == Int.max)
        #expect(Int.max.saturatingAdding(1) == Int.max)
        #expect(Int.min.saturatingSubtracting(1) == Int.min)
    }

    @Test func intersectionIsSymmetric() {
        let a = Rect(x: -5, y: 2, width: 20, height: 3)
        let b = Rect(x: 3, y: -1, width: 4, height: 10)
        #expect(a.intersection(b) == b.intersection(a))
        #expect(a.intersection(b) == Rect(x: 3, y: 2, width: 4, height: 3))
    }
}
