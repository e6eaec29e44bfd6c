import RasterCore
import RasterPNG
import RasterTestSupport
import Testing

/// Random damage must give a typed error or a clean decode, never a crash; whatever
/// decodes must survive an encode/decode round trip exactly.
@Suite struct FuzzTests {
    static let seeds = ["grey_d2_i_trns", "indexed_d4_n_trns", "rgb_d16_i", "rgba_d8_n", "pillow_la", "greyalpha_d8_i"]

    @Test(arguments: FuzzTests.seeds)
    func mutatedFilesNeverCrash(_ name: String) throws {
        let original = try TestPaths.fixture("png/\(name).png")
        var rng = SplitMix64(seed: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude))
        for round in 0 ..< 300 {
            // Re-sign the chunks after damaging their payloads, so damage reaches the
            // inflater, the filters and the expansion instead of stopping at a CRC.
            var chunks = PNGBuilder.chunks(of: original)
            let flips = 1 + Int(rng.next() % 4)
            for _ in 0 ..< flips {
                let c = Int(rng.next() % UInt64(chunks.count))
                guard !chunks[c].1.isEmpty else { continue }
                let i = Int(rng.next() % UInt64(chunks[c].1.count))
                chunks[c].1[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            }
            var bytes = PNGBuilder.assemble(chunks)
            if round % 5 == 0 { bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count)))) }
            // A mutated file may be refused, but only with a PNGError; whatever decodes must
            // re-encode without error and round-trip exactly.
            let image: PNGImage
            do throws(PNGError) {
                image = try PNGDecoder.decode(bytes)
            } catch {
                #expect(ErrorKind.allCases.contains(error.kind))
                continue
            }
            let again = try PNGDecoder.decode(try PNGEncoder.encode(image.pixels))
            #expect(again.pixels == image.pixels)
        }
    }
}
