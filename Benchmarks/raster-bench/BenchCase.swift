/// A check value of an operation's output: its size and a hash of its bytes. Computed after
/// the clock stops, it makes the work observable (so it cannot be optimised away) and catches
/// a codec whose output changes from one run to the next.
struct Digest: Equatable, Sendable, CustomStringConvertible {
    var count: Int
    var hash: UInt64

    var description: String { "\(count) bytes, hash \(String(hash, radix: 16))" }

    init(_ buffer: UnsafeRawBufferPointer) {
        count = buffer.count
        // FNV-1a over 8-byte words, then the tail bytes: fast enough for 50 MB outputs.
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        let words = buffer.count / 8
        var i = 0
        while i < words {
            h = (h ^ buffer.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)) &* 0x100_0000_01B3
            i &+= 1
        }
        var j = words &* 8
        while j < buffer.count {
            h = (h ^ UInt64(buffer[j])) &* 0x100_0000_01B3
            j &+= 1
        }
        hash = h
    }

    init(bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { Digest($0) }
    }

    init(samples: [UInt16]) {
        self = samples.withUnsafeBytes { Digest($0) }
    }
}

/// One (operation, file) pair ready to run. `runOnce` times the operation alone and returns
/// the seconds it took with the digest of what it produced.
struct BenchCase: Sendable {
    let op: String
    let file: String
    let pixels: Int
    /// The compressed side for decode and inflate, known up front; nil for encode and deflate,
    /// where it is the size of the output.
    let inputBytes: Int?
    /// The output size every run must give, when known from the file's header.
    let expectedOutputCount: Int?
    let runOnce: @Sendable () throws -> (seconds: Double, digest: Digest)

    /// Wraps an operation returning `T`: `run` is timed, `digest` is not.
    static func make<T>(op: String, file: CorpusFile, inputBytes: Int?, expectedOutputCount: Int?,
                        run: @escaping @Sendable () throws -> T,
                        digest: @escaping @Sendable (T) -> Digest) -> BenchCase {
        BenchCase(op: op, file: file.name, pixels: file.pixels, inputBytes: inputBytes,
                  expectedOutputCount: expectedOutputCount) {
            let clock = ContinuousClock()
            let start = clock.now
            let output = try run()
            let elapsed = clock.now - start
            return (elapsed.seconds, digest(output))
        }
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) * 1e-18
    }
}
