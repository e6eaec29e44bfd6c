@testable import RasterJPEG
import Testing

/// The 16-lane colour conversion and fused fancy-upsampling kernels against libjpeg's
/// table arithmetic and the scalar upsamplers, on rows of every width from 1 to 80 and
/// some longer ones (so every position of the 16-pixel tail is covered).
@Suite struct ColorKernelTests {
    /// ycc_rgb_convert through libjpeg's tables (jdcolor.c), one pixel.
    static func reference(_ y: Int, _ cb: Int, _ cr: Int) -> (UInt8, UInt8, UInt8) {
        let l = Int32(y)
        let r = ColorConverter.clamp(l &+ ColorConverter.crToR[cr])
        let g = ColorConverter.clamp(l &+ ((ColorConverter.cbToG[cb] &+ ColorConverter.crToG[cr]) >> 16))
        let b = ColorConverter.clamp(l &+ ColorConverter.cbToB[cb])
        return (r, g, b)
    }

    /// A row buffer with the margins OutputStage gives its plane rows.
    final class Row {
        let storage: UnsafeMutablePointer<UInt8>
        let base: UnsafeMutablePointer<UInt8>
        init(_ count: Int) {
            storage = .allocate(capacity: count + 96)
            storage.initialize(repeating: 0x5A, count: count + 96)
            base = storage + 32
        }
        deinit { storage.deallocate() }
    }

    @Test func yccMatchesTablesOnEveryChromaPair() {
        let multipliers = UnsafeMutablePointer<ColorConverter.Multipliers>.allocate(capacity: 1)
        multipliers.initialize(to: .init())
        defer { multipliers.deallocate() }
        // Every (Cb, Cr) with 16 luma values spread over 0...255 (including both ends).
        let width = 16
        let y = Row(width), cb = Row(width), cr = Row(width), out = Row(width * 4)
        defer { withExtendedLifetime((y, cb, cr, out)) {} }  // used through raw pointers only
        for i in 0..<width { y.base[i] = UInt8(i * 17) }
        var mismatches = 0
        for b in 0..<256 {
            for r in 0..<256 {
                for i in 0..<width { cb.base[i] = UInt8(b); cr.base[i] = UInt8(r) }
                ColorConverter.yccRow(y.base, cb.base, cr.base, multipliers, width, out.base)
                for i in 0..<width {
                    let (er, eg, eb) = Self.reference(i * 17, b, r)
                    let o = out.base + 4 * i
                    if o[0] != er || o[1] != eg || o[2] != eb || o[3] != 255 { mismatches += 1 }
                }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func fusedUpsamplingMatchesScalarFilters() {
        let multipliers = UnsafeMutablePointer<ColorConverter.Multipliers>.allocate(capacity: 1)
        multipliers.initialize(to: .init())
        defer { multipliers.deallocate() }
        var state: UInt32 = 12345
        func next() -> UInt8 {
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
        let widths = Array(3...80) + [127, 128, 129, 255, 256, 257, 1000]
        var mismatches = 0
        for w in widths {
            for width in [2 * w - 1, 2 * w] {
                let rows = (0..<5).map { _ in Row(2 * w + 64) }
                for r in rows { for i in -16..<(2 * w + 48) { r.base[i] = next() } }
                for r in rows[1...4] { r.base[-1] = r.base[0]; r.base[w] = r.base[w - 1] }
                let up1 = Row(2 * w + 64), up2 = Row(2 * w + 64)
                let expected = Row(width * 4), actual = Row(width * 4 + 16)
                // Everything below reads these rows through raw pointers only; without this an
                // optimised build frees them after their last Swift use (ASan, release build).
                defer { withExtendedLifetime((rows, up1, up2, expected, actual)) {} }
                func compare() {
                    for i in 0..<(width * 4) where expected.base[i] != actual.base[i] { mismatches += 1 }
                    // Nothing written past the row.
                    for i in (width * 4)..<(width * 4 + 16) where actual.base[i] != 0x5A { mismatches += 1 }
                }
                let y = rows[0].base, cbN = rows[1].base, cbF = rows[2].base, crN = rows[3].base, crF = rows[4].base
                Upsample.fancyH2V2(cbN, cbF, w, up1.base)
                Upsample.fancyH2V2(crN, crF, w, up2.base)
                ColorConverter.yccRow(y, up1.base, up2.base, multipliers, width, expected.base)
                ColorConverter.yccRowH2V2(y, cbN, cbF, crN, crF, multipliers, width, actual.base)
                compare()
                Upsample.fancyH2V1(cbN, w, up1.base)
                Upsample.fancyH2V1(crN, w, up2.base)
                ColorConverter.yccRow(y, up1.base, up2.base, multipliers, width, expected.base)
                ColorConverter.yccRowH2V1(y, cbN, crN, multipliers, width, actual.base)
                compare()
                for bias in [Int16(1), 2] {
                    Upsample.fancyH1V2(cbN, cbF, bias: Int32(bias), width, up1.base)
                    Upsample.fancyH1V2(crN, crF, bias: Int32(bias), width, up2.base)
                    ColorConverter.yccRow(y, up1.base, up2.base, multipliers, width, expected.base)
                    ColorConverter.yccRowH1V2(y, cbN, cbF, crN, crF, bias: bias, multipliers, width, actual.base)
                    compare()
                }
                for i in 0..<width {
                    let v = y[i]
                    (expected.base + 4 * i).update(from: [v, v, v, 255], count: 4)
                }
                ColorConverter.grayRow(y, width, actual.base)
                compare()
                for i in 0..<width {
                    (expected.base + 4 * i).update(from: [y[i], cbN[i], crN[i], 255], count: 4)
                }
                ColorConverter.rgbRow(y, cbN, crN, width, actual.base)
                compare()
            }
        }
        #expect(mismatches == 0)
    }

    @Test func shortRowsThroughTheTailBuffer() {
        let multipliers = UnsafeMutablePointer<ColorConverter.Multipliers>.allocate(capacity: 1)
        multipliers.initialize(to: .init())
        defer { multipliers.deallocate() }
        for width in 1...17 {
            let y = Row(32), cb = Row(32), cr = Row(32), out = Row(width * 4 + 16)
            defer { withExtendedLifetime((y, cb, cr, out)) {} }  // used through raw pointers only
            for i in 0..<32 { y.base[i] = UInt8(i * 7); cb.base[i] = UInt8(255 - i * 5); cr.base[i] = UInt8(i * 8) }
            ColorConverter.yccRow(y.base, cb.base, cr.base, multipliers, width, out.base)
            for i in 0..<width {
                let (r, g, b) = Self.reference(i * 7, 255 - i * 5, i * 8)
                #expect(Array(UnsafeBufferPointer(start: out.base + 4 * i, count: 4)) == [r, g, b, 255])
            }
            #expect(out.base[width * 4] == 0x5A)
        }
    }
}
