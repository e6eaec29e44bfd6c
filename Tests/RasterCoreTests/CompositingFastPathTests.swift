import Testing
import RasterCore
import RasterTestSupport

/// The specialised kernels (opaque source, transparent source, opaque destination, SIMD
/// blocks, solid fills, constant opacity) against the general per-pixel arithmetic.
@Suite struct CompositingFastPathTests {
    /// Random pixels with alpha drawn from `alphas` half the time, so fast-path cases
    /// (and runs of four that take the SIMD block) are frequent.
    static func image(_ w: Int, _ h: Int, alphas: [UInt8], rng: inout SplitMix64) throws -> RGBA8Image {
        var img = try RGBA8Image(width: w, height: h)
        let runLength = 1 + Int(rng.next() % 9)
        var current: UInt8 = 0
        img.withUnsafeMutableSamples { buf in
            for i in 0 ..< buf.count { buf[i] = UInt8(truncatingIfNeeded: rng.next()) }
            var p = 0
            while p < w * h {
                if p % runLength == 0 {
                    current = rng.next() % 2 == 0 ? alphas[Int(rng.next() % UInt64(alphas.count))]
                        : UInt8(truncatingIfNeeded: rng.next())
                }
                buf[p * 4 + 3] = current
                p += 1
            }
        }
        return img
    }

    static func general(_ op: CompositeOperator, _ src: RGBA8Image, _ dst: RGBA8Image, coverage: (Int, Int) -> UInt8) -> RGBA8Image {
        var out = dst
        for y in 0 ..< dst.height {
            for x in 0 ..< dst.width {
                out[x, y] = op.blend(src[x, y], onto: dst[x, y], coverage: coverage(x, y))
            }
        }
        return out
    }

    @Test(arguments: CompositeOperator.allCases)
    func kernelsMatchTheGeneralPathOnRandomData(op: CompositeOperator) throws {
        var rng = SplitMix64(seed: 42 &+ UInt64(op.rawValue.utf8.count))
        for trial in 0 ..< 12 {
            let w = 1 + Int(rng.next() % 37), h = 1 + Int(rng.next() % 9)
            let src = try Self.image(w, h, alphas: [0, 255], rng: &rng)
            let dst = try Self.image(w, h, alphas: trial % 2 == 0 ? [255] : [0, 255], rng: &rng)
            var out = dst
            out.draw(src, operator: op)
            #expect(out == Self.general(op, src, dst) { _, _ in 255 }, "full \(trial)")

            let m = [0, 1, 128, 254, UInt8(truncatingIfNeeded: rng.next())][trial % 5]
            out = dst
            out.draw(src, operator: op, coverage: .opacity(m))
            #expect(out == Self.general(op, src, dst) { _, _ in m }, "opacity \(m)")

            let values = (0 ..< w * h).map { _ in [0, 255, UInt8(truncatingIfNeeded: rng.next())][Int(rng.next() % 3)] }
            let mask = try CoverageMask(width: w, height: h, values: values)
            out = dst
            out.draw(src, operator: op, coverage: .mask(mask))
            #expect(out == Self.general(op, src, dst) { x, y in mask[x, y] }, "mask \(trial)")

            let colour = src[0, 0]
            out = dst
            out.fill(dst.bounds, with: colour, operator: op)
            let solid = try RGBA8Image(width: w, height: h, fill: colour)
            #expect(out == Self.general(op, solid, dst) { _, _ in 255 }, "fill \(trial)")
        }
    }

    /// The benchmark's case: src-over onto an opaque destination, wide enough for the SIMD
    /// blocks and their scalar tails, every source alpha.
    @Test func srcOverOntoOpaqueDestinationMatchesTheGeneralPath() throws {
        var rng = SplitMix64(seed: 1)
        let src = try Self.image(259, 17, alphas: [0, 255, 1, 254, 128], rng: &rng)
        var dst = try Self.image(259, 17, alphas: [255], rng: &rng)
        dst.withUnsafeMutableSamples { buf in
            var i = 3
            while i < buf.count { buf[i] = 255; i += 4 }
        }
        var out = dst
        out.draw(src)
        #expect(out == Self.general(.srcOver, src, dst) { _, _ in 255 })
        out = dst
        out.draw(src, coverage: .opacity(128))
        #expect(out == Self.general(.srcOver, src, dst) { _, _ in 128 })

        // Long runs of opaque and clear source pixels (whole 16-pixel steps copied or
        // blended), and destination rows that are opaque except for a few pixels.
        var runs = src
        var holes = dst
        runs.withUnsafeMutableSamples { buf in
            for p in 0 ..< 259 * 17 {
                let x = p % 259
                buf[p * 4 + 3] = x < 80 ? 255 : (x < 160 ? 0 : buf[p * 4 + 3])
            }
        }
        holes.withUnsafeMutableSamples { buf in
            for p in stride(from: 0, to: 259 * 17, by: 37) { buf[p * 4 + 3] = UInt8(p % 251) }
        }
        out = holes
        out.draw(runs)
        #expect(out == Self.general(.srcOver, runs, holes) { _, _ in 255 })
    }

    /// The watermark kernel: every coverage value, every source alpha, onto opaque pixels,
    /// against the rational reference.
    @Test func constantCoverageOntoOpaqueMatchesTheReference() throws {
        var rng = SplitMix64(seed: 128)
        var src = try RGBA8Image(width: 256, height: 2)
        var dst = try RGBA8Image(width: 256, height: 2)
        src.withUnsafeMutableSamples { buf in
            for i in 0 ..< buf.count { buf[i] = i % 4 == 3 ? UInt8((i / 4) % 256) : UInt8(truncatingIfNeeded: rng.next()) }
        }
        dst.withUnsafeMutableSamples { buf in
            for i in 0 ..< buf.count { buf[i] = i % 4 == 3 ? 255 : UInt8(truncatingIfNeeded: rng.next()) }
        }
        var mismatches = 0
        for m in 0 ... 255 {
            var out = dst
            out.draw(src, coverage: .opacity(UInt8(m)))
            for y in 0 ..< 2 {
                for x in 0 ..< 256
                where out[x, y] != CompositingReference.blend(.srcOver, src[x, y], dst[x, y], coverage: UInt8(m)) {
                    mismatches += 1
                }
            }
        }
        #expect(mismatches == 0)
    }
}
