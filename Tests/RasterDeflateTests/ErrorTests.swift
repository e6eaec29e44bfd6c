import Testing
import RasterDeflate

/// What the errors say and which class they belong to, and the one rule for levels.
@Suite struct ErrorTests {
    @Test func levelOutsideZeroToNineThrows() {
        let data = Array("level".utf8)
        for level in [-1, 10, Int.min, Int.max] {
            #expect(throws: DeflateEncodeError.invalidLevel(level)) { try Zlib.compress(data, level: level) }
            #expect(throws: DeflateEncodeError.invalidLevel(level)) { try Gzip.compress(data, level: level) }
            #expect(throws: DeflateEncodeError.invalidLevel(level)) { try Deflate.compress(data, level: level, strategy: .rle) }
        }
        #expect(DeflateEncodeError.invalidLevel(10).description == "compression level 10 is outside 0 to 9")
        #expect(DeflateEncodeError.invalidLevel(-1).category == .invalidArgument)
    }

    @Test func everyLevelInRangeWorks() throws {
        let data = Array(String(repeating: "every level ", count: 50).utf8)
        for level in 0...9 {
            #expect(try Zlib.decompress(Zlib.compress(data, level: level)) == data)
        }
        // The level-less overload is level 6.
        #expect(Zlib.compress(data) == (try Zlib.compress(data, level: 6)))
    }

    @Test func descriptionsSayWhatWentWrong() {
        #expect(DeflateError.truncated.description == "compressed data ends before the end of the stream")
        #expect(DeflateError.checksumMismatch(expected: 0xABCD, actual: 0x1234_5678).description
                == "checksum mismatch: stream says 0x0000ABCD, data gives 0x12345678")
        #expect(DeflateError.outputLimitExceeded(limit: 4096).description
                == "decompressed data exceeds the limit of 4096 bytes")
        #expect(DeflateError.invalidHeader("zlib header check bits are wrong").description
                == "invalid stream header: zlib header check bits are wrong")
        #expect(DeflateError.distanceTooFar.description == "match distance reaches before the start of the output")
    }

    @Test func categoriesMatchErrorKinds() {
        let expected: [(DeflateError, DeflateFailureCategory)] = [
            (.truncated, .truncated),
            (.invalidHeader("x"), .corrupt),
            (.presetDictionaryUnsupported, .unsupported),
            (.invalidBlockType, .corrupt),
            (.storedLengthMismatch, .corrupt),
            (.invalidCodeLengths, .corrupt),
            (.invalidCode, .corrupt),
            (.distanceTooFar, .corrupt),
            (.checksumMismatch(expected: 1, actual: 2), .corrupt),
            (.lengthMismatch, .corrupt),
            (.outputLimitExceeded(limit: 1), .limitExceeded),
            (.trailingData, .corrupt),
        ]
        for (error, category) in expected {
            #expect(error.category == category, "\(error)")
            #expect(error.isTruncation == (category == .truncated))
        }
        // Raw values are RasterCore's ErrorKind names, which RasterPNG maps by.
        #expect(DeflateFailureCategory.limitExceeded.rawValue == "limitExceeded")
        #expect(DeflateFailureCategory.invalidArgument.rawValue == "invalidArgument")
    }
}
