import RasterCore
import RasterJPEG
import RasterTestSupport
import Testing

/// Damaged input: every truncation point and thousands of byte flips end in an image or a
/// typed error (never a trap or a hang); lenient mode says where the damage is.
@Suite struct DecodeRobustnessTests {
    static let files = ["restart_rows_420.jpg", "prog_420.jpg", "prog_custom.jpg", "gray.jpg"]

    /// Decodes in both modes; returns the strict outcome.
    @discardableResult
    func decodeBothModes(_ bytes: [UInt8]) -> Result<JPEGImage, JPEGError> {
        let strict = Result { () throws(JPEGError) in try JPEGDecoder.decode(bytes) }
        let lenient = Result { () throws(JPEGError) in try JPEGDecoder.decode(bytes, options: .init(lenient: true)) }
        // Lenient never fails where strict succeeds, and agrees with it on intact data.
        if case .success(let a) = strict {
            if case .success(let b) = lenient { #expect(a.pixels == b.pixels) } else { Issue.record("lenient failed where strict decoded") }
        }
        return strict
    }

    @Test(arguments: files)
    func everyTruncationEndsCleanly(_ name: String) throws {
        let bytes = try TestPaths.fixture("jpeg/" + name)
        let full = try JPEGDecoder.decode(bytes)
        // The end of the last scan: cutting anywhere before it loses image data.
        var kinds: [ErrorKind: Int] = [:]
        for n in 0..<bytes.count {
            switch decodeBothModes(Array(bytes[0..<n])) {
            case .success(let image):
                // Only the EOI marker (or its last byte) may be missing from an image that
                // still decodes in strict mode, and then it is the whole image.
                #expect(n >= bytes.count - 2, "cut at \(n) of \(bytes.count) decoded")
                #expect(image.pixels == full.pixels)
            case .failure(let error):
                kinds[error.kind, default: 0] += 1
                #expect(error.kind == .truncated || error.kind == .corrupt, "cut at \(n): \(error)")
            }
        }
        print("\(name): \(bytes.count) truncation points, errors by kind \(kinds)")
    }

    @Test(arguments: files)
    func byteFlipsEndCleanly(_ name: String) throws {
        let bytes = try TestPaths.fixture("jpeg/" + name)
        var rng = SplitMix64(seed: 0x1BADB002)
        var images = 0, errors = 0
        for _ in 0..<1500 {
            var damaged = bytes
            let flips = Int(rng.next() % 3) + 1
            for _ in 0..<flips {
                let at = Int(rng.next() % UInt64(bytes.count))
                damaged[at] = rng.next() % 2 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : damaged[at] ^ (1 << UInt8(rng.next() % 8))
            }
            switch decodeBothModes(damaged) {
            case .success: images += 1
            case .failure(let error): errors += 1; #expect(!error.description.isEmpty)
            }
        }
        print("\(name): 1500 damaged copies, \(images) images, \(errors) typed errors")
        #expect(images + errors == 1500)
    }

    @Test func lenientTruncatedBaselineIsGreyBelowTheDamage() throws {
        let bytes = try TestPaths.fixture("jpeg/sample_420.jpg")
        let cut = Array(bytes[0..<(bytes.count * 2 / 3)])
        #expect(throws: JPEGError.self) { try JPEGDecoder.decode(cut) }
        let image = try JPEGDecoder.decode(cut, options: .init(lenient: true))
        let warning = try #require(image.warnings.first)
        guard case let .damagedEntropyData(_, row, _, _) = warning else {
            Issue.record("unexpected warning \(warning)")
            return
        }
        #expect(row >= 0 && row < 3)
        // The last pixel row lies in MCUs after the damage: libjpeg-turbo's mid grey.
        let y = image.pixels.height - 1
        for x in 0..<image.pixels.width { #expect(image.pixels[x, y] == RGBA8(r: 128, g: 128, b: 128, a: 255)) }
    }

    @Test func hugeHeaderFailsBeforeAllocating() throws {
        // SOI, SOF0 65535x65535 3 components, then nothing.
        let header: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8, 0xFF, 0xFF, 0xFF, 0xFF, 3,
                               1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        do {
            _ = try JPEGDecoder.decode(header)
            Issue.record("decoded")
        } catch {
            #expect(error.kind == .limitExceeded)
        }
        // Within the pixel cap but promising far more blocks than the bytes can hold:
        // a truncated progressive file is refused before its coefficient buffer is made.
        var prog = try TestPaths.fixture("jpeg/prog_420.jpg")
        let sof = try #require(prog.indices.first { prog[$0] == 0xFF && prog[$0 + 1] == 0xC2 })
        prog[sof + 5] = 0x3E; prog[sof + 6] = 0x80      // height 16000
        prog[sof + 7] = 0x3E; prog[sof + 8] = 0x80      // width 16000
        do {
            _ = try JPEGDecoder.decode(prog)
            Issue.record("decoded")
        } catch {
            #expect(error.kind == .truncated, "\(error)")
        }
        let small = DecodeLimits(maxWidth: 32, maxHeight: 32, maxPixels: 1024, maxBytes: 1 << 20)
        let bytes = try TestPaths.fixture("jpeg/sample_420.jpg")
        #expect(throws: JPEGError.self) { try JPEGDecoder.decode(bytes, options: .init(limits: small)) }
        do { _ = try JPEGDecoder.decode(bytes, options: .init(limits: small)) } catch { #expect(error.kind == .limitExceeded) }
    }

    @Test func unsupportedModesNameTheMode() throws {
        func frame(_ marker: UInt8, precision: UInt8) -> [UInt8] {
            [0xFF, 0xD8, 0xFF, marker, 0, 11, precision, 0, 8, 0, 8, 1, 1, 0x11, 0, 0xFF, 0xD9]
        }
        #expect(throws: JPEGError.unsupported(.lossless)) { try JPEGDecoder.decode(frame(0xC3, precision: 8)) }
        #expect(throws: JPEGError.unsupported(.precision(12))) { try JPEGDecoder.decode(frame(0xC1, precision: 12)) }
        #expect(throws: JPEGError.unsupported(.arithmetic)) { try JPEGDecoder.decode(frame(0xC9, precision: 8)) }
        #expect(throws: JPEGError.unsupported(.hierarchical)) { try JPEGDecoder.decode(frame(0xC5, precision: 8)) }
        #expect(throws: JPEGError.notJPEG) { try JPEGDecoder.decode([0x89, 0x50, 0x4E, 0x47]) }
        #expect(throws: JPEGError.notJPEG) { try JPEGDecoder.decode([UInt8]()) }
        #expect(JPEGError.unsupported(.lossless).kind == .unsupported)
        #expect(JPEGError.truncated(context: "x").kind == .truncated)
    }
}
