/// One-shot drivers of `InflateEngine` shared by `Zlib`, `Deflate` and `Gzip`.
enum OneShot {
    /// Inflates all of `input` into a new array, growing the output up to `limit` bytes.
    static func inflate(_ input: UnsafeRawBufferPointer, format: InflateFormat, limit: Int) throws(DeflateError) -> [UInt8] {
        let limit = max(limit, 0)
        var engine = InflateEngine(format: format)
        // DEFLATE rarely beats 4:1 on real data; start there and double as needed.
        var cap = min(limit, max(min(input.count, Int.max / 8) * 4, 1 << 12))
        var buf = UnsafeMutablePointer<UInt8>.allocate(capacity: max(cap, 1))
        defer { buf.deallocate() }
        var pos = 0
        while true {
            engine.out = buf
            engine.outCap = cap
            let status = try engine.run(input, inPos: &pos, final: true)
            if status == .streamEnd { break }
            if status == .needInput { throw .truncated }
            if cap >= limit { throw .outputLimitExceeded(limit: limit) }
            let newCap = cap > limit / 2 ? limit : cap * 2
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCap)
            grown.update(from: buf, count: engine.outPos)
            buf.deallocate()
            buf = grown
            cap = newCap
        }
        if engine.bitsleft >= 8 || pos < input.count { throw .trailingData }
        return Array(UnsafeBufferPointer(start: buf, count: engine.outPos))
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
