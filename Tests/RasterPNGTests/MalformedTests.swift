import RasterCore
import RasterDeflate
import RasterPNG
import Testing

@Suite struct MalformedTests {
    @Test func wellFormedBaselineDecodes() throws {
        let image = try PNGDecoder.decode(PNGBuilder.smallRGB())
        #expect(image.pixels.narrowed()[3, 2] == RGBA8(r: 120, g: 120, b: 99))
        #expect(image.warnings.isEmpty)
    }

    /// Every proper prefix of a valid file is rejected with a typed error.
    @Test func truncatedAtEveryOffset() throws {
        let full = PNGBuilder.smallRGB(extra: PNGBuilder.chunk("tEXt", Array("Title\0hello".utf8)))
        for n in 0 ..< full.count {
            let error = decodeError(Array(full[0 ..< n]))
            switch error {
            case .notPNG?: #expect(n == 0)
            case .truncated?: #expect(n > 0)
            case .missingChunk?: break  // cut exactly between chunks
            default: Issue.record("prefix \(n): unexpected \(String(describing: error))")
            }
        }
    }

    @Test func notAPNG() {
        #expect(decodeError(Array("GIF89a....".utf8)) == .notPNG)
        #expect(decodeError([]) == .notPNG)
        var bytes = PNGBuilder.smallRGB()
        bytes[4] = 0x0A  // the line-ending damage the signature is designed to catch
        #expect(decodeError(bytes) == .notPNG)
    }

