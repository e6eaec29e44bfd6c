import RasterCore
import RasterTestSupport
@testable import RasterJPEG

/// A JPEG file split into marker segments, for tests that check what the encoder wrote.
struct EncodedSegments {
    struct Segment {
        var marker: UInt8
        /// The payload after the length field (empty for SOI and EOI).
        var payload: [UInt8]
    }

    var segments: [Segment] = []

    /// Parses headers up to each SOS and skips entropy-coded data to the next marker.
    init(_ data: [UInt8]) {
        var i = 2
        segments.append(Segment(marker: 0xD8, payload: []))
        while i + 1 < data.count {
            guard data[i] == 0xFF else { break }
            let marker = data[i + 1]
            if marker == 0xD9 { segments.append(Segment(marker: marker, payload: [])); break }
            guard i + 3 < data.count else { break }
            let length = Int(data[i + 2]) << 8 | Int(data[i + 3])
            segments.append(Segment(marker: marker, payload: Array(data[(i + 4) ..< min(i + 2 + length, data.count)])))
            i += 2 + length
            if marker == 0xDA {
                // Entropy-coded data ends at a marker that is neither a stuffed 0 nor RSTn.
                while i + 1 < data.count, !(data[i] == 0xFF && data[i + 1] != 0 && !(0xD0 ... 0xD7).contains(data[i + 1])) {
                    i += 1
                }
            }
        }
    }

    func all(_ marker: UInt8) -> [Segment] { segments.filter { $0.marker == marker } }
    func first(_ marker: UInt8) -> Segment? { segments.first { $0.marker == marker } }
}

enum EncodeSamples {
    /// A deterministic colourful image with smooth areas and noise.
    static func photo(width: Int, height: Int, seed: UInt64 = 7) throws -> RGBA8Image {
        var rng = SplitMix64(seed: seed)
        var bytes = [UInt8](repeating: 255, count: width * height * 4)
        for y in 0 ..< height {
            for x in 0 ..< width {
                let i = (y * width + x) * 4
                let noise = Int(rng.next() % 17) - 8
                bytes[i] = UInt8(clamping: (x * 255) / max(width - 1, 1) + noise)
                bytes[i + 1] = UInt8(clamping: (y * 255) / max(height - 1, 1) - noise)
                bytes[i + 2] = UInt8(clamping: 128 + ((x / 7 + y / 5) % 2 == 0 ? 60 : -60) + noise)
            }
        }
        return try RGBA8Image(width: width, height: height, samples: bytes)
    }

    static func solid(_ colour: RGBA8, width: Int = 24, height: Int = 16) throws -> RGBA8Image {
        try RGBA8Image(width: width, height: height, fill: colour)
    }
}
