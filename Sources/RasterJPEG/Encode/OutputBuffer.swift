/// The encoder's growable output: a raw allocation the entropy coder writes into without
/// per-byte capacity checks. Callers `reserve` an upper bound for what they are about to
/// write (per MCU row, per marker), then write through `pointer` at `count`.
///
/// A class so the allocation has one owner that frees it; it never leaves the encoder
/// (the result is copied into an `[UInt8]`), so it is not shared between threads.
final class OutputBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1024)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for at least `extra` more bytes after `count`.
    func reserve(_ extra: Int) {
        let needed = count + extra
        guard needed > capacity else { return }
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    func append(_ bytes: [UInt8]) {
        reserve(bytes.count)
        bytes.withUnsafeBufferPointer { src in
            if let p = src.baseAddress { (base + count).update(from: p, count: src.count) }
        }
        count += bytes.count
    }

    func appendUInt16(_ value: Int) {
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    /// The bytes written so far, copied out.
    func bytes() -> [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }
}
