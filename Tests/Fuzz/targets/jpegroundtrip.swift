// Fuzz target: JPEG encode then decode. The input picks a small image (1...80 on each side,
// RGBA pixels from the input, a flat colour, a gradient or grey pixels, opaque or with alpha)
// and every encoder option (quality 1...100, 4:4:4/4:2:2/4:2:0, automatic/YCbCr/greyscale,
// restart interval, optimised tables, progressive, alpha flattened or dropped, EXIF, ICC and
// comment blobs). Checks:
// - encoding valid options never throws, and encoding twice gives the same bytes, through
//   `JPEGEncoder` and through `Codecs` (determinism; the front door adds nothing);
// - our decoder, strict, accepts the file with no warning, at the image's size, and `probe`
//   agrees; `Codecs.decode` gives the same pixels;
// - EXIF, ICC profile and comment come back byte-identical (EXIF without its "Exif\0\0" prefix);
// - at quality 100 with 4:4:4 colour (or greyscale), every decoded sample is within
//   `maxError100` of the input after the alpha handling (and of its JFIF luma when grey); a
//   flat colour at quality 50 or more is within `maxErrorFlat` at any subsampling (bounds
//   derived below; the largest errors seen are printed as they grow).
import RasterCore
import RasterJPEG
import Raster

/// Largest |decoded - input| per sample at quality 100, 4:4:4 or grey, any pixels. Every
/// quantiser step is 1 there, so only the integer DCTs' and colour conversions' rounding is
/// left; the fuzzer's largest so far is 4 (noise), the bound leaves room for that doubling.
let maxError100 = 8
/// Largest |decoded - input| per sample for a flat image at quality >= 50, any subsampling
/// (averaging a flat plane changes nothing). Only DC survives: its step is at most 16 (luma)
/// and 17 (chroma) there, so each component's mean is off by at most 17/2/8 < 1.07 levels;
/// YCbCr -> RGB multiplies a chroma error by at most 1.772 (B from Cb), so B can be off by
/// 1.07 + 1.772 * 1.07 = 2.97 plus the roundings of the two conversions (under 2): 5.
let maxErrorFlat = 5

/// The largest error seen so far for each bound (q100, flat), printed when it grows, so a run
/// shows how close to its bounds the encoder comes.
nonisolated(unsafe) var largestSeen = [0, 0]

func check(_ condition: Bool, _ what: StaticString) {
    if !condition { fatalError("fuzz invariant broken: \(what)") }
}

