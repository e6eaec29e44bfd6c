import Testing
import RasterCore

@Suite struct RGBA8ImageTests {
    @Test func valueSemanticsUnderMutationOfACopy() throws {
        var a = try RGBA8Image(width: 3, height: 2, fill: .white)
        let snapshot = a
        var b = a
        b[1, 1] = RGBA8(r: 1, g: 2, b: 3, a: 4)
        #expect(a == snapshot)
        #expect(b[1, 1] == RGBA8(r: 1, g: 2, b: 3, a: 4))
        #expect(a[1, 1] == .white)
        a.withUnsafeMutableSamples { $0[0] = 7 }
        #expect(b[0, 0] == .white)
        #expect(a[0, 0].r == 7)
    }

    @Test func pixelsOutsideReadAsTransparentAndIgnoreWrites() throws {
        var image = try RGBA8Image(width: 2, height: 2, fill: .black)
        let before = image
        for (x, y) in [(-1, 0), (0, -1), (2, 0), (0, 2), (Int.min, Int.max), (Int.max, Int.min)] {
            #expect(image[x, y] == .transparent)
            image[x, y] = .white
        }
        #expect(image == before)
    }

    @Test func invalidSizesThrowInsteadOfTrapping() {
        #expect(throws: ImageError.negativeDimensions(width: -1, height: 4)) { try RGBA8Image(width: -1, height: 4) }
        #expect(throws: ImageError.sizeOverflow(width: Int.max, height: 2)) { try RGBA8Image(width: Int.max, height: 2) }
        #expect(throws: ImageError.sizeOverflow(width: 1 << 31, height: 1 << 31)) {
            try RGBA8Image(width: 1 << 31, height: 1 << 31)
        }
        #expect(throws: ImageError.bufferSizeMismatch(expected: 16, actual: 3)) {
            try RGBA8Image(width: 2, height: 2, samples: [1, 2, 3])
        }
    }

    @Test func zeroSizedImagesAreValid() throws {
        let image = try RGBA8Image(width: 0, height: 5)
        #expect(image.isEmpty)
        #expect(image.samples.isEmpty)
    }

    private func numbered(width: Int, height: Int) throws -> RGBA8Image {
        var image = try RGBA8Image(width: width, height: height)
        for y in 0 ..< height {
            for x in 0 ..< width { image[x, y] = RGBA8(r: UInt8(x), g: UInt8(y), b: 9, a: 255) }
        }
        return image
    }

    @Test func cropInsideKeepsPixels() throws {
        let image = try numbered(width: 10, height: 8)
        let crop = image.cropped(to: Rect(x: 2, y: 3, width: 4, height: 2))
        #expect(crop.width == 4 && crop.height == 2)
        #expect(crop[0, 0] == image[2, 3])
        #expect(crop[3, 1] == image[5, 4])
    }

    @Test(arguments: [
        (Rect(x: -3, y: -2, width: 5, height: 4), Rect(x: 0, y: 0, width: 2, height: 2)),
        (Rect(x: 8, y: 6, width: 10, height: 10), Rect(x: 8, y: 6, width: 2, height: 2)),
        (Rect(x: -5, y: 3, width: 100, height: 1), Rect(x: 0, y: 3, width: 10, height: 1)),
        (Rect(x: Int.min, y: Int.min, width: Int.max, height: Int.max), Rect.empty),
        (Rect(x: 5, y: 5, width: Int.max, height: Int.max), Rect(x: 5, y: 5, width: 5, height: 3)),
    ])
    func cropPartlyOutsideClips(rect: Rect, expected: Rect) throws {
        let image = try numbered(width: 10, height: 8)
        let crop = image.cropped(to: rect)
        #expect(crop.width == expected.width && crop.height == expected.height)
        if !expected.isEmpty {
            #expect(crop[0, 0] == image[expected.x, expected.y])
            #expect(crop[expected.width - 1, expected.height - 1]
                == image[expected.maxX - 1, expected.maxY - 1])
        }
    }

    @Test(arguments: [
        Rect(x: 10, y: 0, width: 3, height: 3),
        Rect(x: -3, y: 0, width: 3, height: 3),
        Rect(x: 0, y: 8, width: 3, height: 3),
        Rect(x: Int.max, y: Int.max, width: Int.max, height: Int.max),
        Rect(x: 2, y: 2, width: -4, height: 3),
        Rect(x: 2, y: 2, width: 0, height: 0),
    ])
    func cropWhollyOutsideIsEmpty(rect: Rect) throws {
        let crop = try numbered(width: 10, height: 8).cropped(to: rect)
        #expect(crop.isEmpty)
        #expect(crop.samples.isEmpty)
    }
}
