// Fuzz target: PNG decode of arbitrary bytes under tight limits. When the decode succeeds:
// probe must agree with it, and encoding the pixels then decoding them again must give the
// same pixels exactly (the contract's lossless round trip). Any disagreement traps.
import RasterCore
import RasterPNG

let options = PNGDecodeOptions(limits: DecodeLimits(maxWidth: 1 << 14, maxHeight: 1 << 14,
                                                    maxPixels: 1 << 22, maxBytes: 1 << 27),
                               metadataLimit: 1 << 20)

func check(_ condition: Bool, _ what: StaticString) {
    if !condition { fatalError("fuzz invariant broken: \(what)") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ ptr: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: ptr, count: size)
    guard let image = try? PNGDecoder.decode(bytes, options: options) else { return 0 }
    guard let header = try? PNGDecoder.probe(bytes) else {
        fatalError("decode succeeded but probe failed")
    }
    check(header == image.header, "probe and decode disagree on the header")
    check(image.pixels.width == header.width && image.pixels.height == header.height, "pixel size is not the header's")
    let encoded: [UInt8]
    do { encoded = try PNGEncoder.encode(image.pixels) } catch { fatalError("re-encode failed: \(error)") }
    guard let again = try? PNGDecoder.decode(encoded, options: options) else {
        fatalError("the encoder's own output does not decode")
    }
    check(again.pixels == image.pixels, "encode-decode round trip changed pixels")
    return 0
}
