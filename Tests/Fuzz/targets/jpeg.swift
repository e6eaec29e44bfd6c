// Fuzz target: JPEG decode, strict and lenient, at a fuzzed DCT scale. The first byte picks
// the scale; the rest is the file. Checks: probe agrees with a successful decode, the pixel
// size is the scaled header size, and a file the strict decoder accepts decodes to the same
// pixels in lenient mode (leniency only changes what happens on damage).
import RasterCore
import RasterJPEG

let limits = DecodeLimits(maxWidth: 1 << 14, maxHeight: 1 << 14, maxPixels: 1 << 22, maxBytes: 1 << 27)

func check(_ condition: Bool, _ what: StaticString) {
    if !condition { fatalError("fuzz invariant broken: \(what)") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEG(_ ptr: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let scales: [JPEGScale] = [.full, .full, .full, .full, .half, .quarter, .eighth, .full]
    let scale = scales[Int(ptr[0] & 7)]
    let bytes = UnsafeBufferPointer(start: ptr + 1, count: size - 1)
    let strict = try? JPEGDecoder.decode(bytes, options: JPEGDecodeOptions(limits: limits, scale: scale))
    let lenient = try? JPEGDecoder.decode(bytes, options: JPEGDecodeOptions(limits: limits, scale: scale, lenient: true))
    for decoded in [strict, lenient] {
        guard let decoded else { continue }
        guard let header = try? JPEGDecoder.probe(bytes) else { fatalError("decode succeeded but probe failed") }
        check(header.width == decoded.header.width && header.height == decoded.header.height, "probe and decode disagree")
        check(decoded.pixels.width == scale.scaled(header.width) && decoded.pixels.height == scale.scaled(header.height),
              "pixel size is not the scaled header size")
    }
    if let strict {
        guard let lenient else { fatalError("strict decode succeeded but lenient failed") }
        check(strict.pixels == lenient.pixels, "strict and lenient pixels differ on an undamaged file")
    }
    return 0
}
