// Fuzz target: inflate in all three framings, one-shot against incremental (1-byte and
// irregular chunks) against decompress(into:), plus a compress/decompress round trip of the
// input itself at a fuzzed level and strategy (an encoder's input is as untrusted as a
// decoder's). Any disagreement or failed round trip traps, which libFuzzer reports.
import RasterDeflate

/// Output cap: big enough for real streams, small enough that a bomb stops quickly.
let limit = 1 << 22

func oneShot(_ data: ArraySlice<UInt8>, _ format: InflateFormat) -> Result<[UInt8], DeflateError> {
    Result { () throws(DeflateError) -> [UInt8] in
        switch format {
        case .zlib: return try Zlib.decompress(data, outputLimit: limit)
        case .gzip: return try Gzip.decompress(data, outputLimit: limit)
        case .raw: return try Deflate.decompress(data, outputLimit: limit)
        }
    }
}

/// Feeds `data` in chunks whose sizes cycle through `sizes`.
func incremental(_ data: ArraySlice<UInt8>, _ format: InflateFormat, sizes: [Int]) -> Result<[UInt8], DeflateError> {
    var inflater = Inflater(format: format, outputLimit: limit)
    var out: [UInt8] = []
    var i = data.startIndex
    var k = 0
    return Result { () throws(DeflateError) -> [UInt8] in
        while i < data.endIndex {
            let n = min(sizes[k % sizes.count], data.endIndex - i)
            k += 1
            try inflater.feed(data[i..<(i + n)]) { out.append(contentsOf: $0) }
            i += n
        }
        try inflater.finish { out.append(contentsOf: $0) }
        return out
    }
}

func into(_ data: ArraySlice<UInt8>, _ format: InflateFormat, capacity: Int) -> Result<[UInt8], DeflateError> {
    var out = [UInt8](repeating: 0, count: capacity)
    let input = Array(data)
    return Result { () throws(DeflateError) -> [UInt8] in
        let n = try input.withUnsafeBytes { (src) -> Result<Int, DeflateError> in
            out.withUnsafeMutableBytes { dst in
                Result { () throws(DeflateError) -> Int in
                    switch format {
                    case .zlib: return try Zlib.decompress(src, into: dst)
                    case .gzip: return try Gzip.decompress(src, into: dst)
                    case .raw: return try Deflate.decompress(src, into: dst)
                    }
                }
            }
        }.get()
        return Array(out[..<n])
    }
}

func check(_ condition: Bool, _ what: StaticString) {
    if !condition { fatalError("fuzz invariant broken: \(what)") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInflate(_ ptr: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: ptr, count: size))
    let control = bytes[0]
    let body = bytes[1...]
    let formats: [InflateFormat] = [.zlib, .gzip, .raw, .raw]
    let format = formats[Int(control & 3)]

    if control & 0x80 != 0 {
        // Compress the body and inflate it back: must be the body exactly.
        let level = Int(control >> 2 & 0x0F) % 10
        let strategies: [DeflateStrategy] = [.default, .filtered, .huffmanOnly, .rle]
        let strategy = strategies[Int(control >> 5 & 1) << 1 | Int(control >> 6 & 1)]
        let packed: [UInt8]
        let back: Result<[UInt8], DeflateError>
        do {
            switch format {
            case .zlib: packed = try Zlib.compress(body, level: level, strategy: strategy)
            case .gzip: packed = try Gzip.compress(body, level: level, strategy: strategy)
            case .raw: packed = try Deflate.compress(body, level: level, strategy: strategy)
            }
        } catch { fatalError("compress refused level \(level)") }
        back = oneShot(packed[...], format)
        check((try? back.get()) == Array(body), "compress round trip")
        return 0
    }

    let whole = oneShot(body, format)
    // Byte-at-a-time only for small inputs: it is the slow path being checked, not a benchmark.
    let sizes = body.count <= 4096 ? [1] : [1, 7, 300, 4093]
    let pieces = incremental(body, format, sizes: sizes)
    switch (whole, pieces) {
    case let (.success(a), .success(b)):
        check(a == b, "one-shot and incremental outputs differ")
        let exact = into(body, format, capacity: a.count)
        check((try? exact.get()) == a, "decompress(into:) differs at the exact size")
        if a.count > 0 {
            let short = into(body, format, capacity: a.count - 1)
            if case .success = short { check(false, "decompress(into:) fit a stream in too small a buffer") }
        }
    case (.failure, .failure):
        break
    case let (.success(a), .failure(e)):
        // The incremental inflater is allowed to stop at the same limit.
        if case .outputLimitExceeded = e { break }
        fatalError("one-shot succeeded (\(a.count) bytes) but incremental failed: \(e)")
    case let (.failure(e), .success(b)):
        fatalError("incremental succeeded (\(b.count) bytes) but one-shot failed: \(e)")
    }
    return 0
}
