import Foundation
import Raster

// The encoder side of Benchmarks/jpeg-quality.sh (not a user tool: `raster-tool convert`
// is that). Reads a PNG, and either writes the pixels cjpeg should get (PPM, alpha
// flattened onto white exactly as JPEGEncoder's default does), or encodes it:
//
//   jpeg-quality-encoder IN.png --ppm OUT.ppm
//   jpeg-quality-encoder IN.png OUT.jpg [--quality Q] [--subsampling 444|422|420] [--optimize] [--progressive]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write("error: \(message)\n".data(using: .utf8)!)
    exit(1)
}

var args = Array(CommandLine.arguments.dropFirst())
guard args.count >= 2 else { fail("usage: jpeg-quality-encoder IN.png (--ppm OUT.ppm | OUT.jpg [options])") }
let input = args.removeFirst()
guard let data = FileManager.default.contents(atPath: input) else { fail("cannot read \(input)") }
let image: RGBA8Image
do { image = try PNGDecoder.decodeRGBA8([UInt8](data)) } catch { fail("\(input): \(error)") }

if args.first == "--ppm", args.count == 2 {
    var out = Array("P6\n\(image.width) \(image.height)\n255\n".utf8)
    out.reserveCapacity(out.count + image.width * image.height * 3)
    let s = image.samples
    for i in stride(from: 0, to: s.count, by: 4) {
        let a = Int(s[i + 3])
        for c in 0 ..< 3 { out.append(UInt8((Int(s[i + c]) * a + 255 * (255 - a) + 127) / 255)) }
    }
    guard FileManager.default.createFile(atPath: args[1], contents: Data(out)) else { fail("cannot write \(args[1])") }
    exit(0)
}

let output = args.removeFirst()
var options = JPEGEncodeOptions()
while !args.isEmpty {
    let flag = args.removeFirst()
    switch flag {
    case "--quality":
        guard let q = args.first.flatMap({ Int($0) }) else { fail("--quality needs a number") }
        options.quality = q
        args.removeFirst()
    case "--subsampling":
        let map: [String: ChromaSubsampling] = ["444": .s444, "422": .s422, "420": .s420]
        guard let s = args.first.flatMap({ map[$0] }) else { fail("--subsampling is 444, 422 or 420") }
        options.subsampling = s
        args.removeFirst()
    case "--optimize": options.optimizeHuffman = true
    case "--progressive": options.progressive = true
    default: fail("unknown option \(flag)")
    }
}
do {
    let jpeg = try JPEGEncoder.encode(image, options: options)
    guard FileManager.default.createFile(atPath: output, contents: Data(jpeg)) else { fail("cannot write \(output)") }
} catch {
    fail("\(error)")
}
