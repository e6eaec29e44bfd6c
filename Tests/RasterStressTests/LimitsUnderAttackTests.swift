import Raster
import Testing

/// The list of hostile inputs, each decoded in process: it must fail with the right
/// kind of typed error, or decode. Peak memory and time of the full-size versions are
/// measured in separate processes by Benchmarks/attack/run.sh (docs/reliability.md has the
/// figures); here the sizes are smaller so the suite stays fast in a debug build.
@Suite("Limits under attack")
struct LimitsUnderAttackTests {
    func kind(of bytes: [UInt8], _ options: DecodeOptions = .default) -> ErrorKind? {
        do { _ = try Codecs.decode(bytes, options: options); return nil } catch { return error.kind }
    }

    @Test("the zero-stream builder is a valid zlib stream of exactly that many zeros")
    func builderIsValid() throws {
        for n in [0, 1, 257, 258, 259, 100_000] {
            #expect(try Zlib.decompress(AttackInputs.zeros(n)) == [UInt8](repeating: 0, count: n))
        }
        #expect(throws: DeflateError.self) { try Zlib.decompress(AttackInputs.zeros(1000, breakChecksum: true)) }
    }

    @Test("a header declaring a huge size fails on the header with limitExceeded")
    func hugeHeaders() {
        let png = AttackInputs.png(width: 0x7FFF_FFFF, height: 0x7FFF_FFFF, idat: [AttackInputs.zeros(100)])
        #expect(kind(of: png) == .limitExceeded)
        let jpeg = AttackInputs.jpegHeaderOnly(width: 65535, height: 65535)
        #expect(kind(of: jpeg) == .limitExceeded)
        // Within the default caps but over the server preset's.
        #expect(kind(of: AttackInputs.jpegHeaderOnly(width: 16384, height: 16384), .server) == .limitExceeded)
        #expect(kind(of: AttackInputs.png(width: 10000, height: 10000, idat: []), .server) == .limitExceeded)
    }

    @Test("a JPEG with a SOF and no scan fails on the header, before allocating the image")
    func sofWithoutData() {
        // Ends properly (EOI) with no scan: corrupt. Cut off after the SOF: truncated.
        let file = AttackInputs.jpegHeaderOnly(width: 2048, height: 2048)
        #expect(kind(of: file) == .corrupt)
        #expect(kind(of: Array(file.dropLast(2))) == .truncated)
    }

    @Test("a zlib bomb inside IDAT stops at the image's exact size")
    func idatBomb() {
        // A 64x64 image (16 KiB of rows) whose IDAT inflates to 64 MiB.
        let png = AttackInputs.png(width: 64, height: 64, idat: [AttackInputs.zeros(64 << 20)])
        #expect(kind(of: png) == .corrupt)
    }

    @Test("thousands of one-byte IDAT chunks decode to the same image as one chunk")
    func tinyIDATs() throws {
        // Stored (level 0) rows of varied bytes, so the stream is as long as the image: 16,640
        // one-byte chunks for a 64x64 image.
        var rows: [UInt8] = []
        for y in 0..<64 { rows.append(0); for x in 0..<256 { rows.append(UInt8(truncatingIfNeeded: x &* 7 &+ y)) } }
        let data = try Zlib.compress(rows, level: 0)
        let whole = try Codecs.decode(AttackInputs.png(width: 64, height: 64, idat: [data]))
        let split = try Codecs.decode(AttackInputs.png(width: 64, height: 64, idat: data.map { [$0] }))
        #expect(data.count > 16_000)
        #expect(split.image == whole.image)
    }

    @Test("zTXt and iCCP bombs are dropped with a warning; the image decodes")
    func metadataBombs() throws {
        let rows = AttackInputs.imageData(width: 16, height: 16)
        let bomb = AttackInputs.zeros(256 << 20)
        for extra in [AttackInputs.chunk("zTXt", Array("Comment".utf8) + [0, 0] + bomb),
                      AttackInputs.chunk("iCCP", Array("icc".utf8) + [0, 0] + bomb)] {
            let result = try Codecs.decode(AttackInputs.png(width: 16, height: 16, idat: [rows], extra: extra))
            #expect(result.image.width == 16)
            #expect(!result.warnings.isEmpty, "a dropped bomb must be reported")
        }
    }

    @Test("20,000 text chunks decode")
    func manyTextChunks() throws {
        let texts = (0..<20_000).flatMap { AttackInputs.chunk("tEXt", Array("Key\($0)".utf8) + [0] + Array("value".utf8)) }
        let rows = AttackInputs.imageData(width: 8, height: 8)
        let result = try Codecs.decode(AttackInputs.png(width: 8, height: 8, idat: [rows], extra: texts))
        #expect(result.image.width == 8)
    }

    @Test("many zTXt chunks that fail to inflate exhaust the metadata budget once, not once per chunk")
    func failingInflationsShareTheBudget() throws {
        // 200 chunks of 4 MiB each with a broken checksum under an 8 MiB budget: before the fix
        // each inflated up to the whole budget (800 MiB of work); now the second one finds it spent.
        let one = AttackInputs.chunk("zTXt", Array("K".utf8) + [0, 0] + AttackInputs.zeros(4 << 20, breakChecksum: true))
        let rows = AttackInputs.imageData(width: 8, height: 8)
        let file = AttackInputs.png(width: 8, height: 8, idat: [rows], extra: (0..<200).flatMap { _ in one })
        let result = try Codecs.decode(file)
        #expect(result.image.width == 8)
        #expect(!result.warnings.isEmpty)
    }

    @Test("a scan of nothing but restart markers fails or decodes, without hanging")
    func endlessRestarts() {
        let file = AttackInputs.jpegRestarts(side: 64, markers: 1 << 16)
        let k = kind(of: file)
        #expect(k == nil || k == .corrupt || k == .truncated, "got \(String(describing: k))")
    }

    @Test("a progressive file repeating one scan hundreds of times is refused; a few repeats decode")
    func manyScans() throws {
        // Each repeat of the AC scan costs a walk over all 16384 blocks for 4 bytes of input;
        // 5000 of them took 77x the decode time of the 1-scan file before the cap.
        let one = try Codecs.decode(AttackInputs.jpegManyScans(side: 1024, scans: 1))
        #expect(one.image.width == 1024)
        let few = try Codecs.decode(AttackInputs.jpegManyScans(side: 1024, scans: 50))
        #expect(few.image == one.image)
        let k = kind(of: AttackInputs.jpegManyScans(side: 1024, scans: 300))
        #expect(k == .corrupt, "got \(String(describing: k))")
    }
}
