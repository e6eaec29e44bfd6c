/// A small open-addressing set of RGBA colours (packed as UInt32) that gives up past 256
/// entries: finds whether an image fits a palette, then maps pixels to palette indices.
struct ColorTable {
    static let slots = 1024
    private var keys = [UInt32](repeating: 0, count: ColorTable.slots)
    /// Palette index + 1 in each slot; 0 marks an empty slot.
    private var values = [UInt16](repeating: 0, count: ColorTable.slots)
    /// Colours in the order they were added.
    private(set) var colors: [UInt32] = []

    @inline(__always)
    static func hash(_ v: UInt32) -> Int { Int(truncatingIfNeeded: (v &* 0x9E37_79B1) &>> 22) }

    /// Adds every pixel's colour; false as soon as there are more than 256.
    mutating func collect(_ pixels: UnsafeBufferPointer<UInt32>) -> Bool {
        var found: [UInt32] = colors
        let fits = keys.withUnsafeMutableBufferPointer { keys in
            values.withUnsafeMutableBufferPointer { values in
                // Runs of one colour are common; skip them without hashing.
                var last: UInt32 = 0
                var haveLast = false
                for v in pixels {
                    if haveLast && v == last { continue }
                    last = v
                    haveLast = true
                    // hash() < slots and the mask keeps every probe in range.
                    var slot = ColorTable.hash(v)
                    while true {
                        let stored = values[slot]
                        if stored == 0 {
                            if found.count == 256 { return false }
                            found.append(v)
                            keys[slot] = v
                            values[slot] = UInt16(truncatingIfNeeded: found.count)
                            break
                        }
                        if keys[slot] == v { break }
                        slot = (slot &+ 1) & (ColorTable.slots &- 1)
                    }
                }
                return true
            }
        }
        colors = found
        return fits
    }

    /// Rebuilds the index so `order[i]` maps to palette index `i`.
    mutating func reorder(_ order: [UInt32]) {
        keys = [UInt32](repeating: 0, count: ColorTable.slots)
        values = [UInt16](repeating: 0, count: ColorTable.slots)
        colors = []
        for v in order {
            var slot = ColorTable.hash(v)
            while values[slot] != 0 { slot = (slot &+ 1) & (ColorTable.slots &- 1) }
            colors.append(v)
            keys[slot] = v
            values[slot] = UInt16(truncatingIfNeeded: colors.count)
        }
    }

    /// Runs `body` with a lookup over the table's storage, so the hot loop does no
    /// array bookkeeping.
    func withLookup<R>(_ body: (Lookup) -> R) -> R {
        keys.withUnsafeBufferPointer { k in values.withUnsafeBufferPointer { v in body(Lookup(keys: k, values: v)) } }
    }

    struct Lookup {
        let keys: UnsafeBufferPointer<UInt32>
        let values: UnsafeBufferPointer<UInt16>

        /// The palette index of `v`, which must have been collected (else 0).
        @inline(__always)
        func index(of v: UInt32) -> UInt8 {
            guard let k = keys.baseAddress, let vals = values.baseAddress else { return 0 }
            var slot = ColorTable.hash(v)
            // At most 256 of the 1024 slots are used, so an empty slot ends every probe.
            while vals[slot] != 0 {
                if k[slot] == v { return UInt8(truncatingIfNeeded: vals[slot] &- 1) }
                slot = (slot &+ 1) & (ColorTable.slots &- 1)
            }
            return 0
        }
    }
}
