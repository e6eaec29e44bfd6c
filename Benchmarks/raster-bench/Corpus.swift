import Foundation

/// One benchmark input with what its header says, read by this harness itself (not by the
/// codec under test) so pixel counts and expected sizes do not depend on the code measured.
struct CorpusFile: Sendable {
    enum Kind: Sendable { case png, jpeg }

    let name: String
    let bytes: [UInt8]
    let kind: Kind
    let width: Int
    let height: Int
    /// PNG only: bits per sample and colour type (PNG spec §11.2.2).
    var bitDepth = 8
    var colorType: UInt8 = 0
    var interlaced = false
    var hasTRNS = false
    /// PNG only: the IDAT chunks' data concatenated, one zlib stream (PNG spec §10.1).
    var idat: [UInt8] = []
    /// JPEG only: true for SOF2 (progressive).
    var progressive = false

    var pixels: Int { width * height }

    /// PNG: the size of the filtered scanlines the zlib stream must inflate to (PNG spec §7.2, §8.2).
    var filteredSize: Int {
        let channels: Int
        switch colorType {
        case 0, 3: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        default: channels = 4
        }
        func passBytes(_ w: Int, _ h: Int) -> Int {
            guard w > 0, h > 0 else { return 0 }
            return h * (1 + (w * channels * bitDepth + 7) / 8)
        }
        guard interlaced else { return passBytes(width, height) }
        // Adam7 passes: (x0, y0, dx, dy).
        let passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        return passes.reduce(0) { sum, p in
            sum + passBytes((width - p.0 + p.2 - 1) / p.2, (height - p.1 + p.3 - 1) / p.3)
        }
    }

    init(name: String, bytes: [UInt8]) throws {
        self.name = name
        self.bytes = bytes
        let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        if bytes.starts(with: pngSignature) {
            kind = .png
            var header: (Int, Int)?
            var idat: [UInt8] = []
            var offset = 8
            func be32(_ i: Int) -> Int {
                Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            }
            // Chunk layout: length, type, data, CRC (PNG spec §5.3).
            while offset + 12 <= bytes.count {
                let length = be32(offset)
                let type = String(decoding: bytes[offset + 4 ..< offset + 8], as: UTF8.self)
                let start = offset + 8
                guard length >= 0, start + length + 4 <= bytes.count else {
                    throw BenchError.badFile(name: name, reason: "truncated \(type) chunk")
                }
                switch type {
                case "IHDR" where length >= 13:
                    header = (be32(start), be32(start + 4))
                    bitDepth = Int(bytes[start + 8])
                    colorType = bytes[start + 9]
                    interlaced = bytes[start + 12] != 0
                case "IDAT": idat.append(contentsOf: bytes[start ..< start + length])
                case "tRNS": hasTRNS = true
                default: break
                }
                offset = start + length + 4
                if type == "IEND" { break }
            }
            guard let (w, h) = header, w > 0, h > 0 else { throw BenchError.badFile(name: name, reason: "no IHDR") }
            width = w
            height = h
            self.idat = idat
        } else if bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 {
            kind = .jpeg
            var offset = 2
            var size: (Int, Int)?
            // Marker segments (ITU T.81 §B.1.1.4) until a start-of-frame (§B.2.2).
            while offset + 4 <= bytes.count, size == nil {
                guard bytes[offset] == 0xFF else { break }
                let marker = bytes[offset + 1]
                if marker == 0xFF { offset += 1; continue }
                let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
                if (0xC0 ... 0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC, offset + 9 <= bytes.count {
                    size = (Int(bytes[offset + 7]) << 8 | Int(bytes[offset + 8]), Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]))
                    progressive = marker == 0xC2
                }
                offset += 2 + length
            }
            guard let (w, h) = size, w > 0, h > 0 else { throw BenchError.badFile(name: name, reason: "no start-of-frame marker") }
            width = w
            height = h
        } else {
            throw BenchError.badFile(name: name, reason: "neither PNG nor JPEG")
        }
    }
}

/// The corpus folder's PNG and JPEG files, in name order.
struct Corpus: Sendable {
    let files: [CorpusFile]

    init(directory: URL) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw BenchError.corpus("cannot list \(directory.path): \(error.localizedDescription)")
        }
        var files: [CorpusFile] = []
        for name in names {
            let lower = name.lowercased()
            guard lower.hasSuffix(".png") || lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg") else { continue }
            let data: Data
            do { data = try Data(contentsOf: directory.appendingPathComponent(name)) } catch {
                throw BenchError.corpus("cannot read \(name): \(error.localizedDescription)")
            }
            files.append(try CorpusFile(name: name, bytes: [UInt8](data)))
        }
        guard !files.isEmpty else { throw BenchError.corpus("no .png or .jpg files in \(directory.path)") }
        self.files = files
    }

    var pngs: [CorpusFile] { files.filter { $0.kind == .png } }
    var jpegs: [CorpusFile] { files.filter { $0.kind == .jpeg } }
}
