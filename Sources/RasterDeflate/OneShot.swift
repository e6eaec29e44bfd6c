/// One-shot drivers of `InflateEngine` shared by `Zlib`, `Deflate` and `Gzip`.
enum OneShot {
    /// Inflates all of `input` into a new array, growing the output up to `limit` bytes.
    /// Decodes straight into the array's storage; growing copies into a larger array, so the
    /// finished output is never copied again.
    static func inflate(_ input: UnsafeRawBufferPointer, format: InflateFormat, limit: Int) throws(DeflateError) -> [UInt8] {
        let limit = max(limit, 0)
        var engine = InflateEngine(format: format)
        // DEFLATE rarely beats 4:1 on real data; start there and double as needed.
        var cap = min(limit, max(min(input.count, Int.max / 8) * 4, 1 << 12))
        var previous: [UInt8] = []
        var pos = 0
        while true {
            var status = InflateEngine.Status.needInput
            var failure: DeflateError?
            let output = [UInt8](unsafeUninitializedCapacity: cap) { buf, count in
                guard let base = buf.baseAddress else { count = 0; return }
                previous.withUnsafeBufferPointer { old in
                    if let o = old.baseAddress { base.initialize(from: o, count: old.count) }
                }
                engine.out = base
                engine.outCap = cap
                do throws(DeflateError) { status = try engine.run(input, inPos: &pos, final: true) } catch { failure = error }
                count = engine.outPos
            }
            if let failure { throw failure }
            switch status {
            case .streamEnd:
                if engine.bitsleft >= 8 || pos < input.count { throw .trailingData }
                return output
            case .needInput:
                throw .truncated
            case .outputFull:
                if cap >= limit { throw .outputLimitExceeded(limit: limit) }
                // Grow to the size the ratio so far predicts (plus 1/8), at least 2x and at most
                // 8x, so high-ratio streams grow once or twice instead of at every doubling.
                let predicted = Double(cap) / Double(max(pos, 1)) * Double(input.count) * 1.125
                let target = min(max(predicted, Double(cap) * 2), Double(cap) * 8)
                cap = target >= Double(limit) ? limit : Int(target)
                previous = output
            }
        }
    }

    /// Inflates all of `input` into `output`, returning the byte count.
    static func inflate(_ input: UnsafeRawBufferPointer, format: InflateFormat,
                        into output: UnsafeMutableRawBufferPointer) throws(DeflateError) -> Int {
        var engine = InflateEngine(format: format)
        if let base = output.baseAddress {
            engine.out = base.assumingMemoryBound(to: UInt8.self)
            engine.outCap = output.count
        }
        var pos = 0
        let status = try engine.run(input, inPos: &pos, final: true)
        if status == .outputFull { throw .outputLimitExceeded(limit: output.count) }
        if status == .needInput { throw .truncated }
        if engine.bitsleft >= 8 || pos < input.count { throw .trailingData }
        return engine.outPos
    }

    /// Calls `body` with contiguous bytes of `data`, copying only when the collection has none.
    @inline(__always)
    static func withBytes<C: Collection<UInt8>, R>(_ data: C, _ body: (UnsafeRawBufferPointer) throws(DeflateError) -> R) throws(DeflateError) -> R {
        let direct: Result<R, DeflateError>? = data.withContiguousStorageIfAvailable { buf in
            Result { () throws(DeflateError) -> R in try body(UnsafeRawBufferPointer(buf)) }
        }
        if let direct { return try direct.get() }
        let copy = Array(data)
        let r: Result<R, DeflateError> = copy.withUnsafeBytes { raw in
            Result { () throws(DeflateError) -> R in try body(raw) }
        }
        return try r.get()
    }
}
