import Testing
import RasterCore

@Suite struct DepthConversionTests {
    /// Every 16-bit value against round(v * 255 / 65535) computed with integers only:
    /// floor((2 * v * 255 + 65535) / (2 * 65535)) rounds halves up, which for
    /// non-negative values is "ties away from zero".
    @Test func narrowingRoundsToNearestForAll65536Values() {
        var mismatches = 0
        for v in 0 ... 65535 {
            let exact = (2 * v * 255 + 65535) / (2 * 65535)
            if Int(RGBA16.narrow(UInt16(v))) != exact { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func widenThenNarrowIsIdentity() {
        for v in 0 ... 255 {
            #expect(RGBA16.narrow(UInt16(v) * 257) == UInt8(v))
        }
    }

    @Test func imageNarrowingUsesTheSameRounding() throws {
        var samples = [UInt16]()
        for v in stride(from: 0, through: 65535, by: 1) { samples.append(UInt16(v)) }
        let image = try RGBA16Image(width: 128, height: 128, samples: samples)
        let narrowed = image.narrowed()
        #expect(narrowed.width == 128 && narrowed.height == 128)
        for i in 0 ..< samples.count {
            let exact = (2 * Int(samples[i]) * 255 + 65535) / (2 * 65535)
            if Int(narrowed.samples[i]) != exact { Issue.record("sample \(i)"); break }
        }
    }

    @Test func limitsRejectBeforeAllocation() {
        let limits = DecodeLimits(maxWidth: 1000, maxHeight: 1000, maxPixels: 10_000, maxBytes: 100_000)
        #expect(throws: LimitExceeded(cap: .width, requested: 50_000, limit: 1000)) {
            try limits.check(width: 50_000, height: 1, bytesPerPixel: 4)
        }
        #expect(throws: LimitExceeded(cap: .pixels, requested: 20_000, limit: 10_000)) {
            try limits.check(width: 200, height: 100, bytesPerPixel: 4)
        }
        #expect(throws: LimitExceeded(cap: .bytes, requested: 160_000, limit: 100_000)) {
            try limits.check(width: 100, height: 100, bytesPerPixel: 16)
        }
        #expect(throws: Never.self) { try limits.check(width: 100, height: 100, bytesPerPixel: 4) }
        #expect(throws: LimitExceeded.self) {
            try DecodeLimits.unlimited.check(width: Int.max, height: Int.max, bytesPerPixel: 4)
        }
    }
}
