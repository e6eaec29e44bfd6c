/// A small open-addressing set of RGBA colours (packed as UInt32) that gives up past 256
/// entries: finds whether an image fits a palette and records each pixel's index.
struct ColorTable {
    static let slots = 1024
    /// Colours in the order they were first seen.
    private(set) var colors: [UInt32] = []

    @inline(__always)
    static func hash(_ v: UInt32) -> Int { Int(truncatingIfNeeded: (v &* 0x9E37_79B1) &>> 22) }

    /// Adds every pixel's colour and writes its index (in first-seen order) to `indices`,
    /// which has room for one byte per pixel; false as soon as there are more than 256.
    mutating func collect(_ pixels: UnsafeBufferPointer<UInt32>, indices: UnsafeMutablePointer<UInt8>) -> Bool {
        var keys = [UInt32](repeating: 0, count: ColorTable.slots)
        // Palette index + 1 per slot; 0 marks an empty slot.
        var values = [UInt16](repeating: 0, count: ColorTable.slots)
        var found: [UInt32] = []
        found.reserveCapacity(256)
        let fits = keys.withUnsafeMutableBufferPointer { keys in
            values.withUnsafeMutableBufferPointer { values in
                // Runs of one colour are common (screenshots, flat art); they skip the hash,
                // and once a run is seen its rest is found eight pixels per compare and its
                // indices written in one fill (the per-pixel loop was 12 M of screenshot.png's
                // encode instructions).
                guard let base = pixels.baseAddress else { return true }
                let n = pixels.count
                var last: UInt32 = 0
                var lastIndex: UInt8 = 0
                var haveLast = false
                var p = 0
                while p < n {
                    let v = base[p]
                    if haveLast && v == last {
                        // The run continues at p; q ends at its first pixel of another colour.
                        // q + 8 <= n bounds each eight-pixel load.
                        var q = p &+ 1
                        let splat = SIMD8<UInt32>(repeating: last)
                        while q &+ 8 <= n {
                            let chunk = UnsafeRawPointer(base + q).loadUnaligned(as: SIMD8<UInt32>.self)
                            if any(chunk .!= splat) { break }
                            q &+= 8
                        }
                        while q < n && base[q] == last { q &+= 1 }
                        (indices + p).update(repeating: lastIndex, count: q &- p)
                        p = q
                        continue
                    }
                    last = v
                    haveLast = true
                    // hash() < slots and the mask keeps every probe in range; at most 256 of
                    // the 1024 slots fill, so an empty slot ends every probe.
                    var slot = ColorTable.hash(v)
                    while true {
                        let stored = values[slot]
                        if stored == 0 {
                            if found.count == 256 { return false }
                            found.append(v)
                            keys[slot] = v
                            values[slot] = UInt16(truncatingIfNeeded: found.count)
                            lastIndex = UInt8(truncatingIfNeeded: found.count &- 1)
                            break
                        }
                        if keys[slot] == v {
                            lastIndex = UInt8(truncatingIfNeeded: stored &- 1)
                            break
                        }
                        slot = (slot &+ 1) & (ColorTable.slots &- 1)
                    }
                    indices[p] = lastIndex
                    p &+= 1
                }
                return true
            }
        }
        colors = found
        return fits
    }
}