/// Reads the fuzz input from the front, then cycles through what is left for pixel bytes.
struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0
    mutating func byte() -> UInt8 {
        guard at < bytes.count else { return 0 }
        defer { at += 1 }
        return bytes[at]
    }
    /// A blob of `count` bytes taken from the input (cycled; zeros when the input is used up).
    mutating func blob(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        let rest = bytes.count - at
        if rest > 0 { for i in 0 ..< count { out[i] = bytes[at + i % rest] &+ UInt8(truncatingIfNeeded: i / rest) } }
        at += min(count, max(rest, 0))
        return out
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEGRoundTrip(_ ptr: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var r = Reader(bytes: UnsafeBufferPointer(start: ptr, count: size))
    let width = Int(r.byte()) % 80 + 1
    let height = Int(r.byte()) % 80 + 1
    let quality = Int(r.byte()) % 100 + 1
    let flags = r.byte()
    let more = r.byte()
    let restartByte = r.byte()
    let metaFlags = r.byte()
    let pattern = r.byte()

    let subsampling: ChromaSubsampling = [.s444, .s422, .s420, .s444][Int(flags & 3)]
    let color: JPEGColorMode = [.automatic, .ycbcr, .grayscale, .automatic][Int(flags >> 2 & 3)]
    let optimize = flags & 0x10 != 0
    let progressive = flags & 0x20 != 0
    let background = RGBA8(r: more, g: more &* 7, b: more &* 13, a: 255)
    let alpha: AlphaHandling = flags & 0x40 != 0 ? .drop : (flags & 0x80 != 0 ? .flatten(onto: background) : .flatten(onto: .white))
    let restart = restartByte == 255 ? 65535 : (restartByte < 128 ? 0 : Int(restartByte & 127))

    // Metadata: lengths from the input, contents too (EXIF sometimes with its prefix).
    var exif: [UInt8]? = nil, icc: [UInt8]? = nil, comment: [UInt8]? = nil
    if metaFlags & 1 != 0 {
        let n = Int(r.byte()) * 3
        exif = (metaFlags & 8 != 0 ? Array("Exif\0\0".utf8) : []) + r.blob(n)
    }
    if metaFlags & 2 != 0 {
        // Sometimes larger than one APP2 segment (65519 bytes), so the chunking is checked.
        let n = metaFlags & 16 != 0 ? 65519 + Int(r.byte()) * 300 - 150 : Int(r.byte()) * 5 + 1
        icc = r.blob(n)
    }
    if metaFlags & 4 != 0 { comment = r.blob(Int(r.byte())) }

    // Pixels.
    let count = width * height * 4
    var samples = [UInt8](repeating: 0, count: count)
    let opaque = pattern & 0x80 != 0
    let flat = pattern & 3 == 1
    switch pattern & 3 {
    case 0:
        samples = r.blob(count)
    case 1:
        let c = r.blob(4)
        for i in 0 ..< count { samples[i] = c[i & 3] }
    case 2:
        let c = r.blob(8)
        for y in 0 ..< height {
            for x in 0 ..< width {
                let o = (y * width + x) * 4
                for k in 0 ..< 4 { samples[o + k] = c[k] &+ UInt8(truncatingIfNeeded: x * Int(c[k + 4] & 7) + y) }
            }
        }
    default:
        let g = r.blob(width * height * 2)
        for i in 0 ..< width * height {
            samples[4 * i] = g[2 * i]; samples[4 * i + 1] = g[2 * i]; samples[4 * i + 2] = g[2 * i]
            samples[4 * i + 3] = g[2 * i + 1]
        }
    }
    if opaque { for i in stride(from: 3, to: count, by: 4) { samples[i] = 255 } }
    guard let image = try? RGBA8Image(width: width, height: height, samples: samples) else {
        fatalError("a valid image could not be made")
    }

    let options = JPEGEncodeOptions(quality: quality, subsampling: subsampling, color: color, restartInterval: restart,
                                    alpha: alpha, optimizeHuffman: optimize, progressive: progressive,
                                    exif: exif, iccProfile: icc, comment: comment)
    let file: [UInt8]
    do { file = try JPEGEncoder.encode(image, options: options) } catch { fatalError("encode threw for valid options: \(error)") }
    do {
        let again = try JPEGEncoder.encode(image, options: options)
        check(again == file, "a second encode of the same input differs")
        let front = try Codecs.encode(image, as: .jpeg, options: EncodeOptions(jpeg: options))
        check(front == file, "Codecs.encode differs from JPEGEncoder.encode")
    } catch { fatalError("encode threw for valid options: \(error)") }

    let decoded: JPEGImage
    do { decoded = try JPEGDecoder.decode(file) } catch { fatalError("our decoder refused our encoder's file: \(error)") }
    check(decoded.warnings.isEmpty, "decoding our own file gave warnings")
    check(decoded.pixels.width == width && decoded.pixels.height == height, "decoded size differs")
    guard let header = try? JPEGDecoder.probe(file) else { fatalError("probe refused our encoder's file") }
    check(header.width == width && header.height == height, "probe size differs")
    check(decoded.metadata.exif == exif.map { $0.starts(with: Array("Exif\0\0".utf8)) ? Array($0.dropFirst(6)) : $0 },
          "EXIF did not come back byte-identical")
    // An empty ICC profile writes no APP2 segment, so it comes back as none.
    check(decoded.metadata.iccProfile == (icc?.isEmpty == true ? nil : icc), "ICC profile did not come back byte-identical")
    check(decoded.metadata.comments == (comment.map { [$0] } ?? []), "comment did not come back byte-identical")

    guard let viaCodecs = try? Codecs.decode(file) else { fatalError("Codecs.decode refused our encoder's file") }
    check(viaCodecs.image == .rgba8(decoded.pixels), "Codecs.decode pixels differ from JPEGDecoder's")
    check(viaCodecs.metadata.exif == decoded.metadata.exif && viaCodecs.metadata.iccProfile == decoded.metadata.iccProfile,
          "Codecs.decode metadata differs from JPEGDecoder's")

    // Accuracy. What the encoder sees: alpha flattened onto the background, or dropped.
    let grey: Bool
    switch color {
    case .grayscale: grey = true
    case .ycbcr: grey = false
    case .automatic: grey = header.componentCount == 1
    }
    let bound: Int
    if quality == 100 && (subsampling == .s444 || grey) { bound = maxError100 }
    else if flat && quality >= 50 { bound = maxErrorFlat }
    else { return 0 }
    let bg: RGBA8? = { if case let .flatten(onto: c) = alpha { return c } else { return nil } }()
    var worst = 0
    decoded.pixels.withUnsafeSamples { out in
        for i in 0 ..< width * height {
            var c = [Int(samples[4 * i]), Int(samples[4 * i + 1]), Int(samples[4 * i + 2])]
            if let bg {
                let a = Int(samples[4 * i + 3])
                let b = [Int(bg.r), Int(bg.g), Int(bg.b)]
                for k in 0 ..< 3 { c[k] = (c[k] * a + b[k] * (255 - a) + 127) / 255 }
            }
            if grey {
                // JFIF luma, as the encoder computes it (to within its rounding).
                let y = (c[0] * 19595 + c[1] * 38470 + c[2] * 7471 + 32768) >> 16
                c = [y, y, y]
            }
            for k in 0 ..< 3 { worst = max(worst, abs(Int(out[4 * i + k]) - c[k])) }
            check(out[4 * i + 3] == 255, "decoded alpha is not opaque")
        }
    }
    let which = bound == maxError100 && quality == 100 ? 0 : 1
    if worst > largestSeen[which] {
        largestSeen[which] = worst
        print("jpegroundtrip: largest error so far \(worst) (bound \(bound)) for \(which == 0 ? "quality 100" : "a flat image")",
              "at \(width)x\(height) quality \(quality) \(subsampling) grey \(grey) progressive \(progressive)")
    }
    if worst > bound {
        fatalError("decoded pixels differ from the input by \(worst) (bound \(bound)) at quality \(quality), \(subsampling), grey \(grey), flat \(flat)")
    }
    return 0
}
