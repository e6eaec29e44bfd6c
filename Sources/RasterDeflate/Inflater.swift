/// Incremental inflate: feed compressed input in chunks of any size (down to one byte) and
/// receive output as it is produced. The caller may stop at any point by not feeding more.
///
///     var inflater = Inflater(format: .gzip, outputLimit: 1 << 30)
///     for chunk in chunks { try inflater.feed(chunk) { bytes in sink(bytes) } }
///     try inflater.finish()
///
/// Memory stays bounded whatever the input: a 32 KiB history window plus a 64 KiB output
/// slice, and only the input bytes of one unfinished step (at most a block header) are kept.
public struct Inflater: ~Copyable {
    static let window = 32768
    /// The most output handed to one callback.
    static let slice = 65536
    static let bufferSize = window + slice

    var engine: InflateEngine
    let buffer: UnsafeMutablePointer<UInt8>
    /// Input not yet consumed by the engine (the tail of an unfinished step).
    var pending: [UInt8] = []
    /// Output limit in bytes; exceeding it throws `outputLimitExceeded` before the excess is produced.
    public let outputLimit: Int
    /// Bytes handed to output callbacks so far.
    public private(set) var totalOut = 0
    /// The first error thrown; every later call throws it again instead of decoding on.
    public private(set) var failure: DeflateError?

    /// An inflater for one stream in `format` (zlib by default) that throws
    /// ``DeflateError/outputLimitExceeded(limit:)`` rather than produce more than `outputLimit`
    /// bytes (a negative limit counts as 0); allocates its 96 KiB buffer at once.
    public init(format: InflateFormat = .zlib, outputLimit: Int = .max) {
        engine = InflateEngine(format: format)
        self.outputLimit = max(0, outputLimit)
        buffer = .allocate(capacity: Inflater.bufferSize)
        engine.out = buffer
        engine.outCap = Inflater.bufferSize
    }

    deinit { buffer.deallocate() }

    /// True once the end of the stream (for gzip: of the last member seen) has been decoded.
    public var isFinished: Bool { engine.isDone || engine.stage == .memberEnd || (engine.stage == .gzipHeader && engine.membersDone > 0 && pending.isEmpty && engine.bitsleft == 0) }

    /// Decodes as much of `chunk` as possible, calling `output` with each piece of new output
    /// (valid only during the call). Throws on malformed data or when the output limit is passed.
    public mutating func feed<C: Collection<UInt8>>(_ chunk: C, output: (UnsafeRawBufferPointer) -> Void) throws(DeflateError) {
        if let failure { throw failure }
        do throws(DeflateError) {
            try feedChecked(chunk, output: output)
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func feedChecked<C: Collection<UInt8>>(_ chunk: C, output: (UnsafeRawBufferPointer) -> Void) throws(DeflateError) {
        if engine.isDone {
            if !chunk.isEmpty { throw .trailingData }
            return
        }
        if pending.isEmpty {
            // Common case: decode straight from the caller's bytes, keeping only the leftover.
            let r: Result<[UInt8], DeflateError>? = chunk.withContiguousStorageIfAvailable { buf in
                Result { () throws(DeflateError) -> [UInt8] in
                    let raw = UnsafeRawBufferPointer(buf)
                    let used = try drive(raw, final: false, output: output)
                    return Array(raw[used...])
                }
            }
            if let r {
                pending = try r.get()
                return
            }
        }
        pending.append(contentsOf: chunk)
        let input = pending
        let used = try input.withUnsafeBytes { (raw) -> Result<Int, DeflateError> in
            Result { () throws(DeflateError) -> Int in try drive(raw, final: false, output: output) }
        }.get()
        pending.removeFirst(used)
    }

    /// Declares the input complete. Throws `truncated` if the stream has not ended, and
    /// `trailingData` if bytes were fed after its end.
    public mutating func finish(output: (UnsafeRawBufferPointer) -> Void = { _ in }) throws(DeflateError) {
        if let failure { throw failure }
        do throws(DeflateError) {
            try finishChecked(output: output)
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func finishChecked(output: (UnsafeRawBufferPointer) -> Void) throws(DeflateError) {
        let input = pending
        let used = try input.withUnsafeBytes { (raw) -> Result<Int, DeflateError> in
            Result { () throws(DeflateError) -> Int in try drive(raw, final: true, output: output) }
        }.get()
        pending.removeFirst(used)
        if engine.bitsleft >= 8 || !pending.isEmpty { throw .trailingData }
    }

    /// Runs the engine over `input`, emitting output and sliding the window; returns bytes consumed.
    private mutating func drive(_ input: UnsafeRawBufferPointer, final: Bool,
                                output: (UnsafeRawBufferPointer) -> Void) throws(DeflateError) -> Int {
        var pos = 0
        while true {
            // One callback gets at most `slice` bytes, also before the first slide.
            let room = min(Inflater.bufferSize - engine.outPos, Inflater.slice)
            let allowed = outputLimit - totalOut
            let limited = allowed < room
            engine.outCap = engine.outPos + (limited ? allowed : room)
            let start = engine.outPos
            let status = try engine.run(input, inPos: &pos, final: final)
            if engine.outPos > start {
                output(UnsafeRawBufferPointer(start: buffer + start, count: engine.outPos - start))
                totalOut += engine.outPos - start
            }
            switch status {
            case .streamEnd:
                if engine.isDone && (pos < input.count || engine.bitsleft >= 8) { throw .trailingData }
                return pos
            case .needInput:
                return pos
            case .outputFull:
                if limited { throw .outputLimitExceeded(limit: outputLimit) }
                // Slide once the window can move down without overlapping itself; below that
                // the next slice still has at least 32 KiB of room.
                if engine.outPos >= 2 * Inflater.window { engine.slide(keep: Inflater.window) }
            }
        }
    }
}