    @Test func badCRCOnCriticalChunksIsAnError() {
        let sig = PNGBuilder.signature
        let ihdr = PNGBuilder.ihdr(width: 4, height: 3, depth: 8, colorType: 2)
        let data = Zlib.compress(PNGBuilder.rgbScanlines)
        var badIHDR = ihdr
        badIHDR[badIHDR.count - 1] ^= 1
        #expect(decodeError(sig + badIHDR + PNGBuilder.idat(PNGBuilder.rgbScanlines) + PNGBuilder.iend)
                == .crcMismatch(chunk: "IHDR"))
        #expect(decodeError(sig + ihdr + PNGBuilder.chunk("IDAT", data, corruptCRC: true) + PNGBuilder.iend)
                == .crcMismatch(chunk: "IDAT"))
        #expect(decodeError(sig + ihdr + PNGBuilder.chunk("IDAT", data) + PNGBuilder.chunk("IEND", [], corruptCRC: true))
                == .crcMismatch(chunk: "IEND"))
    }

    @Test func badCRCOnAncillaryChunkIsAWarning() throws {
        let text = PNGBuilder.chunk("tEXt", Array("Title\0hello".utf8), corruptCRC: true)
        let image = try PNGDecoder.decode(PNGBuilder.smallRGB(extra: text))
        #expect(image.warnings == [.ancillaryCRCMismatch(chunk: "tEXt")])
        #expect(image.metadata.text.isEmpty)
        #expect(image.pixels.width == 4)
    }

    @Test func missingChunks() {
        let sig = PNGBuilder.signature
        let ihdr = PNGBuilder.ihdr(width: 4, height: 3, depth: 8, colorType: 2)
        let idat = PNGBuilder.idat(PNGBuilder.rgbScanlines)
        #expect(decodeError(sig + ihdr + idat) == .missingChunk("IEND"))
        #expect(decodeError(sig + ihdr + PNGBuilder.iend) == .missingChunk("IDAT"))
        #expect(decodeError(sig + ihdr) == .missingChunk("IDAT"))
        #expect(decodeError(sig + idat + PNGBuilder.iend) == .missingChunk("IHDR"))
        #expect(decodeError(sig) == .missingChunk("IHDR"))
        let indexed = PNGBuilder.ihdr(width: 1, height: 1, depth: 8, colorType: 3)
        #expect(decodeError(sig + indexed + PNGBuilder.idat([0, 0]) + PNGBuilder.iend) == .missingChunk("PLTE"))
    }

    @Test func criticalChunksOutOfOrder() {
        let sig = PNGBuilder.signature
        let ihdr = PNGBuilder.ihdr(width: 1, height: 1, depth: 8, colorType: 3)
        let plte = PNGBuilder.chunk("PLTE", [1, 2, 3])
        let compressed = Zlib.compress([0, 0])
        let idat1 = PNGBuilder.chunk("IDAT", Array(compressed[0 ..< 4]))
        let idat2 = PNGBuilder.chunk("IDAT", Array(compressed[4...]))
        let text = PNGBuilder.chunk("tEXt", Array("a\0b".utf8))
        // The same chunks in the right order decode.
        #expect(decodeError(sig + ihdr + plte + idat1 + idat2 + PNGBuilder.iend) == nil)
        #expect(decodeError(sig + ihdr + plte + idat1 + text + idat2 + PNGBuilder.iend)
                == .chunkOrder("IDAT chunks are not consecutive"))
        #expect(decodeError(sig + ihdr + plte + idat1 + idat2 + plte + PNGBuilder.iend) == .chunkOrder("PLTE after IDAT"))
        #expect(decodeError(sig + ihdr + plte + plte + idat1 + idat2 + PNGBuilder.iend) == .chunkOrder("more than one PLTE"))
        #expect(decodeError(sig + ihdr + ihdr + plte + idat1 + idat2 + PNGBuilder.iend) == .chunkOrder("more than one IHDR"))
        #expect(decodeError(sig + plte + ihdr + idat1 + idat2 + PNGBuilder.iend) == .missingChunk("IHDR"))
    }

    @Test func unknownChunks() throws {
        let critical = PNGBuilder.chunk("ABCD", [1, 2])
        #expect(decodeError(PNGBuilder.smallRGB(extra: critical)) == .unknownCriticalChunk("ABCD"))
        let ancillary = PNGBuilder.chunk("abCD", [1, 2])
        let image = try PNGDecoder.decode(PNGBuilder.smallRGB(extra: ancillary))
        #expect(image.warnings.isEmpty)
        let badType = PNGBuilder.chunk("a1CD", [1, 2])
        guard case .invalidChunk? = decodeError(PNGBuilder.smallRGB(extra: badType)) else {
            Issue.record("a chunk type with a digit must be rejected")
            return
        }
    }

    @Test func paletteProblems() throws {
        let sig = PNGBuilder.signature
        let ihdr = PNGBuilder.ihdr(width: 3, height: 1, depth: 8, colorType: 3)
        let plte = PNGBuilder.chunk("PLTE", [0, 0, 0, 255, 255, 255])
        #expect(decodeError(sig + ihdr + plte + PNGBuilder.idat([0, 0, 1, 5]) + PNGBuilder.iend)
                == .paletteIndexOutOfRange(index: 5, paletteCount: 2))
        #expect(decodeError(sig + ihdr + plte + PNGBuilder.idat([0, 0, 1, 1]) + PNGBuilder.iend) == nil)
        let shortPLTE = PNGBuilder.chunk("PLTE", [0, 0, 0, 255])
        #expect(decodeError(sig + ihdr + shortPLTE + PNGBuilder.idat([0, 0, 1, 1]) + PNGBuilder.iend)
                == .invalidPalette("length 4 is not a multiple of 3"))
        // 1-bit indices: two pixels, palette of one entry, second pixel uses index 1.
        let ihdr1 = PNGBuilder.ihdr(width: 2, height: 1, depth: 1, colorType: 3)
        let one = PNGBuilder.chunk("PLTE", [9, 9, 9])
        #expect(decodeError(sig + ihdr1 + one + PNGBuilder.idat([0, 0b0100_0000]) + PNGBuilder.iend)
                == .paletteIndexOutOfRange(index: 1, paletteCount: 1))
        // A palette longer than 1-bit indices can reach is accepted with a warning (as libpng).
        let four = PNGBuilder.chunk("PLTE", [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4])
        let image = try PNGDecoder.decode(sig + ihdr1 + four + PNGBuilder.idat([0, 0b0100_0000]) + PNGBuilder.iend)
        #expect(image.warnings == [.paletteLongerThanBitDepth(entries: 4, bitDepth: 1)])
        #expect(image.pixels.narrowed()[1, 0] == RGBA8(r: 2, g: 2, b: 2))
    }

    @Test func badFilterType() {
        var rows = PNGBuilder.rgbScanlines
        rows[13] = 5  // second row's filter byte
        let bytes = PNGBuilder.signature + PNGBuilder.ihdr(width: 4, height: 3, depth: 8, colorType: 2)
            + PNGBuilder.idat(rows) + PNGBuilder.iend
        #expect(decodeError(bytes) == .invalidFilterType(5))
    }

    @Test func tooMuchOrTooLittleImageData() {
        let head = PNGBuilder.signature + PNGBuilder.ihdr(width: 4, height: 3, depth: 8, colorType: 2)
        let rows = PNGBuilder.rgbScanlines
        #expect(decodeError(head + PNGBuilder.idat(rows + [0]) + PNGBuilder.iend) == .imageDataTooLong(expected: 39))
        #expect(decodeError(head + PNGBuilder.idat(Array(rows.dropLast(2))) + PNGBuilder.iend)
                == .imageDataTooShort(expected: 39, actual: 37))
        // A damaged zlib stream is reported with the inflater's reason.
        guard case .corruptImageData? = decodeError(head + PNGBuilder.chunk("IDAT", [0x78, 0x9C, 0xFF, 0xFF]) + PNGBuilder.iend)
        else {
            Issue.record("corrupt zlib data must be reported as corruptImageData")
            return
        }
    }

    /// A 1x1 image whose IDAT inflates to 50 MB stops after the first overflowing byte.
    @Test func imageDataBombStopsEarly() throws {
        let bomb = try Zlib.compress([UInt8](repeating: 0, count: 50 << 20), level: 1)
        let bytes = PNGBuilder.signature + PNGBuilder.ihdr(width: 1, height: 1, depth: 8, colorType: 0)
            + PNGBuilder.chunk("IDAT", bomb) + PNGBuilder.iend
        #expect(decodeError(bytes) == .imageDataTooLong(expected: 2))
    }

    @Test func invalidHeaders() {
        func header(_ w: UInt32, _ h: UInt32, _ d: UInt8, _ c: UInt8, i: UInt8 = 0, m: UInt8 = 0, f: UInt8 = 0) -> PNGError? {
            decodeError(PNGBuilder.signature + PNGBuilder.ihdr(width: w, height: h, depth: d, colorType: c, interlace: i,
                                                               compression: m, filter: f)
                        + PNGBuilder.idat([0, 0]) + PNGBuilder.iend)
        }
        for (w, h, d, c, i, m, f) in [(0, 1, 8, 0, 0, 0, 0), (1, 0, 8, 0, 0, 0, 0), (0x8000_0000, 1, 8, 0, 0, 0, 0),
                                       (1, 1, 3, 0, 0, 0, 0), (1, 1, 16, 3, 0, 0, 0), (1, 1, 4, 2, 0, 0, 0),
                                       (1, 1, 8, 1, 0, 0, 0), (1, 1, 8, 7, 0, 0, 0), (1, 1, 8, 0, 2, 0, 0),
                                       (1, 1, 8, 0, 0, 1, 0), (1, 1, 8, 0, 0, 0, 1)] as [(UInt32, UInt32, UInt8, UInt8, UInt8, UInt8, UInt8)] {
            guard case .invalidHeader? = header(w, h, d, c, i: i, m: m, f: f) else {
                Issue.record("IHDR \(w)x\(h) depth \(d) type \(c) interlace \(i) method \(m) filter \(f) accepted")
                continue
            }
        }
    }

    /// A tiny file promising a huge image fails on the header, before allocating.
    @Test func headerOverLimits() throws {
        let huge = PNGBuilder.signature + PNGBuilder.ihdr(width: 1 << 30, height: 1 << 30, depth: 16, colorType: 6)
            + PNGBuilder.idat([0]) + PNGBuilder.iend
        guard case let .limitExceeded(limit)? = decodeError(huge) else {
            Issue.record("a 2^30 x 2^30 header must exceed the default limits")
            return
        }
        #expect(limit.cap == .width)
        let small = PNGBuilder.smallRGB()
        let narrow = PNGDecodeOptions(limits: DecodeLimits(maxWidth: 3))
        #expect(decodeError(small, narrow) == .limitExceeded(LimitExceeded(cap: .width, requested: 4, limit: 3)))
        let tinyBudget = PNGDecodeOptions(limits: DecodeLimits(maxBytes: 50))
        guard case let .limitExceeded(bytesLimit)? = decodeError(small, tinyBudget) else {
            Issue.record("a 50-byte budget must be exceeded")
            return
        }
        #expect(bytesLimit.cap == .bytes)
        #expect(bytesLimit.requested == 4 * 3 * 4 + 39)
        // probe reads the header and does not apply limits
        #expect(try PNGDecoder.probe(huge).width == 1 << 30)
    }

    @Test func trailingDataAfterIENDIsAWarning() throws {
        let image = try PNGDecoder.decode(PNGBuilder.smallRGB() + [1, 2, 3])
        #expect(image.warnings == [.dataAfterIEND(count: 3)])
    }

    /// Each error says what is wrong in words a user can act on, and which kind it is.
    @Test func errorsDescribeThemselves() {
        let expected: [(PNGError, String, ErrorKind)] = [
            (.notPNG, "not a PNG file: the 8-byte PNG signature is missing", .corrupt),
            (.truncated, "PNG data is truncated: the file ends inside a chunk", .truncated),
            (.crcMismatch(chunk: "IDAT"), "CRC mismatch in critical chunk IDAT: the file is damaged", .corrupt),
            (.missingChunk("IEND"), "PNG has no IEND chunk", .truncated),
            (.missingChunk("IDAT"), "PNG has no IDAT chunk", .corrupt),
            (.invalidFilterType(9), "scanline has invalid filter type 9 (must be 0 to 4)", .corrupt),
            (.imageDataTooLong(expected: 4), "PNG image data is too long: more than the 4 filtered bytes the header calls for", .corrupt),
            (.imageDataTooShort(expected: 8, actual: 3), "PNG image data is too short: 3 of 8 filtered bytes", .truncated),
            (.corruptImageData(.truncated), "corrupt PNG image data (IDAT zlib stream): compressed data ends before the end of the stream", .truncated),
            (.corruptImageData(.invalidCode), "corrupt PNG image data (IDAT zlib stream): invalid Huffman code in compressed data", .corrupt),
            (.unknownCriticalChunk("ABCD"), "unknown critical chunk ABCD: this decoder cannot safely ignore it", .unsupported),
            (.limitExceeded(LimitExceeded(cap: .pixels, requested: 20, limit: 10)), "PNG image too large: pixels 20 exceeds the limit of 10", .limitExceeded),
        ]
        for (error, text, kind) in expected {
            #expect(error.description == text)
            #expect(error.kind == kind, "\(error)")
        }
    }
}
